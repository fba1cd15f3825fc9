// A proven lower bound on the optimal score, by Lagrangian relaxation.
//
// The score is a sum of convex terms φ(h) of the new help h per unit-week, so
// for any price λ ≥ 0, φ(h) ≥ q(λ) − λ·h with q(λ) = min over h of φ(h) + λh.
// Pricing request sizes per week (μ), lending limits (ν) and, with one loan
// at a time, the recovery windows (ρ: a loan's lent weeks are then its
// length) leaves one small problem per person: loans in disjoint weeks of
// the best reduced value, each inside a run of weeks it could use. A sweep
// over the weeks solves it exactly (weighted interval scheduling over every
// period of every pair, the best start for each end from a monotone queue;
// the interval LP is integral). With one loan at a time, "one loan per pair"
// is priced too (σ; without it the relaxation would lend a person on both
// sides of an absence). With one loan at a time each chosen loan is
// priced at its pair's upper bound (often below the spare): a stronger bound
// than the plain LP relaxation. Rules the relaxation drops (one loan per
// pair, minimum chunks) only make it weaker, never wrong. Every choice of
// prices gives a valid bound; subgradient steps improve it, and the prices
// persist between calls so the anytime loop keeps tightening.
//
// Where every pair has one possible period (version 1, or version 2 with
// minWeeks the whole run) and no recovery window can bind, the version-1
// structures do the same job far faster: each pair's reduced value is O(1)
// from prefix sums, request sizes take one price per request (every loan to
// it covers the same weeks, so its tightest week is the only one that
// matters), "one loan per pair" holds by itself (disjoint weeks), and each
// person's loans are chosen by interval scheduling over their pairs sorted
// by end week. The sweep over weeks × pairs cost 10–20 times as much there,
// and left the bound few iterations in 2 s.
import type { Model } from './model'
import { weekRoom, type Pairs } from './pairs'

/** What a run of the bound starts from: the help per unit-week (tenths) of a known solution. */
export type BoundStart = { readonly help10: ArrayLike<number> }

/**
 * Called once per iteration with the best bound so far: returns the
 * current target (an upper bound on the optimum, lower is better), or null
 * to make `run` return now. The bound's own thread uses it to hear the
 * searching thread's new scores while it works.
 */
export type BoundPoll = (best: number) => number | null

/** One kind of price: values, subgradient, deflected direction, best values, and a step scale. */
class Prices {
  readonly value: Float64Array
  readonly grad: Float64Array
  readonly dir: Float64Array
  readonly best: Float64Array
  constructor(
    n: number,
    readonly scale: number,
  ) {
    this.value = new Float64Array(n)
    this.grad = new Float64Array(n)
    this.dir = new Float64Array(n)
    this.best = new Float64Array(n)
  }
}

/** Each iteration's weight in `usage` decays by this factor per iteration (about the last 30 count): 0.9–0.995 started about as well. */
const USAGE_DECAY = 0.97

/**
 * The subgradient's first step (θ), the fewest stalled iterations before it
 * halves, and the step scales of the unit-week prices (λ) and the request
 * prices (μ). The general sweep costs about 10 ms an iteration on large
 * version-2 instances (31,000–45,000 pairs), so a 2 s run gets about 100:
 * measured there, a smaller first step, halving sooner and a larger λ scale
 * reached in 1 s what the fast path's settings reached in 2 s (own-large-1-v2
 * 29,465 against 29,298; other-large-1-v2 79,398 against 78,391). On the fast
 * path (500 iterations a second) the original settings stay best.
 */
const FAST_PATH_TUNING = { theta: 1, minPatience: 20, lambdaScale: 3, muScale: 1 }
const SWEEP_TUNING = { theta: 0.5, minPatience: 5, lambdaScale: 10, muScale: 0.3 }

