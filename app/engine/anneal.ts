// Simulated annealing over loan sizes. The score depends only on how much
// help each unit-week gets, so many assignments score the same and the
// constraints (donor limits, personal caps, one loan at a time) are tight:
// plain improving moves stall. The moves below therefore make room first
// (eject or shrink the loans that block a change) and then re-place what the
// ejected loans carried, and the search accepts equal or slightly worse
// states so it can wander across plateaus. Every state it visits is valid.
import { applyLogged, bestPeriod, copyInto, restore, revert, setLogged, snapshot, type Journal, type Neighbourhoods } from './search'
import type { SearchState } from './state'

export class Annealer {
  private readonly journal: Journal = []
  private readonly lost: number[] = []
  private readonly pairIndex = new Map<number, number>()
  private readonly S: number
  iterations = 0
  /** Steps allowed per request when re-placing displaced tenths. */
  private readonly refill = 3
  /** Share of openings made at the pair's full size rather than its minimum chunk. */
  private readonly fullOpen = 0.3
  /** Pairs looked at when re-placing tenths on a long request. */
  private readonly sample = 32
  /**
   * Pairs to start most moves from (set after a price start: its loans and
   * the pairs the bound's plans use most). On own-large-1 at 2 s, 90 % of
   * the moves there ended about 30 points (0.15 %) lower than uniform picks
   * over all 37,000 pairs, most of which no good answer uses.
   */
  focus: Int32Array | null = null
  private readonly focusShare = 0.9

  constructor(
    private readonly state: SearchState,
    private readonly nb: Neighbourhoods,
    private readonly random: () => number,
  ) {
    const { pairs } = state
    this.S = state.model.inst.staff.length
    for (let p = 0; p < pairs.staff.length; p++) this.pairIndex.set(pairs.request[p] * this.S + pairs.staff[p], p)
  }

  private apply(p: number, d: number) {
    applyLogged(this.state, this.journal, p, d)
  }

  /** Takes at least `need` tenths off loan q (all of it if the rest would fall below the chunk). */
  private shrink(q: number, need: number) {
    const s = this.state
    const x = s.x[q]
    this.apply(q, -(x - need >= s.reqChunk[s.pairs.request[q]] ? need : x))
  }

  private pick(list: number[], skip: number, week = -1) {
    const s = this.state
    // A few random probes first (cheap on long lists), then reservoir sampling
    // over the open loans in the list (covering `week` if given).
    if (list.length > 16) {
      for (let k = 0; k < 8; k++) {
        const o = list[Math.floor(this.random() * list.length)]
        if (o === skip || s.x[o] === 0) continue
        if (week >= 0 && (week < s.pa[o] || week > s.pb[o])) continue
        return o
      }
    }
    let chosen = -1
    let seen = 0
    for (const o of list) {
      if (o === skip || s.x[o] === 0) continue
      if (week >= 0 && (week < s.pa[o] || week > s.pb[o])) continue
      if (this.random() * ++seen < 1) chosen = o
    }
    return chosen
  }

  /** Frees what x_q += a needs over q's weeks: room in the request, the person's weeks, the lending unit's weeks, rule 6. */
  private makeRoom(q: number, a: number) {
    const s = this.state
    const { H } = s
    const r = s.pairs.request[q]
    const st = s.pairs.staff[q]
    const qa = s.pa[q]
    const qb = s.pb[q]
    // Rule 4 is per week: shrink a loan covering the fullest week.
    for (let tries = 0; tries < 3; tries++) {
      let worst = -1
      let need = 0
      for (let t = qa; t <= qb; t++) {
        const e = s.requestUsed[r * H + t] + a - s.reqCap[r]
        if (e > need) {
          need = e
          worst = t
        }
      }
      if (worst < 0) break
      const o = this.pick(this.nb.byRequest[r], q, worst)
      if (o < 0) return false
      this.shrink(o, need)
    }
    const opening = s.x[q] === 0
    for (const o of this.nb.byStaff[st]) {
      if (o === q || s.x[o] === 0) continue
      const ro = s.pairs.request[o]
      const from = Math.max(qa, s.pa[o])
      const to = Math.min(qb, s.pb[o])
      if (from > to) continue
      let excess = 0
      let full = false
      for (let t = from; t <= to; t++) {
        excess = Math.max(excess, s.staffUsed[st * H + t] + a - s.model.spare10[st])
        if (opening && s.staffCount[st * H + t] + 1 > s.K) full = true
      }
      if (full) {
        this.lost.push(ro)
        this.apply(o, -s.x[o])
      } else if (excess > 0) {
        this.lost.push(ro)
        this.shrink(o, excess)
      }
    }
    const home = s.home[st]
    for (let tries = 0; tries < 4; tries++) {
      let worst = -1
      let excess = 0
      for (let t = qa; t <= qb; t++) {
        const e = s.lent[home * H + t] + a - s.model.lendable10[home * H + t]
        if (e > excess) {
          excess = e
          worst = t
        }
      }
      if (worst < 0) break
      const o = this.pick(this.nb.byHomeUnit[home], q, worst)
      if (o < 0) return false
      this.lost.push(s.pairs.request[o])
      this.shrink(o, excess)
    }
    if (opening && s.windowCount && !s.recoveryFits(q, qa, qb)) {
      // Rule 6: another loan of the person gives way.
      const o = this.pick(this.nb.byStaff[st], q)
      if (o < 0) return false
      this.lost.push(s.pairs.request[o])
      this.apply(o, -s.x[o])
    }
    return s.canChange(q, a)
  }

