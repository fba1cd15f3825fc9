// The mutable search state: per eligible pair, a loan's size and weeks, and
// everything they use up, with exact incremental score changes. Every check
// here is a hard rule of SPEC (versions 1 and 2), so the search only ever
// visits valid states.
import { recoveryAllows, type Model } from './model'
import type { Pairs } from './pairs'

export type { Pairs } from './pairs'

export class SearchState {
  readonly H: number
  /** Tenths per pair (0: no loan). */
  readonly x: Int32Array
  /** The pair's period: the loan's weeks when x > 0, the weeks it would open on otherwise. */
  readonly pa: Int32Array
  readonly pb: Int32Array
  /** New help per unit-week in tenths: received − lent. */
  readonly help10: Int32Array
  readonly staffUsed: Int32Array
  readonly staffCount: Int32Array
  readonly lent: Int32Array
  /** Tenths per request-week (rule 4 is per week). */
  readonly requestUsed: Int32Array
  /** Lent weeks per person-window (rule 6), when there is a recovery rule. */
  readonly windowCount: Int32Array | null
  score: number
  readonly reqStart: Int32Array
  readonly reqEnd: Int32Array
  readonly reqUnit: Int32Array
  readonly reqCap: Int32Array
  readonly reqChunk: Int32Array
  readonly reqMinWeeks: Int32Array
  readonly home: Int32Array
  readonly K: number
  /** Pairs with one possible period (lo..hi is exactly minWeeks weeks; all of version 1): no choice of weeks to make. */
  readonly onePeriod: Uint8Array
  /** Every pair has one period and there is no recovery rule: version 1's fast paths apply throughout. */
  readonly allOnePeriod: boolean
  private readonly added: Int32Array

  constructor(
    readonly model: Model,
    readonly pairs: Pairs,
  ) {
    const { inst, H } = model
    this.H = H
    this.K = inst.policy.maxConcurrentLoans
    this.x = new Int32Array(pairs.staff.length)
    this.pa = Int32Array.from(pairs.start)
    this.pb = Int32Array.from(pairs.end)
    this.help10 = new Int32Array(model.gap.length)
    this.staffUsed = Int32Array.from(model.committedStaff10)
    this.staffCount = Int32Array.from(model.committedCount)
    this.lent = Int32Array.from(model.committedLent10)
    this.requestUsed = Int32Array.from(model.committedRequest10)
    this.windowCount = model.recovery ? Int32Array.from(model.recovery.baseCount) : null
    this.reqStart = Int32Array.from(inst.requests.map((r) => r.start))
    this.reqEnd = Int32Array.from(inst.requests.map((r) => r.end))
    this.reqUnit = Int32Array.from(inst.requests.map((r) => r.unit))
    this.reqCap = Int32Array.from(inst.requests.map((r) => r.fte10))
    this.reqChunk = Int32Array.from(inst.requests.map((r) => r.minChunk10))
    this.reqMinWeeks = Int32Array.from(inst.requests.map((r) => r.minWeeks))
    this.home = Int32Array.from(inst.staff.map((s) => s.unit))
    this.added = new Int32Array(H)
    this.onePeriod = Uint8Array.from(pairs.staff, (_, p) => (pairs.hi[p] - pairs.lo[p] + 1 === inst.requests[pairs.request[p]].minWeeks ? 1 : 0))
    this.allOnePeriod = !model.recovery && this.onePeriod.every((v) => v === 1)
    let score = 0
    for (let j = 0; j < model.gap.length; j++) score += this.term(j, 0)
    this.score = score
  }

  term(j: number, help10: number) {
    const over = this.model.gap[j] - help10 / 10
    return over > 0 ? (over * over) / this.model.W[j] : 0
  }

  /** Score change of d more tenths in one week of a loan from unit `lend` to unit `recv`. */
  weekDelta(recv: number, lend: number, t: number, d: number) {
    const a = recv + t
    const b = lend + t
    return this.term(a, this.help10[a] + d) - this.term(a, this.help10[a]) + this.term(b, this.help10[b] - d) - this.term(b, this.help10[b])
  }

  /** Score change if pair p changes by d tenths over its period (feasibility not checked). */
  delta(p: number, d: number) {
    const r = this.pairs.request[p]
    const H = this.H
    const recv = this.reqUnit[r] * H
    const lend = this.home[this.pairs.staff[p]] * H
    let change = 0
    for (let t = this.pa[p]; t <= this.pb[p]; t++) change += this.weekDelta(recv, lend, t, d)
    return change
  }