export class LagrangianBound {
  /** Reduced value per tenth of each pair's best weeks at the best prices so far, and those weeks. */
  readonly reducedCost: Float64Array
  readonly reducedStart: Int32Array
  readonly reducedEnd: Int32Array
  /** How often each pair was on its person's plan in recent iterations (a decaying count): an estimate of the LP's solution, for the price start. */
  readonly usage: Float64Array
  best = -Infinity
  iterations = 0
  private theta: number
  private sinceBest = 0
  private msPerIteration = 0
  private lastTarget = Infinity
  private readonly theta0 = 0.3
  private readonly minPatience: number
  private readonly H: number
  private readonly UH: number
  private readonly lambda: Prices
  private readonly nu: Prices
  private readonly mu: Prices
  private readonly rho: Prices
  private readonly sigma: Prices
  private readonly hMin: Float64Array
  private readonly hMax: Float64Array
  private readonly requestRoom: Float64Array
  private readonly lendRoom: Float64Array
  private readonly budget: Float64Array
  private readonly capacity: Float64Array
  /** Pairs grouped by person: pairs firstOf[s] .. firstOf[s+1]−1 of `order`. */
  private readonly order: Int32Array
  private readonly firstOf: Int32Array
  private readonly weight: Float64Array
  private readonly scaleOf: Float64Array
  private readonly usable: Uint8Array[]
  private readonly recvOf: Int32Array
  private readonly homeOf: Int32Array
  private readonly single: boolean
  /** Recovery windows priced per person (one loan at a time only): indexes into rho, and per person its range. */
  private readonly tight: Uint8Array
  private readonly rhoRow: Int32Array
  private readonly NW: number
  private readonly W: number
  private readonly prefixLambda: Float64Array
  private readonly prefixNu: Float64Array
  private readonly prefixMu: Float64Array
  private readonly prefixPi: Float64Array
  private readonly windowSums: Float64Array
  private readonly requestPart: Float64Array
  private readonly homePart: Float64Array
  private readonly f: Float64Array
  private readonly choicePair: Int32Array
  private readonly choiceStart: Int32Array
  /**
   * The general sweep works on positions in `order` (a person's pairs side
   * by side in memory), not on pair numbers. Per position, its Q over weeks
   * lo..hi+1 in one flat buffer: week t at Q[qBase[i] + t].
   */
  private readonly Q: Float64Array
  private readonly qBase: Int32Array
  /**
   * The only (position, week) steps of the sweep that can end a loan: the
   * week is usable and at least minWeeks into its run of usable weeks. Per
   * person and week, steps stepAt[s·H + t] .. stepAt[s·H + t + 1] − 1, each
   * with its position and the first week of its run. Skipping the others
   * (weeks outside the pair, or too early in a run) took the sweep from
   * every pair × every week to the work that matters.
   */
  private readonly stepAt: Int32Array
  private readonly stepPos: Int32Array
  private readonly stepRun: Int32Array
  /** The sweep's running best start per position (its key and week), and the run it belongs to. */
  private readonly bestKey: Float64Array
  private readonly bestStart: Int32Array
  private readonly currentRun: Int32Array
  private readonly minWeeksAt: Int32Array
  private readonly sigmaAt: Float64Array
  private readonly minWeeks: Int32Array
  private readonly chosen: number[] = []
  /** One period per pair and no recovery price: the version-1 fast path (see the top of the file). */
  readonly fixed: boolean
  /** Fast path: each pair's reduced value per tenth, and per position in `order` the last earlier pair of the person ending before it starts. */
  private readonly cost: Float64Array
  private readonly prevOf: Int32Array
  private readonly dp: Float64Array
  private readonly take: Uint8Array

