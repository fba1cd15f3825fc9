// The mutable search state: loan sizes per eligible pair and everything they
// use up, with exact incremental score changes.
import type { Model } from './model'

export type Pairs = { readonly staff: Int32Array; readonly request: Int32Array; readonly upper: Int32Array }

export class SearchState {
  readonly H: number
  readonly x: Int32Array
  /** New help per unit-week in tenths: received − lent. */
  readonly help10: Int32Array
  readonly staffUsed: Int32Array
  readonly staffCount: Int32Array
  readonly lent: Int32Array
  readonly requestUsed: Int32Array
  score: number
  readonly reqStart: Int32Array
  readonly reqEnd: Int32Array
  readonly reqUnit: Int32Array
  readonly reqCap: Int32Array
  readonly reqChunk: Int32Array
  readonly home: Int32Array
  readonly K: number

  constructor(
    readonly model: Model,
    readonly pairs: Pairs,
  ) {
    const { inst, H } = model
    this.H = H
    this.K = inst.policy.maxConcurrentLoans
    this.x = new Int32Array(pairs.staff.length)
    this.help10 = new Int32Array(model.gap.length)
    this.staffUsed = Int32Array.from(model.committedStaff10)
    this.staffCount = Int32Array.from(model.committedCount)
    this.lent = Int32Array.from(model.committedLent10)
    this.requestUsed = Int32Array.from(model.committedRequest10)
    this.reqStart = Int32Array.from(inst.requests.map((r) => r.start))
    this.reqEnd = Int32Array.from(inst.requests.map((r) => r.end))
    this.reqUnit = Int32Array.from(inst.requests.map((r) => r.unit))
    this.reqCap = Int32Array.from(inst.requests.map((r) => r.fte10))
    this.reqChunk = Int32Array.from(inst.requests.map((r) => r.minChunk10))
    this.home = Int32Array.from(inst.staff.map((s) => s.unit))
    let score = 0
    for (let j = 0; j < model.gap.length; j++) score += this.term(j, 0)
    this.score = score
  }

  term(j: number, help10: number) {
    const over = this.model.gap[j] - help10 / 10
    return over > 0 ? (over * over) / this.model.W[j] : 0
  }

  /** Score change if pair p changes by d tenths (feasibility not checked). */
  delta(p: number, d: number) {
    const r = this.pairs.request[p]
    const H = this.H
    const recv = this.reqUnit[r] * H
    const lend = this.home[this.pairs.staff[p]] * H
    let change = 0
    for (let t = this.reqStart[r]; t <= this.reqEnd[r]; t++) {
      const a = recv + t
      const b = lend + t
      change += this.term(a, this.help10[a] + d) - this.term(a, this.help10[a])
      change += this.term(b, this.help10[b] - d) - this.term(b, this.help10[b])
    }
    return change
  }

  /** Can pair p change by d tenths and keep every hard rule? */
  canChange(p: number, d: number) {
    const next = this.x[p] + d
    const r = this.pairs.request[p]
    if (next < 0 || next > this.pairs.upper[p]) return false
    if (next > 0 && next < this.reqChunk[r]) return false
    if (d <= 0) return true
    if (this.requestUsed[r] + d > this.reqCap[r]) return false
    const s = this.pairs.staff[p]
    const spare = this.model.spare10[s]
    const H = this.H
    const lend = this.home[s] * H
    const opening = this.x[p] === 0
    for (let t = this.reqStart[r]; t <= this.reqEnd[r]; t++) {
      if (this.staffUsed[s * H + t] + d > spare) return false
      if (opening && this.staffCount[s * H + t] + 1 > this.K) return false
      if (this.lent[lend + t] + d > this.model.lendable10[lend + t]) return false
    }
    return true
  }

  /** The largest d ≥ 0 pair p could grow by right now. */
  room(p: number) {
    const r = this.pairs.request[p]
    const s = this.pairs.staff[p]
    const H = this.H
    const lend = this.home[s] * H
    const spare = this.model.spare10[s]
    let room = Math.min(this.pairs.upper[p] - this.x[p], this.reqCap[r] - this.requestUsed[r])
    const opening = this.x[p] === 0
    for (let t = this.reqStart[r]; t <= this.reqEnd[r] && room > 0; t++) {
      if (opening && this.staffCount[s * H + t] + 1 > this.K) return 0
      room = Math.min(room, spare - this.staffUsed[s * H + t], this.model.lendable10[lend + t] - this.lent[lend + t])
    }
    if (opening && room < this.reqChunk[r]) return 0
    return Math.max(0, room)
  }

  apply(p: number, d: number, change = this.delta(p, d)) {
    const r = this.pairs.request[p]
    const s = this.pairs.staff[p]
    const H = this.H
    const recv = this.reqUnit[r] * H
    const lend = this.home[s] * H
    const before = this.x[p]
    const after = before + d
    const countChange = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0)
    for (let t = this.reqStart[r]; t <= this.reqEnd[r]; t++) {
      this.help10[recv + t] += d
      this.help10[lend + t] -= d
      this.staffUsed[s * H + t] += d
      this.staffCount[s * H + t] += countChange
      this.lent[lend + t] += d
    }
    this.requestUsed[r] += d
    this.x[p] = after
    this.score += change
  }

  /** Recomputes the score from scratch (guards against drift). */
  recompute() {
    let score = 0
    for (let j = 0; j < this.help10.length; j++) score += this.term(j, this.help10[j])
    this.score = score
    return score
  }
}