  /** Weeks for a new loan of a tenths on q: mostly the best that fit now, sometimes its planned ones (room is made there). */
  private placeWeeks(q: number, a: number) {
    const s = this.state
    if (s.x[q] > 0 || this.random() < 0.25) return
    const found = bestPeriod(s, q, a)
    if (found) setLogged(s, this.journal, q, 0, found.a, found.b)
  }

  /** Grows pair q by a, making room if needed. */
  private grow(q: number, a: number) {
    const s = this.state
    if (s.x[q] + a > s.pairs.upper[q]) return false
    this.placeWeeks(q, a)
    if (!s.canChange(q, a) && !this.makeRoom(q, a)) return false
    this.apply(q, a)
    return true
  }

  /** Re-places tenths on the requests that lost some: best steps among their pairs, while they help. */
  private compensate() {
    const s = this.state
    for (let i = 0; i < this.lost.length; i++) {
      const r = this.lost[i]
      for (let steps = 0; steps < this.refill; steps++) {
        let best = -1
        let bestDelta = -1e-12
        let bestAmount = 0
        let bestA = -1
        let bestB = -1
        const list = this.nb.byRequest[r]
        // Long lists are sampled: enough for a good step, and cheap on large instances.
        const tries = Math.min(list.length, this.sample)
        for (let k = 0; k < tries; k++) {
          const o = tries === list.length ? list[k] : list[Math.floor(this.random() * list.length)]
          if (s.x[o] === 0) {
            const found = bestPeriod(s, o, s.reqChunk[r])
            if (found && -found.gain / s.reqChunk[r] < bestDelta) {
              bestDelta = -found.gain / s.reqChunk[r]
              best = o
              bestAmount = s.reqChunk[r]
              bestA = found.a
              bestB = found.b
            }
            continue
          }
          const room = s.room(o)
          if (room <= 0) continue
          const a = Math.min(room, 1 + Math.floor(this.random() * room))
          const d = s.delta(o, a) / a
          if (d < bestDelta) {
            bestDelta = d
            best = o
            bestAmount = a
            bestA = -1
          }
        }
        if (best < 0) break
        if (bestA >= 0) setLogged(s, this.journal, best, bestAmount, bestA, bestB)
        else this.apply(best, bestAmount)
      }
    }
  }

  /** Two people trade requests: A leaves r1 for r2, B leaves r2 for r1. */
  private swap(p: number) {
    const s = this.state
    const A = s.pairs.staff[p]
    const r1 = s.pairs.request[p]
    const list = this.nb.byRequest[r1]
    const p2 = list[Math.floor(this.random() * list.length)]
    const B = s.pairs.staff[p2]
    if (B === A || s.x[p2] > 0) return false
    const q = this.pick(this.nb.byStaff[B], p2)
    if (q < 0) return false
    const q2 = this.pairIndex.get(s.pairs.request[q] * this.S + A)
    if (q2 === undefined || s.x[q2] > 0) return false
    const xa = s.x[p]
    const xb = s.x[q]
    this.apply(p, -xa)
    this.apply(q, -xb)
    for (const [o, amount] of [
      [p2, xa],
      [q2, xb],
    ] as const) {
      const chunk = s.reqChunk[s.pairs.request[o]]
      const want = Math.max(chunk, Math.min(amount, s.pairs.upper[o]))
      const full = bestPeriod(s, o, want)
      const found = full ?? (want > chunk ? bestPeriod(s, o, chunk) : null)
      if (found) setLogged(s, this.journal, o, full ? want : chunk, found.a, found.b)
      else if (!this.grow(o, chunk)) return false
    }
    return true
  }