  constructor(
    private readonly model: Model,
    private readonly pairs: Pairs,
    start: BoundStart,
  ) {
    const { inst, H } = model
    const U = inst.units.length
    const R = inst.requests.length
    const S = inst.staff.length
    const P = pairs.staff.length
    this.H = H
    const UH = (this.UH = U * H)
    this.single = inst.policy.maxConcurrentLoans === 1
    const rec = model.recovery
    this.W = rec?.W ?? 1
    this.NW = rec?.NW ?? 0
    // One possible period per pair: a run of exactly minWeeks weeks (all of them with room).
    let onePeriod = true
    for (let p = 0; p < P && onePeriod; p++) onePeriod = pairs.hi[p] - pairs.lo[p] + 1 === inst.requests[pairs.request[p]].minWeeks
    // Recovery windows that could bind are checked below; with them the general sweep prices them.
    const recoveryMayBind = this.single && rec !== null && onePeriod && recoveryCouldBind(model, pairs)
    this.fixed = onePeriod && !recoveryMayBind
    const tuning = this.fixed ? FAST_PATH_TUNING : SWEEP_TUNING
    this.theta = tuning.theta
    this.minPatience = tuning.minPatience
    this.lambda = new Prices(UH, tuning.lambdaScale)
    this.nu = new Prices(UH, 1)
    this.mu = new Prices(this.fixed ? R : R * H, tuning.muScale)
    this.sigma = new Prices(this.single && !this.fixed ? P : 0, 1)
    // Recovery prices only for people whose windows can bind (rows of NW, in rhoRow order).
    this.rhoRow = new Int32Array(S).fill(-1)
    this.hMin = new Float64Array(UH)
    this.hMax = new Float64Array(UH)
    this.requestRoom = new Float64Array(this.fixed ? R : R * H)
    this.lendRoom = new Float64Array(UH)
    this.recvOf = new Int32Array(P)
    this.homeOf = new Int32Array(P)
    const isLender = new Uint8Array(U)
    const hasPairs = new Uint8Array(R)
    for (let p = 0; p < P; p++) {
      isLender[inst.staff[pairs.staff[p]].unit] = 1
      hasPairs[pairs.request[p]] = 1
      this.recvOf[p] = inst.requests[pairs.request[p]].unit
      this.homeOf[p] = inst.staff[pairs.staff[p]].unit
    }
    inst.requests.forEach((r, i) => {
      if (!hasPairs[i]) return
      let least = Infinity
      for (let t = r.start; t <= r.end; t++) {
        const room = Math.max(0, r.fte10 - model.committedRequest10[i * H + t])
        least = Math.min(least, room)
        if (this.fixed) continue
        this.requestRoom[i * H + t] = room
        this.hMax[r.unit * H + t] += room / 10
      }
      // Fast path: every loan covers the request's period (its pairs' one period), so its tightest week limits all.
      if (!this.fixed) return
      this.requestRoom[i] = least
      for (let t = r.start; t <= r.end; t++) this.hMax[r.unit * H + t] += least / 10
    })
    // Ranges of new help per unit-week that any valid solution stays within.
    for (let j = 0; j < UH; j++) {
      this.lendRoom[j] = Math.max(0, model.lendable10[j] - model.committedLent10[j])
      if (isLender[Math.floor(j / H)]) this.hMin[j] = -this.lendRoom[j] / 10
    }
    // Person capacity: the most they could lend in any week (a relaxation).
    this.capacity = new Float64Array(S)
    for (let s = 0; s < S; s++) {
      let minCommitted = Infinity
      for (let t = 0; t < H; t++) minCommitted = Math.min(minCommitted, model.committedStaff10[s * H + t])
      this.capacity[s] = Math.max(0, model.spare10[s] - minCommitted)
    }
    const lists: number[][] = Array.from({ length: S }, () => [])
    for (let p = 0; p < P; p++) lists[pairs.staff[p]].push(p)
    this.order = new Int32Array(P)
    this.firstOf = new Int32Array(S + 1)
    this.weight = new Float64Array(P)
    this.scaleOf = new Float64Array(S)
    this.usable = new Array(P)
    let at = 0
    this.prevOf = new Int32Array(this.fixed ? P : 0)
    for (let s = 0; s < S; s++) {
      this.firstOf[s] = at
      const from = at
      // By last week, so the fast path's interval scheduling can look back.
      for (const p of lists[s].sort((a, b) => pairs.hi[a] - pairs.hi[b])) {
        this.order[at] = p
        if (this.fixed) {
          let k = at - 1
          while (k >= from && pairs.hi[this.order[k]] >= pairs.lo[p]) k--
          this.prevOf[at] = k
        }
        at++
      }
      this.scaleOf[s] = this.single ? 1 : this.capacity[s]
    }
    this.firstOf[S] = at
    this.cost = new Float64Array(this.fixed ? P : 0)
    this.dp = new Float64Array(this.fixed ? P : 0)
    this.take = new Uint8Array(this.fixed ? P : 0)
    for (let p = 0; p < P; p++) {
      this.weight[p] = this.single ? this.amount(p) : 1
      // Weeks a loan of the pair could ever cover: room for the minimum chunk after commitments (not needed on the fast path).
      if (this.fixed) continue
      const lo = pairs.lo[p]
      const mask = new Uint8Array(pairs.hi[p] - lo + 1)
      const chunk = inst.requests[pairs.request[p]].minChunk10
      for (let t = lo; t <= pairs.hi[p]; t++) mask[t - lo] = weekRoom(model, pairs.staff[p], pairs.request[p], t) >= chunk ? 1 : 0
      this.usable[p] = mask
    }
    // Recovery windows that can bind: more weeks the person could be lent in than the window allows.
    this.tight = new Uint8Array(S)
    const budgets: number[] = []
    if (this.single && rec && !this.fixed) {
      const possible = new Uint8Array(H)
      const possibleBefore = new Int32Array(H + 1)
      const row: number[] = []
      for (let s = 0; s < S; s++) {
        if (this.firstOf[s] === this.firstOf[s + 1]) continue
        possible.fill(0)
        for (let i = this.firstOf[s]; i < this.firstOf[s + 1]; i++) {
          const p = this.order[i]
          const mask = this.usable[p]
          for (let k = 0; k < mask.length; k++) if (mask[k]) possible[pairs.lo[p] + k] = 1
        }
        row.length = 0
        // Weeks the person could be lent in, as prefix sums: window i holds weeks i−W+1 .. i.
        for (let t = 0; t < H; t++) possibleBefore[t + 1] = possibleBefore[t] + possible[t]
        for (let i = 0; i < rec.NW; i++) {
          const n = possibleBefore[Math.min(H, i + 1)] - possibleBefore[Math.max(0, i - rec.W + 1)]
          const room = rec.cap[s * rec.NW + i] - rec.baseCount[s * rec.NW + i]
          row.push(room)
          if (n > room) this.tight[s] = 1
        }
        if (this.tight[s]) {
          this.rhoRow[s] = budgets.length
          for (const room of row) budgets.push(room)
        }
      }
    }
    this.budget = Float64Array.from(budgets)
    this.rho = new Prices(budgets.length, 1)
    this.reducedCost = new Float64Array(P)
    this.usage = new Float64Array(P)
    this.reducedStart = Int32Array.from(pairs.start)
    this.reducedEnd = Int32Array.from(pairs.end)
    this.prefixLambda = new Float64Array(U * (H + 1))
    this.prefixNu = new Float64Array(U * (H + 1))
    this.prefixMu = new Float64Array(R * (H + 1))
    this.prefixPi = new Float64Array(H + 1)
    this.windowSums = new Float64Array(this.NW + 1)
    this.requestPart = new Float64Array(this.fixed ? 0 : R * (H + 1))
    this.homePart = new Float64Array(H + 1)
    this.f = new Float64Array(H + 1)
    this.choicePair = new Int32Array(H + 1)
    this.choiceStart = new Int32Array(H + 1)
    // The general sweep's flat buffers (none on the fast path).
    const G = this.fixed ? 0 : P
    this.minWeeks = Int32Array.from(pairs.request, (r) => inst.requests[r].minWeeks)
    this.qBase = new Int32Array(G)
    this.minWeeksAt = new Int32Array(G)
    let qSize = 0
    for (let i = 0; i < G; i++) {
      const p = this.order[i]
      this.qBase[i] = qSize - pairs.lo[p]
      qSize += pairs.hi[p] - pairs.lo[p] + 2
      this.minWeeksAt[i] = this.minWeeks[p]
    }
    this.Q = new Float64Array(qSize)
    const steps = sweepSteps(this.fixed ? 0 : S, H, this.firstOf, this.order, pairs, this.usable, this.minWeeks)
    this.stepAt = steps.at
    this.stepPos = steps.pos
    this.stepRun = steps.run
    this.bestKey = new Float64Array(G)
    this.bestStart = new Int32Array(G)
    this.currentRun = new Int32Array(G)
    this.sigmaAt = new Float64Array(G)
    // Start from the marginal value of help in the given solution.
    for (let j = 0; j < UH; j++) {
      const over = model.gap[j] - start.help10[j] / 10
      this.lambda.value[j] = over > 0 ? (2 * over) / model.W[j] : 0
    }
  }

