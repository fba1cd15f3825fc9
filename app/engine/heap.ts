/** A binary max-heap of (priority, id) pairs. */
export class MaxHeap {
  private keys: number[] = []
  private ids: number[] = []

  get size() {
    return this.keys.length
  }

  push(key: number, id: number) {
    const { keys, ids } = this
    let i = keys.length
    keys.push(key)
    ids.push(id)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (keys[parent] >= key) break
      keys[i] = keys[parent]
      ids[i] = ids[parent]
      i = parent
    }
    keys[i] = key
    ids[i] = id
  }

  peekKey() {
    return this.keys[0]
  }

  pop(): [number, number] | undefined {
    const { keys, ids } = this
    if (keys.length === 0) return undefined
    const top: [number, number] = [keys[0], ids[0]]
    const lastKey = keys.pop()!
    const lastId = ids.pop()!
    if (keys.length > 0) {
      let i = 0
      const n = keys.length
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && keys[child + 1] > keys[child]) child++
        if (keys[child] <= lastKey) break
        keys[i] = keys[child]
        ids[i] = ids[child]
        i = child
      }
      keys[i] = lastKey
      ids[i] = lastId
    }
    return top
  }
}