  /** Score change if pair p's loan becomes x tenths over a..b (feasibility not checked). */
  deltaTo(p: number, x: number, a: number, b: number) {
    const r = this.pairs.request[p]
    const H = this.H
    const recv = this.reqUnit[r] * H
    const lend = this.home[this.pairs.staff[p]] * H
    const x0 = this.x[p]
    const a0 = this.pa[p]
    const b0 = this.pb[p]
    let change = 0
    for (let t = Math.min(a, x0 > 0 ? a0 : a); t <= Math.max(b, x0 > 0 ? b0 : b); t++) {
      const d = (t >= a && t <= b ? x : 0) - (x0 > 0 && t >= a0 && t <= b0 ? x0 : 0)
      if (d !== 0) change += this.weekDelta(recv, lend, t, d)
    }
    return change
  }

  /** Is the person free to be lent in a..b under rule 6, given their loans but pair p's? */
  recoveryFits(p: number, a: number, b: number) {
    const rec = this.model.recovery
    if (!rec) return true
    const s = this.pairs.staff[p]
    const H = this.H
    const x0 = this.x[p]
    let n = 0
    // Weeks that become lent: not lent now (other than by p itself).
    for (let t = a; t <= b; t++) {
      const own = x0 > 0 && t >= this.pa[p] && t <= this.pb[p] ? 1 : 0
      if (this.staffCount[s * H + t] - own === 0 && !own) this.added[n++] = t
    }
    if (n === 0) return true
    if (x0 > 0) {
      // Weeks p would leave may free windows; the check counting only additions is stricter, so use it only if it passes.
      if (recoveryAllows(this.model.recovery!, this.windowCount!, s, this.added, n)) return true
      return this.recoveryFitsExactly(p, a, b)
    }
    return recoveryAllows(this.model.recovery!, this.windowCount!, s, this.added, n)
  }

  /** Rule 6 for moving p's loan to a..b, counting the weeks it leaves. */
  private recoveryFitsExactly(p: number, a: number, b: number) {
    const rec = this.model.recovery!
    const s = this.pairs.staff[p]
    const row = s * rec.NW
    const H = this.H
    for (let i = Math.min(a, this.pa[p]); i <= Math.min(rec.NW - 1, Math.max(b, this.pb[p]) + rec.W - 1); i++) {
      let change = 0
      for (let t = Math.max(0, i - rec.W + 1); t <= Math.min(H - 1, i); t++) {
        const own = t >= this.pa[p] && t <= this.pb[p] ? 1 : 0
        const after = t >= a && t <= b ? 1 : 0
        const others = this.staffCount[s * H + t] - own
        if (others === 0) change += after - own
      }
      if (change > 0 && this.windowCount![row + i] + change > rec.cap[row + i]) return false
    }
    return true
  }

  /** Can pair p change by d tenths and keep every hard rule? */
  canChange(p: number, d: number) {
    const next = this.x[p] + d
    const r = this.pairs.request[p]
    if (next < 0 || next > this.pairs.upper[p]) return false
    if (next > 0 && next < this.reqChunk[r]) return false
    if (d <= 0) return true
    const s = this.pairs.staff[p]
    const spare = this.model.spare10[s]
    const H = this.H
    const lend = this.home[s] * H
    const req = r * H
    const opening = this.x[p] === 0
    const cap = this.reqCap[r]
    for (let t = this.pa[p]; t <= this.pb[p]; t++) {
      if (this.staffUsed[s * H + t] + d > spare) return false
      if (opening && this.staffCount[s * H + t] + 1 > this.K) return false
      if (this.lent[lend + t] + d > this.model.lendable10[lend + t]) return false
      if (this.requestUsed[req + t] + d > cap) return false
    }
    return !opening || this.recoveryFits(p, this.pa[p], this.pb[p])
  }