  /** The most a chosen pair can carry in the subproblem. */
  private amount(p: number) {
    return this.single ? Math.min(this.pairs.upper[p], this.capacity[this.pairs.staff[p]]) : this.capacity[this.pairs.staff[p]]
  }

  private prefixes() {
    const { H, model } = this
    const U = model.inst.units.length
    const R = model.inst.requests.length
    const H1 = H + 1
    const rows = (values: Float64Array, into: Float64Array, n: number) => {
      for (let u = 0; u < n; u++) {
        let a = 0
        into[u * H1] = 0
        for (let t = 0; t < H; t++) {
          a += values[u * H + t]
          into[u * H1 + t + 1] = a
        }
      }
    }
    rows(this.lambda.value, this.prefixLambda, U)
    rows(this.nu.value, this.prefixNu, U)
    if (this.fixed) return
    rows(this.mu.value, this.prefixMu, R)
    // The request's part of every Q of its pairs: help to the receiving unit less its price.
    const RP = this.requestPart
    for (let r = 0; r < R; r++) {
      const recv = model.inst.requests[r].unit * H1
      for (let t = 0; t <= H; t++) RP[r * H1 + t] = this.prefixLambda[recv + t] / 10 - this.prefixMu[r * H1 + t]
    }
  }

  /** Fast path: each pair's reduced value per tenth over its one period (O(1) from the prefix sums). */
  private fixedCosts() {
    const { pairs, cost } = this
    const H1 = this.H + 1
    const mu = this.mu.value
    for (let p = 0; p < cost.length; p++) {
      const a = pairs.lo[p]
      const e = pairs.hi[p] + 1
      const recv = this.recvOf[p] * H1
      const home = this.homeOf[p] * H1
      const gain = this.prefixLambda[recv + e] - this.prefixLambda[recv + a] - (this.prefixLambda[home + e] - this.prefixLambda[home + a])
      cost[p] = gain / 10 - (this.prefixNu[home + e] - this.prefixNu[home + a]) - mu[pairs.request[p]]
    }
  }