  private move() {
    const s = this.state
    const P = s.pairs.staff.length
    const focus = this.focus
    const p = focus && this.random() < this.focusShare ? focus[Math.floor(this.random() * focus.length)] : Math.floor(this.random() * P)
    const r = s.pairs.request[p]
    const chunk = s.reqChunk[r]
    const x = s.x[p]
    const m = this.random()
    this.lost.length = 0
    if (x > 0 && m < 0.25) {
      if (!this.swap(p)) return false
      if (this.random() < 0.5) this.compensate()
      return true
    }
    if (x === 0 || m < 0.45) {
      const full = this.random() < this.fullOpen
      const a = x === 0 ? (full ? Math.max(chunk, s.pairs.upper[p]) : chunk + (this.random() < 0.3 ? Math.floor(this.random() * 3) : 0)) : 1
      if (!this.grow(p, a)) return false
      if (this.random() < 0.7) this.compensate()
      return true
    }
    if (m < 0.52 && s.reqMinWeeks[r] < s.reqEnd[r] - s.reqStart[r] + 1) return this.moveWeeks(p)
    if (m < 0.6) {
      this.apply(p, -(x - 1 >= chunk ? 1 : x))
      if (this.random() < 0.5) {
        this.lost.push(r)
        this.compensate()
      }
      return true
    }
    // Shift tenths to a neighbour: same request, same lending unit or same person.
    const k = this.random()
    const list = k < 0.4 ? this.nb.byRequest[r] : k < 0.8 ? this.nb.byHomeUnit[s.home[s.pairs.staff[p]]] : this.nb.byStaff[s.pairs.staff[p]]
    const q = list[Math.floor(this.random() * list.length)]
    if (q === p) return false
    const d = x - 1 >= chunk && this.random() < 0.6 ? 1 : x
    this.apply(p, -d)
    const a = s.x[q] === 0 ? Math.max(s.reqChunk[s.pairs.request[q]], d) : d
    if (!this.grow(q, a)) return false
    if (this.random() < 0.5) {
      this.lost.push(r)
      this.compensate()
    }
    return true
  }

  /** Changes a loan's weeks: one more or one less at an end, or the best weeks for its tenths now. */
  private moveWeeks(p: number) {
    const s = this.state
    const x = s.x[p]
    const a = s.pa[p]
    const b = s.pb[p]
    const k = this.random()
    if (k < 0.35) {
      const [na, nb] = this.random() < 0.5 ? [a - 1, b] : [a, b + 1]
      if (!s.fits(p, x, na, nb)) return false
      setLogged(s, this.journal, p, x, na, nb)
      return true
    }
    if (k < 0.6) {
      const [na, nb] = this.random() < 0.5 ? [a + 1, b] : [a, b - 1]
      if (nb - na + 1 < s.reqMinWeeks[s.pairs.request[p]]) return false
      setLogged(s, this.journal, p, x, na, nb)
      this.lost.push(s.pairs.request[p])
      this.compensate()
      return true
    }
    setLogged(s, this.journal, p, 0, a, b)
    const found = bestPeriod(s, p, x)
    if (!found) return false
    setLogged(s, this.journal, p, x, found.a, found.b)
    return true
  }

  /**
   * Anneals from the current state until the deadline, cooling geometrically
   * from t0 to t1; leaves the state at the best solution seen.
   */
  run(deadline: number, t0: number, t1: number) {
    const s = this.state
    const bestX = snapshot(s)
    let best = s.score
    const started = Date.now()
    const span = Math.max(1, deadline - started)
    let temperature = t0
    let steps = 0
    for (;;) {
      if ((++steps & 127) === 0) {
        const now = Date.now()
        if (now >= deadline) break
        temperature = t0 * Math.pow(t1 / t0, (now - started) / span)
      }
      const before = s.score
      if (!this.move()) {
        revert(this.state, this.journal)
        continue
      }
      const worse = s.score - before
      if (worse <= 1e-12 || this.random() < Math.exp(-worse / temperature)) {
        this.journal.length = 0
        if (s.score < best - 1e-9 * Math.max(1, best)) {
          best = s.score
          copyInto(bestX, s)
        }
      } else revert(this.state, this.journal)
    }
    this.iterations += steps
    restore(s, bestX)
  }
}
