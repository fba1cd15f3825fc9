// Primal building blocks: a greedy by marginal relief per tenth, the exact
// re-planning of one person, and trimming of idle tenths (SPEC "No idle loans").
import { MaxHeap } from './heap'
import type { SearchState } from './state'

const EPS = 1e-9

/** Relief per tenth of the next step of pair p, or −Infinity if no step fits. */
function stepGain(state: SearchState, p: number): [number, number] {
  const r = state.pairs.request[p]
  const step = state.x[p] === 0 ? state.reqChunk[r] : 1
  if (!state.canChange(p, step)) return [-Infinity, step]
  return [-state.delta(p, step) / step, step]
}

/** Lazy greedy: the score is convex in help, so a pair's gain only falls as others are added. */
export function greedyFill(state: SearchState, candidates: Iterable<number>, deadline: number) {
  const heap = new MaxHeap()
  for (const p of candidates) {
    const [gain] = stepGain(state, p)
    if (gain > EPS) heap.push(gain, p)
  }
  let steps = 0
  while (heap.size > 0) {
    if ((++steps & 1023) === 0 && Date.now() > deadline) break
    const [, p] = heap.pop()!
    const [gain, step] = stepGain(state, p)
    if (!(gain > EPS)) continue
    if (heap.size > 0 && gain < heap.peekKey() - 1e-12) {
      heap.push(gain, p)
      continue
    }
    state.apply(p, step)
    const [next] = stepGain(state, p)
    if (next > EPS) heap.push(next, p)
  }
}

/** Undo log of changes to a state: pair, change, pair, change… */
export type Journal = number[]

export function applyLogged(state: SearchState, journal: Journal, p: number, d: number) {
  state.apply(p, d)
  journal.push(p, d)
}

/** Undoes the logged changes, newest first, and empties the log. */
export function revert(state: SearchState, journal: Journal) {
  for (let i = journal.length - 2; i >= 0; i -= 2) state.apply(journal[i], -journal[i + 1])
  journal.length = 0
}

export type Neighbourhoods = {
  byStaff: number[][]
  byRequest: number[][]
  byHomeUnit: number[][]
}

export function neighbourhoods(state: SearchState): Neighbourhoods {
  const { pairs } = state
  const byStaff: number[][] = state.model.inst.staff.map(() => [])
  const byRequest: number[][] = state.model.inst.requests.map(() => [])
  const byHomeUnit: number[][] = state.model.inst.units.map(() => [])
  for (let p = 0; p < pairs.staff.length; p++) {
    byStaff[pairs.staff[p]].push(p)
    byRequest[pairs.request[p]].push(p)
    byHomeUnit[state.home[pairs.staff[p]]].push(p)
  }
  return { byStaff, byRequest, byHomeUnit }
}

/** A small deterministic random source, so runs are repeatable. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle(list: number[], random: () => number) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = list[i]
    list[i] = list[j]
    list[j] = tmp
  }
}

/** Puts the state back to a saved solution. */
export function restore(state: SearchState, target: Int32Array) {
  const P = target.length
  for (let p = 0; p < P; p++) if (state.x[p] > target[p]) state.apply(p, target[p] - state.x[p])
  for (let p = 0; p < P; p++) if (state.x[p] < target[p]) state.apply(p, target[p] - state.x[p])
  state.recompute()
}

/** SPEC "No idle loans": remove every tenth whose removal does not raise the score. */
export function trimIdle(state: SearchState) {
  const { pairs } = state
  for (let p = 0; p < pairs.staff.length; p++) {
    while (state.x[p] > 0) {
      const chunk = state.reqChunk[pairs.request[p]]
      const d = state.x[p] > chunk ? -1 : -state.x[p]
      const change = state.delta(p, d)
      if (change > 1e-12) break
      state.apply(p, d, change)
    }
  }
}

/**
 * Re-plans one person exactly, all else fixed: their loans go, then the best
 * set of non-overlapping requests (with the best size for each) is chosen by
 * weighted interval scheduling. Non-overlapping requests touch different
 * weeks, so their values add up.
 */
export function optimizePerson(state: SearchState, nb: Neighbourhoods, s: number, journal: Journal = []) {
  const { pairs } = state
  const own = nb.byStaff[s]
  if (own.length === 0) return false
  const before = state.score
  for (const p of own) if (state.x[p] > 0) applyLogged(state, journal, p, -state.x[p])
  type Option = { p: number; amount: number; value: number; start: number; end: number }
  const options: Option[] = []
  for (const p of own) {
    const r = pairs.request[p]
    const room = state.room(p)
    if (room < state.reqChunk[r]) continue
    let best = 0
    let bestValue = EPS
    for (let a = state.reqChunk[r]; a <= room; a++) {
      const value = -state.delta(p, a)
      if (value > bestValue + 1e-12) {
        bestValue = value
        best = a
      }
    }
    if (best > 0) options.push({ p, amount: best, value: bestValue, start: state.reqStart[r], end: state.reqEnd[r] })
  }
  if (state.K === 1) {
    options.sort((a, b) => a.end - b.end)
    const n = options.length
    const dp = new Float64Array(n + 1)
    const prev = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      let k = i - 1
      while (k >= 0 && options[k].end >= options[i].start) k--
      prev[i] = k
      dp[i + 1] = Math.max(dp[i], options[i].value + dp[k + 1])
    }
    for (let i = n - 1; i >= 0; ) {
      if (options[i].value + dp[prev[i] + 1] >= dp[i + 1] - 1e-12 && options[i].value + dp[prev[i] + 1] > dp[i] + 1e-12) {
        applyLogged(state, journal, options[i].p, options[i].amount)
        i = prev[i]
      } else i--
    }
  } else {
    options.sort((a, b) => b.value / b.amount - a.value / a.amount)
    for (const o of options) {
      const room = state.room(o.p)
      if (room >= o.amount) applyLogged(state, journal, o.p, o.amount)
    }
  }
  if (state.score < before - 1e-9 * Math.max(1, Math.abs(before))) {
    journal.length = 0
    return true
  }
  revert(state, journal)
  return false
}

/** Re-plans every person in turn until nobody can do better alone. */
export function optimizeEveryone(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number) {
  const people = nb.byStaff.flatMap((list, s) => (list.length ? [s] : []))
  let rounds = 0
  let moves = 0
  for (;;) {
    rounds++
    shuffle(people, random)
    let improved = false
    for (const s of people) {
      if (Date.now() > deadline) return { rounds, moves, timedOut: true }
      if (optimizePerson(state, nb, s)) {
        improved = true
        moves++
      }
    }
    if (!improved) return { rounds, moves, timedOut: false }
  }
}