  /** Fast path: one person's best loans in disjoint weeks, by interval scheduling over their pairs sorted by end; chosen ones go to `chosen`. */
  private planFixed(s: number) {
    const { dp, take, cost, order, prevOf, weight, pairs } = this
    const from = this.firstOf[s]
    const to = this.firstOf[s + 1]
    let last = 0
    for (let i = from; i < to; i++) {
      const p = order[i]
      const c = cost[p] * weight[p]
      const k = prevOf[i]
      const withIt = c > 0 ? c + (k >= from ? dp[k] : 0) : -1
      if (withIt > last) {
        last = withIt
        take[i] = 1
      } else take[i] = 0
      dp[i] = last
    }
    for (let i = to - 1; i >= from; ) {
      if (take[i]) {
        const p = order[i]
        this.chosen.push(p, pairs.lo[p], pairs.hi[p])
        i = prevOf[i]
      } else i--
    }
    return last
  }

  /** Per-week recovery price of person s (Σ over the windows holding the week), as prefix sums. */
  private personPrices(s: number) {
    const { H, W, NW } = this
    const pi = this.prefixPi
    pi[0] = 0
    if (!this.tight[s]) {
      pi.fill(0)
      return false
    }
    const rho = this.rho.value
    const row = this.rhoRow[s]
    // Windows t .. t+W−1 hold week t: a difference of the row's prefix sums.
    const sums = this.windowSums
    sums[0] = 0
    for (let i = 0; i < NW; i++) sums[i + 1] = sums[i] + rho[row + i]
    for (let t = 0; t < H; t++) pi[t + 1] = pi[t] + sums[Math.min(t + W, NW)] - sums[t]
    return true
  }

  /** Q_p(t): the pair's reduced value of weeks before t, so that weeks a..b are worth Q(b+1) − Q(a). */
  private q(p: number, t: number) {
    const H1 = this.H + 1
    const r = this.pairs.request[p]
    const recv = this.recvOf[p] * H1
    const home = this.homeOf[p] * H1
    const perTenth = (this.prefixLambda[recv + t] - this.prefixLambda[home + t]) / 10 - this.prefixNu[home + t] - this.prefixMu[r * H1 + t]
    return this.weight[p] * perTenth - this.prefixPi[t]
  }