  /** The largest d ≥ 0 pair p could grow by right now over its period. */
  room(p: number) {
    const r = this.pairs.request[p]
    const s = this.pairs.staff[p]
    const H = this.H
    const lend = this.home[s] * H
    const req = r * H
    const spare = this.model.spare10[s]
    const cap = this.reqCap[r]
    let room = this.pairs.upper[p] - this.x[p]
    const opening = this.x[p] === 0
    for (let t = this.pa[p]; t <= this.pb[p] && room > 0; t++) {
      if (opening && this.staffCount[s * H + t] + 1 > this.K) return 0
      room = Math.min(room, spare - this.staffUsed[s * H + t], this.model.lendable10[lend + t] - this.lent[lend + t], cap - this.requestUsed[req + t])
    }
    if (opening && (room < this.reqChunk[r] || !this.recoveryFits(p, this.pa[p], this.pb[p]))) return 0
    return Math.max(0, room)
  }

  /**
   * The most tenths pair p could carry over a..b, its own loan aside (every
   * rule but rule 6, which `recoveryFits` checks); 0 when the weeks cannot
   * hold a loan at all (away, outside the request, too short, no room).
   */
  roomOver(p: number, a: number, b: number) {
    const r = this.pairs.request[p]
    if (a < this.reqStart[r] || b > this.reqEnd[r] || b - a + 1 < this.reqMinWeeks[r]) return 0
    const s = this.pairs.staff[p]
    const H = this.H
    const row = s * (H + 1)
    if (this.model.absentBefore[row + b + 1] - this.model.absentBefore[row + a] !== 0) return 0
    const lend = this.home[s] * H
    const req = r * H
    const spare = this.model.spare10[s]
    const cap = this.reqCap[r]
    const x0 = this.x[p]
    let room = this.pairs.upper[p]
    for (let t = a; t <= b && room > 0; t++) {
      const own = x0 > 0 && t >= this.pa[p] && t <= this.pb[p] ? x0 : 0
      if (this.staffCount[s * H + t] - (own > 0 ? 1 : 0) + 1 > this.K) return 0
      room = Math.min(room, spare - this.staffUsed[s * H + t] + own, this.model.lendable10[lend + t] - this.lent[lend + t] + own, cap - this.requestUsed[req + t] + own)
    }
    return room >= this.reqChunk[r] ? room : 0
  }

  /** Can pair p's loan become x tenths over a..b, every hard rule kept? */
  fits(p: number, x: number, a: number, b: number) {
    if (x === 0) return true
    return x >= this.reqChunk[this.pairs.request[p]] && x <= this.roomOver(p, a, b) && this.recoveryFits(p, a, b)
  }

  apply(p: number, d: number, change = this.delta(p, d)) {
    const r = this.pairs.request[p]
    const s = this.pairs.staff[p]
    const H = this.H
    const recv = this.reqUnit[r] * H
    const lend = this.home[s] * H
    const req = r * H
    const before = this.x[p]
    const after = before + d
    const countChange = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0)
    for (let t = this.pa[p]; t <= this.pb[p]; t++) {
      this.help10[recv + t] += d
      this.help10[lend + t] -= d
      this.staffUsed[s * H + t] += d
      this.lent[lend + t] += d
      this.requestUsed[req + t] += d
      if (countChange !== 0) {
        const was = this.staffCount[s * H + t]
        this.staffCount[s * H + t] = was + countChange
        // A week turns lent or free: every window holding it changes.
        if (this.windowCount && (was === 0 || was + countChange === 0)) this.countWeek(s, t, countChange)
      }
    }
    this.x[p] = after
    this.score += change
  }

  private countWeek(s: number, t: number, change: number) {
    const rec = this.model.recovery!
    const row = s * rec.NW
    for (let i = t; i <= t + rec.W - 1; i++) this.windowCount![row + i] += change
  }

  /** Moves pair p's loan (or its planned weeks, without a loan) to x tenths over a..b. */
  set(p: number, x: number, a: number, b: number) {
    if (this.x[p] > 0) this.apply(p, -this.x[p])
    this.pa[p] = a
    this.pb[p] = b
    if (x > 0) this.apply(p, x)
  }

  /** Recomputes the score from scratch (guards against drift). */
  recompute() {
    let score = 0
    for (let j = 0; j < this.help10.length; j++) score += this.term(j, this.help10[j])
    this.score = score
    return score
  }

  /** Σ fte10 × weeks over the loans. */
  tenthWeeks() {
    let sum = 0
    for (let p = 0; p < this.x.length; p++) if (this.x[p] > 0) sum += this.x[p] * (this.pb[p] - this.pa[p] + 1)
    return sum
  }
}
