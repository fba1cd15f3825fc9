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
import type { Model } from './model'
import { weekRoom, type Pairs } from './pairs'
import type { SearchState } from './state'

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

export class LagrangianBound {
  /** Reduced value per tenth of each pair's best weeks at the best prices so far, and those weeks. */
  readonly reducedCost: Float64Array
  readonly reducedStart: Int32Array
  readonly reducedEnd: Int32Array
  best = -Infinity
  iterations = 0
  private theta = 1
  private readonly theta0 = 0.3
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
  private readonly f: Float64Array
  private readonly choicePair: Int32Array
  private readonly choiceStart: Int32Array
  /** Per pair, a monotone queue of starts (and their keys) in one flat buffer from qOffset[p]. */
  private readonly qStart: Int32Array
  private readonly qKey: Float64Array
  private readonly qOffset: Int32Array
  private readonly heads: Int32Array
  private readonly tails: Int32Array
  private readonly runStart: Int32Array
  private readonly minWeeks: Int32Array
  private readonly chosen: number[] = []
  private readonly noSigma: Float64Array

  constructor(
    private readonly model: Model,
    private readonly pairs: Pairs,
    start: SearchState,
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
    this.lambda = new Prices(UH, 3)
    this.nu = new Prices(UH, 1)
    this.mu = new Prices(R * H, 1)
    this.sigma = new Prices(this.single ? P : 0, 1)
    // Recovery prices only for people whose windows can bind (rows of NW, in rhoRow order).
    this.rhoRow = new Int32Array(S).fill(-1)
    this.hMin = new Float64Array(UH)
    this.hMax = new Float64Array(UH)
    this.requestRoom = new Float64Array(R * H)
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
      for (let t = r.start; t <= r.end; t++) {
        const room = Math.max(0, r.fte10 - model.committedRequest10[i * H + t])
        this.requestRoom[i * H + t] = room
        this.hMax[r.unit * H + t] += room / 10
      }
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
    for (let s = 0; s < S; s++) {
      this.firstOf[s] = at
      for (const p of lists[s]) this.order[at++] = p
      this.scaleOf[s] = this.single ? 1 : this.capacity[s]
    }
    this.firstOf[S] = at
    for (let p = 0; p < P; p++) {
      this.weight[p] = this.single ? this.amount(p) : 1
      // Weeks a loan of the pair could ever cover: room for the minimum chunk after commitments.
      const lo = pairs.lo[p]
      const mask = new Uint8Array(pairs.hi[p] - lo + 1)
      const chunk = inst.requests[pairs.request[p]].minChunk10
      for (let t = lo; t <= pairs.hi[p]; t++) mask[t - lo] = weekRoom(model, pairs.staff[p], pairs.request[p], t) >= chunk ? 1 : 0
      this.usable[p] = mask
    }
    // Recovery windows that can bind: more weeks the person could be lent in than the window allows.
    this.tight = new Uint8Array(S)
    const budgets: number[] = []
    if (this.single && rec) {
      const possible = new Uint8Array(H)
      const row: number[] = []
      for (let s = 0; s < S; s++) {
        if (this.firstOf[s] === this.firstOf[s + 1]) continue
        possible.fill(0)
        for (let i = this.firstOf[s]; i < this.firstOf[s + 1]; i++) {
          const p = this.order[i]
          this.usable[p].forEach((ok, k) => {
            if (ok) possible[pairs.lo[p] + k] = 1
          })
        }
        row.length = 0
        for (let i = 0; i < rec.NW; i++) {
          let n = 0
          for (let t = Math.max(0, i - rec.W + 1); t <= Math.min(H - 1, i); t++) n += possible[t]
          const room = rec.cap[s * rec.NW + i] - rec.baseCount[s * rec.NW + i]
          row.push(room)
          if (n > room) this.tight[s] = 1
        }
        if (this.tight[s]) {
          this.rhoRow[s] = budgets.length
          budgets.push(...row)
        }
      }
    }
    this.budget = Float64Array.from(budgets)
    this.rho = new Prices(budgets.length, 1)
    this.reducedCost = new Float64Array(P)
    this.reducedStart = Int32Array.from(pairs.start)
    this.reducedEnd = Int32Array.from(pairs.end)
    this.prefixLambda = new Float64Array(U * (H + 1))
    this.prefixNu = new Float64Array(U * (H + 1))
    this.prefixMu = new Float64Array(R * (H + 1))
    this.prefixPi = new Float64Array(H + 1)
    this.f = new Float64Array(H + 1)
    this.choicePair = new Int32Array(H + 1)
    this.choiceStart = new Int32Array(H + 1)
    this.qOffset = new Int32Array(P + 1)
    for (let p = 0; p < P; p++) this.qOffset[p + 1] = this.qOffset[p] + pairs.hi[p] - pairs.lo[p] + 1
    this.qStart = new Int32Array(this.qOffset[P])
    this.qKey = new Float64Array(this.qOffset[P])
    this.heads = new Int32Array(P)
    this.tails = new Int32Array(P)
    this.runStart = new Int32Array(P)
    this.minWeeks = Int32Array.from(pairs.request, (r) => inst.requests[r].minWeeks)
    this.noSigma = new Float64Array(P)
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
    rows(this.mu.value, this.prefixMu, R)
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
    for (let t = 0; t < H; t++) {
      let sum = 0
      for (let i = t; i <= t + W - 1 && i < NW; i++) sum += rho[row + i]
      pi[t + 1] = pi[t] + sum
    }
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

  /** Best value of one person's loans in disjoint weeks; the chosen loans go to `chosen` as (pair, start, end). */
  private planPerson(s: number) {
    const { H, f, choicePair, choiceStart, pairs, qStart, qKey, qOffset, heads, tails, runStart } = this
    const sigma = this.sigma.value.length ? this.sigma.value : this.noSigma
    const from = this.firstOf[s]
    const to = this.firstOf[s + 1]
    f[0] = 0
    for (let i = from; i < to; i++) {
      const p = this.order[i]
      heads[p] = tails[p] = qOffset[p]
      runStart[p] = -1
    }
    for (let t = 0; t < H; t++) {
      // f[t] is final: loans ending at t start at a ≤ t.
      f[t + 1] = f[t]
      choicePair[t + 1] = -1
      for (let i = from; i < to; i++) {
        const p = this.order[i]
        const lo = pairs.lo[p]
        if (t < lo || t > pairs.hi[p]) continue
        if (!this.usable[p][t - lo]) {
          heads[p] = tails[p] = qOffset[p]
          runStart[p] = -1
          continue
        }
        if (runStart[p] < 0) runStart[p] = t
        const a = t - this.minWeeks[p] + 1
        if (a >= runStart[p]) {
          const key = f[a] - this.q(p, a)
          while (tails[p] > heads[p] && qKey[tails[p] - 1] <= key) tails[p]--
          qStart[tails[p]] = a
          qKey[tails[p]++] = key
        }
        if (tails[p] > heads[p]) {
          const value = qKey[heads[p]] + this.q(p, t + 1) - sigma[p]
          if (value > f[t + 1]) {
            f[t + 1] = value
            choicePair[t + 1] = p
            choiceStart[t + 1] = qStart[heads[p]]
          }
        }
      }
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
    for (let s = 0; s < S; s++) {
      if (this.firstOf[s] === this.firstOf[s + 1]) continue
      this.personPrices(s)
      value -= this.scaleOf[s] * this.planPerson(s)
    }
    const NW = this.NW
    for (let i = 0; i < this.chosen.length; i += 3) {
      const p = this.chosen[i]
      const a = this.chosen[i + 1]
      const b = this.chosen[i + 2]
      const amount = this.amount(p)
      const r = pairs.request[p]
      const home = this.homeOf[p] * H
      const recv = this.recvOf[p] * H
      for (let t = a; t <= b; t++) {
        gMu[r * H + t] += amount
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

  /** Improves the bound until the deadline, convergence, or `target` (an upper bound) is met. */
  run(deadline: number, target: number, tolerance = 1e-7) {
    const kinds = this.kinds
    // A later call usually has a better target: let the steps grow again.
    this.theta = Math.max(this.theta, this.theta0)
    let sinceBest = 0
    const began = Date.now()
    let done = 0
    let improved = false
    // How long to wait for progress before halving the step: about 1/25 of
    // the iterations this call can afford (measured as it goes).
    let patience = 1e9
    let windowStart = began
    while (Date.now() < deadline) {
      this.iterations++
      if ((++done & 31) === 0) {
        const now = Date.now()
        const each = Math.max(1e-3, (now - windowStart) / 32)
        windowStart = now
        patience = Math.max(20, Math.min(300, Math.round((deadline - began) / each / 25)))
      }
      const value = this.evaluate()
      if (value > this.best + 1e-12) {
        if (value > this.best + 1e-6 * Math.max(1, Math.abs(this.best))) sinceBest = 0
        this.best = value
        improved = true
        for (const k of kinds) k.best.set(k.value)
      }
      if (++sinceBest >= patience) {
        // Stalled: halve the step and go back to the best prices.
        this.theta /= 2
        sinceBest = 0
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
        for (let j = 0; j < k.value.length; j++) {
          gd += k.scale * k.grad[j] * k.dir[j]
          dd += k.scale * k.dir[j] * k.dir[j]
        }
      }
      const beta = dd > 0 && gd < 0 ? (-1.5 * gd) / dd : 0
      let norm = 0
      for (const k of kinds) {
        for (let j = 0; j < k.value.length; j++) {
          let d = k.grad[j] + beta * k.dir[j]
          if (k.value[j] <= 0 && d < 0) d = 0
          k.dir[j] = d
          norm += k.scale * d * d
        }
      }
      if (norm < 1e-18) break
      const step = (this.theta * Math.max(target - value, 1e-9 * Math.max(1, target))) / norm
      for (const k of kinds) {
        for (let j = 0; j < k.value.length; j++) k.value[j] = Math.max(0, k.value[j] + step * k.scale * k.dir[j])
      }
    }
    if (improved) this.saveReducedCosts()
    return Math.max(0, this.best)
  }
}