  /**
   * Best value of one person's loans in disjoint weeks; the chosen loans go
   * to `chosen` as (pair, start, end). Each pair's Q over its weeks is
   * computed once first. The best start for an end is a running maximum
   * (every start in the current run of usable weeks stays allowed), so each
   * step costs a few array reads.
   */
  private planPerson(s: number) {
    const { H, f, choicePair, choiceStart, pairs, Q, qBase, bestKey, bestStart, currentRun, order, minWeeksAt, stepAt, stepPos, stepRun, sigmaAt } = this
    const from = this.firstOf[s]
    const to = this.firstOf[s + 1]
    const H1 = H + 1
    const PI = this.prefixPi
    const RP = this.requestPart
    // The person's home unit's part of Q, shared by all their pairs.
    const HP = this.homePart
    const PL = this.prefixLambda
    const PN = this.prefixNu
    const home = this.homeOf[order[from]] * H1
    for (let t = 0; t <= H; t++) HP[t] = -PL[home + t] / 10 - PN[home + t]
    for (let i = from; i < to; i++) {
      const p = order[i]
      currentRun[i] = -1
      const req = pairs.request[p] * H1
      const w = this.weight[p]
      const base = qBase[i]
      for (let t = pairs.lo[p]; t <= pairs.hi[p] + 1; t++) Q[base + t] = w * (RP[req + t] + HP[t]) - PI[t]
    }
    f[0] = 0
    let k = stepAt[s * H]
    for (let t = 0; t < H; t++) {
      // f[t] is final: loans ending at t start at a ≤ t.
      let best = f[t]
      let bestAt = -1
      let bestFrom = 0
      const end = stepAt[s * H + t + 1]
      for (; k < end; k++) {
        const i = stepPos[k]
        const run = stepRun[k]
        let key = -Infinity
        if (currentRun[i] === run) key = bestKey[i]
        else currentRun[i] = run
        const a = t - minWeeksAt[i] + 1
        const base = qBase[i]
        const candidate = f[a] - Q[base + a]
        // Later starts win ties (shorter loans).
        if (candidate >= key) {
          key = candidate
          bestStart[i] = a
        }
        bestKey[i] = key
        const value = key + Q[base + t + 1] - sigmaAt[i]
        if (value > best) {
          best = value
          bestAt = i
          bestFrom = bestStart[i]
        }
      }
      f[t + 1] = best
      choicePair[t + 1] = bestAt < 0 ? -1 : order[bestAt]
      choiceStart[t + 1] = bestFrom
    }
    for (let t = H; t > 0; ) {
      const p = choicePair[t]
      if (p < 0) {
        t--
        continue
      }
      this.chosen.push(p, choiceStart[t], t - 1)
      t = choiceStart[t]
    }
    return f[H]
  }

  /** The Lagrangian value at the current prices, with its subgradient. */
  private evaluate() {
    const { model, pairs, H } = this
    const lambda = this.lambda.value
    const nu = this.nu.value
    const mu = this.mu.value
    const rho = this.rho.value
    const gLambda = this.lambda.grad
    const gNu = this.nu.grad
    const gMu = this.mu.grad
    const gRho = this.rho.grad
    let value = 0
    for (let j = 0; j < this.UH; j++) {
      const g = model.gap[j]
      const w = model.W[j]
      const l = lambda[j]
      let h = l > 0 ? g - (l * w) / 2 : Math.max(g, this.hMin[j])
      h = Math.min(Math.max(h, this.hMin[j]), this.hMax[j])
      const over = g - h
      value += (over > 0 ? (over * over) / w : 0) + l * h - nu[j] * this.lendRoom[j]
      gLambda[j] = h
      gNu[j] = -this.lendRoom[j]
    }
    for (let k = 0; k < mu.length; k++) {
      gMu[k] = -this.requestRoom[k]
      value -= mu[k] * this.requestRoom[k]
    }
    for (let k = 0; k < rho.length; k++) {
      gRho[k] = -this.budget[k]
      value -= rho[k] * this.budget[k]
    }
    const sigma = this.sigma.value
    const gSigma = this.sigma.grad
    for (let k = 0; k < sigma.length; k++) {
      gSigma[k] = -1
      value -= sigma[k]
    }
    this.prefixes()
    this.chosen.length = 0
    const S = this.firstOf.length - 1
    if (this.fixed) {
      this.fixedCosts()
      for (let s = 0; s < S; s++) if (this.firstOf[s] < this.firstOf[s + 1]) value -= this.scaleOf[s] * this.planFixed(s)
    } else {
      const sigmaAt = this.sigmaAt
      if (sigma.length) for (let i = 0; i < sigmaAt.length; i++) sigmaAt[i] = sigma[this.order[i]]
      for (let s = 0; s < S; s++) {
        if (this.firstOf[s] === this.firstOf[s + 1]) continue
        this.personPrices(s)
        value -= this.scaleOf[s] * this.planPerson(s)
      }
    }
    const NW = this.NW
    const usage = this.usage
    for (let p = 0; p < usage.length; p++) usage[p] *= USAGE_DECAY
    for (let i = 0; i < this.chosen.length; i += 3) {
      const p = this.chosen[i]
      usage[p] += 1
      const a = this.chosen[i + 1]
      const b = this.chosen[i + 2]
      const amount = this.amount(p)
      const r = pairs.request[p]
      const home = this.homeOf[p] * H
      const recv = this.recvOf[p] * H
      if (this.fixed) gMu[r] += amount
      for (let t = a; t <= b; t++) {
        if (!this.fixed) gMu[r * H + t] += amount
        gLambda[recv + t] -= amount / 10
        gLambda[home + t] += amount / 10
        gNu[home + t] += amount
      }
      if (gSigma.length) gSigma[p] += 1
      const s = pairs.staff[p]
      if (this.tight[s]) {
        const row = this.rhoRow[s]
        for (let w = a; w <= Math.min(NW - 1, b + this.W - 1); w++) gRho[row + w] += Math.min(b, w) - Math.max(a, w - this.W + 1) + 1
      }
    }
    return value
  }

  private get kinds() {
    return [this.lambda, this.nu, this.mu, this.rho, this.sigma]
  }

  /** Each pair's best weeks and reduced value per tenth at the best prices (for the price-guided start). */
  private saveReducedCosts() {
    const { pairs } = this
    const saved = this.kinds.map((k) => Float64Array.from(k.value))
    for (const k of this.kinds) k.value.set(k.best)
    this.prefixes()
    if (this.fixed) {
      this.fixedCosts()
      this.reducedCost.set(this.cost)
      this.kinds.forEach((k, i) => k.value.set(saved[i]))
      return
    }
    const S = this.firstOf.length - 1
    for (let s = 0; s < S; s++) {
      if (this.firstOf[s] === this.firstOf[s + 1]) continue
      this.personPrices(s)
      for (let i = this.firstOf[s]; i < this.firstOf[s + 1]; i++) {
        const p = this.order[i]
        const lo = pairs.lo[p]
        const m = this.minWeeks[p]
        const usable = this.usable[p]
        let best = -Infinity
        let runStart = -1
        let minAt = -1
        for (let t = lo; t <= pairs.hi[p]; t++) {
          if (!usable[t - lo]) {
            runStart = -1
            continue
          }
          if (runStart < 0) {
            runStart = t
            minAt = -1
          }
          const a = t - m + 1
          if (a < runStart) continue
          if (minAt < 0 || this.q(p, a) <= this.q(p, minAt)) minAt = a
          const value = this.q(p, t + 1) - this.q(p, minAt)
          if (value > best) {
            best = value
            this.reducedStart[p] = minAt
            this.reducedEnd[p] = t
          }
        }
        this.reducedCost[p] = best / Math.max(1e-9, this.weight[p])
      }
    }
    this.kinds.forEach((k, i) => k.value.set(saved[i]))
  }

  /** Improves the bound until the deadline, convergence, `target` (an upper bound) is met, or `poll` says stop. */
  run(deadline: number, target: number, tolerance = 1e-7, poll?: BoundPoll) {
    const kinds = this.kinds
    // A later call usually has a better target: let the steps grow again, once it is clearly better.
    if (target < this.lastTarget * (1 - 1e-3)) this.theta = Math.max(this.theta, this.theta0)
    this.lastTarget = target
    const began = Date.now()
    let improved = false
    // How long to wait for progress before halving the step: about 1/25 of
    // the iterations this call can afford, from the cost of an iteration
    // measured so far. The count and the step carry over between calls: on
    // large version-2 instances a call gets fewer than 30 iterations, and
    // starting the count afresh each time kept the step too large to improve.
    const patience = () => Math.max(this.minPatience, Math.min(300, Math.round((deadline - began) / Math.max(1e-3, this.msPerIteration) / 25)))
    while (Date.now() < deadline) {
      if (poll) {
        const next = poll(Math.max(0, this.best))
        if (next === null) break
        target = Math.min(target, next)
      }
      this.iterations++
      const stepStarted = performance.now()
      const value = this.evaluate()
      if (value > this.best + 1e-12) {
        if (value > this.best + 1e-6 * Math.max(1, Math.abs(this.best))) this.sinceBest = 0
        this.best = value
        improved = true
        for (const k of kinds) k.best.set(k.value)
      }
      const took = performance.now() - stepStarted
      this.msPerIteration = this.msPerIteration > 0 ? 0.9 * this.msPerIteration + 0.1 * took : took
      if (++this.sinceBest >= patience()) {
        // Stalled: halve the step and go back to the best prices.
        this.theta /= 2
        this.sinceBest = 0
        for (const k of kinds) {
          k.value.set(k.best)
          k.dir.fill(0)
        }
        if (this.theta < 1e-6) break
        continue
      }
      if (target - this.best <= tolerance * Math.max(1, target)) break
      // Deflected subgradient (Camerini–Fratta–Maffioli): damp the zigzag.
      let gd = 0
      let dd = 0
      for (const k of kinds) {
        gd += k.scale * dot(k.grad, k.dir)
        dd += k.scale * dot(k.dir, k.dir)
      }
      const beta = dd > 0 && gd < 0 ? (-1.5 * gd) / dd : 0
      let norm = 0
      for (const k of kinds) norm += k.scale * deflect(k.value, k.grad, k.dir, beta)
      if (norm < 1e-18) break
      const step = (this.theta * Math.max(target - value, 1e-9 * Math.max(1, target))) / norm
      for (const k of kinds) advance(k.value, k.dir, step * k.scale)
    }
    if (improved) this.saveReducedCosts()
    return Math.max(0, this.best)
  }
}

/**
 * Could a recovery window bind for someone with one period per pair? Only
 * if the weeks the person could be lent in (over all their pairs) exceed
 * some window's room; the general sweep prices those windows.
 */
function recoveryCouldBind(model: Model, pairs: Pairs) {
  const rec = model.recovery
  if (!rec) return false
  const { H } = model
  const S = model.inst.staff.length
  const possible = new Uint8Array(S * H)
  for (let p = 0; p < pairs.staff.length; p++) for (let t = pairs.lo[p]; t <= pairs.hi[p]; t++) possible[pairs.staff[p] * H + t] = 1
  const seen = new Uint8Array(S)
  for (let p = 0; p < pairs.staff.length; p++) {
    const s = pairs.staff[p]
    if (seen[s]) continue
    seen[s] = 1
    for (let i = 0; i < rec.NW; i++) {
      let n = 0
      for (let t = Math.max(0, i - rec.W + 1); t <= Math.min(H - 1, i); t++) n += possible[s * H + t]
      if (n > rec.cap[s * rec.NW + i] - rec.baseCount[s * rec.NW + i]) return true
    }
  }
  return false
}

// The subgradient step's loops, one typed array at a time (monomorphic and
// with locals: written inline over the kinds they took a third of each iteration).
function dot(u: Float64Array, v: Float64Array) {
  let sum = 0
  for (let j = 0; j < u.length; j++) sum += u[j] * v[j]
  return sum
}

/** dir ← grad + beta·dir, projected where the price is at 0; returns |dir|². */
function deflect(value: Float64Array, grad: Float64Array, dir: Float64Array, beta: number) {
  let norm = 0
  for (let j = 0; j < value.length; j++) {
    let d = grad[j] + beta * dir[j]
    if (value[j] <= 0 && d < 0) d = 0
    dir[j] = d
    norm += d * d
  }
  return norm
}

function advance(value: Float64Array, dir: Float64Array, step: number) {
  for (let j = 0; j < value.length; j++) {
    const v = value[j] + step * dir[j]
    value[j] = v > 0 ? v : 0
  }
}

/**
 * The general sweep's steps (see `stepAt`): per person and week, the
 * positions whose pair could end a loan that week, with the first week of
 * the run of usable weeks it lies in; in position order, as the sweep reads
 * them. Counted first, then filled, in typed arrays.
 */
function sweepSteps(S: number, H: number, firstOf: Int32Array, order: Int32Array, pairs: Pairs, usable: Uint8Array[], minWeeks: Int32Array) {
  const at = new Int32Array(S * H + 1)
  // Calls visit(i, week, run start) for each step of person s, in position order.
  const each = (s: number, visit: (i: number, t: number, run: number) => void) => {
    for (let i = firstOf[s]; i < firstOf[s + 1]; i++) {
      const p = order[i]
      const lo = pairs.lo[p]
      const mask = usable[p]
      let current = -1
      for (let t = lo; t <= pairs.hi[p]; t++) {
        if (!mask[t - lo]) current = -1
        else {
          if (current < 0) current = t
          if (t - minWeeks[p] + 1 >= current) visit(i, t, current)
        }
      }
    }
  }
  for (let s = 0; s < S; s++) each(s, (_, t) => at[s * H + t + 1]++)
  for (let k = 0; k < S * H; k++) at[k + 1] += at[k]
  const pos = new Int32Array(at[S * H])
  const run = new Int32Array(at[S * H])
  const next = at.slice(0, S * H)
  for (let s = 0; s < S; s++)
    each(s, (i, t, current) => {
      const k = next[s * H + t]++
      pos[k] = i
      run[k] = current
    })
  return { at, pos, run }
}
