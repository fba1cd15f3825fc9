// A proven lower bound on the optimal score, by Lagrangian relaxation.
//
// The score is a sum of convex terms φ(h) of the new help h per unit-week, so
// for any price λ ≥ 0, φ(h) ≥ q(λ) − λ·h with q(λ) = min over h of φ(h) + λh.
// Pricing request sizes (μ) and lending limits (ν) too leaves one small problem
// per person: spend their spare tenths on non-overlapping requests of the best
// reduced value (weighted interval scheduling; the interval LP is integral).
// With one loan at a time (maxConcurrentLoans 1) a person's loans never
// overlap, so each chosen loan can be priced at its own upper bound (often
// below the spare): a stronger bound than the plain LP relaxation.
// Every choice of prices gives a valid bound; subgradient steps improve it,
// and the prices persist between calls so the anytime loop keeps tightening.
import type { Model } from './model'
import type { Pairs, SearchState } from './state'

export class LagrangianBound {
  readonly lambda: Float64Array
  readonly mu: Float64Array
  readonly nu: Float64Array
  /** Reduced value per tenth of each pair at the best prices so far. */
  readonly reducedCost: Float64Array
  best = -Infinity
  iterations = 0
  private theta = 1
  private readonly UH: number
  private readonly hMin: Float64Array
  private readonly hMax: Float64Array
  private readonly requestRoom: Float64Array
  private readonly lendRoom: Float64Array
  private readonly capacity: Float64Array
  private readonly order: Int32Array
  private readonly firstOf: Int32Array
  private readonly prevOf: Int32Array
  private readonly weight: Float64Array
  private readonly scaleOf: Float64Array
  private readonly starts: Int32Array
  private readonly ends: Int32Array
  private readonly recvOf: Int32Array
  private readonly homeOf: Int32Array
  private readonly cost: Float64Array
  private readonly chosen: Uint8Array
  private readonly gLambda: Float64Array
  private readonly gMu: Float64Array
  private readonly gNu: Float64Array
  private readonly prefixLambda: Float64Array
  private readonly prefixNu: Float64Array
  private readonly dp: Float64Array
  private readonly take: Uint8Array
  private readonly single: boolean
  /** Step scale of the help prices against the others (their subgradients are in FTE, the others in tenths). */
  private readonly kappa = 3
  private readonly theta0 = 0.3
  private readonly bestLambda: Float64Array
  private readonly bestMu: Float64Array
  private readonly bestNu: Float64Array
  private readonly dLambda: Float64Array
  private readonly dMu: Float64Array
  private readonly dNu: Float64Array

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
    const UH = (this.UH = U * H)
    this.hMin = new Float64Array(UH)
    this.hMax = new Float64Array(UH)
    this.requestRoom = new Float64Array(R)
    this.lendRoom = new Float64Array(UH)
    inst.requests.forEach((r, i) => {
      this.requestRoom[i] = Math.max(0, r.fte10 - model.committedRequest10[i])
    })
    const isLender = new Uint8Array(U)
    const isReceiver = new Uint8Array(R)
    for (let p = 0; p < P; p++) {
      isLender[inst.staff[pairs.staff[p]].unit] = 1
      isReceiver[pairs.request[p]] = 1
    }
    // Ranges of new help per unit-week that any valid solution stays within.
    for (let j = 0; j < UH; j++) {
      this.lendRoom[j] = Math.max(0, model.lendable10[j] - model.committedLent10[j])
      if (isLender[Math.floor(j / H)]) this.hMin[j] = -this.lendRoom[j] / 10
    }
    inst.requests.forEach((r, i) => {
      if (!isReceiver[i]) return
      for (let t = r.start; t <= r.end; t++) this.hMax[r.unit * H + t] += this.requestRoom[i] / 10
    })
    // Person capacity: the most they could lend in any week (a relaxation).
    this.capacity = new Float64Array(S)
    for (let s = 0; s < S; s++) {
      let minCommitted = Infinity
      for (let t = 0; t < H; t++) minCommitted = Math.min(minCommitted, model.committedStaff10[s * H + t])
      this.capacity[s] = Math.max(0, model.spare10[s] - minCommitted)
    }
    this.starts = Int32Array.from(inst.requests.map((r) => r.start))
    this.ends = Int32Array.from(inst.requests.map((r) => r.end))
    this.recvOf = new Int32Array(P)
    this.homeOf = new Int32Array(P)
    const lists: number[][] = Array.from({ length: S }, () => [])
    for (let p = 0; p < P; p++) {
      lists[pairs.staff[p]].push(p)
      this.recvOf[p] = inst.requests[pairs.request[p]].unit
      this.homeOf[p] = inst.staff[pairs.staff[p]].unit
    }
    this.single = inst.policy.maxConcurrentLoans === 1
    this.order = new Int32Array(P)
    this.firstOf = new Int32Array(S + 1)
    this.prevOf = new Int32Array(P)
    this.weight = new Float64Array(P)
    this.scaleOf = new Float64Array(S)
    let at = 0
    for (let s = 0; s < S; s++) {
      this.firstOf[s] = at
      const list = lists[s].sort((a, b) => this.ends[pairs.request[a]] - this.ends[pairs.request[b]])
      const from = at
      for (const p of list) {
        this.order[at] = p
        let k = at - 1
        while (k >= from && this.ends[pairs.request[this.order[k]]] >= this.starts[pairs.request[p]]) k--
        this.prevOf[at] = k
        at++
      }
      this.scaleOf[s] = this.single ? 1 : this.capacity[s]
    }
    this.firstOf[S] = at
    for (let p = 0; p < P; p++) this.weight[p] = this.single ? this.amount(p) : 1
    this.dp = new Float64Array(P)
    this.take = new Uint8Array(P)
    this.cost = new Float64Array(P)
    this.reducedCost = new Float64Array(P)
    this.chosen = new Uint8Array(P)
    this.gLambda = new Float64Array(UH)
    this.gMu = new Float64Array(R)
    this.gNu = new Float64Array(UH)
    this.prefixLambda = new Float64Array(U * (H + 1))
    this.prefixNu = new Float64Array(U * (H + 1))
    this.lambda = new Float64Array(UH)
    this.mu = new Float64Array(R)
    this.nu = new Float64Array(UH)
    this.bestLambda = new Float64Array(UH)
    this.bestMu = new Float64Array(R)
    this.bestNu = new Float64Array(UH)
    this.dLambda = new Float64Array(UH)
    this.dMu = new Float64Array(R)
    this.dNu = new Float64Array(UH)
    // Start from the marginal value of help in the given solution.
    for (let j = 0; j < UH; j++) {
      const over = model.gap[j] - start.help10[j] / 10
      this.lambda[j] = over > 0 ? (2 * over) / model.W[j] : 0
    }
  }

  /** The most a chosen pair can carry in the subproblem. */
  private amount(p: number) {
    return this.single ? Math.min(this.pairs.upper[p], this.capacity[this.pairs.staff[p]]) : this.capacity[this.pairs.staff[p]]
  }

  /** The Lagrangian value at the current prices, with its subgradient. */
  private evaluate() {
    const { model, pairs, lambda, mu, nu, gLambda, gMu, gNu } = this
    const { H } = model
    const U = model.inst.units.length
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
    for (let r = 0; r < mu.length; r++) {
      gMu[r] = -this.requestRoom[r]
      value -= mu[r] * this.requestRoom[r]
    }
    // Prefix sums make each pair's reduced value O(1).
    const H1 = H + 1
    for (let u = 0; u < U; u++) {
      let a = 0
      let b = 0
      this.prefixLambda[u * H1] = 0
      this.prefixNu[u * H1] = 0
      for (let t = 0; t < H; t++) {
        a += lambda[u * H + t]
        b += nu[u * H + t]
        this.prefixLambda[u * H1 + t + 1] = a
        this.prefixNu[u * H1 + t + 1] = b
      }
    }
    const P = pairs.staff.length
    for (let p = 0; p < P; p++) {
      const r = pairs.request[p]
      const s0 = this.starts[r]
      const e1 = this.ends[r] + 1
      const recv = this.recvOf[p] * H1
      const home = this.homeOf[p] * H1
      const lambdaGain = this.prefixLambda[recv + e1] - this.prefixLambda[recv + s0] - (this.prefixLambda[home + e1] - this.prefixLambda[home + s0])
      this.cost[p] = lambdaGain / 10 - (this.prefixNu[home + e1] - this.prefixNu[home + s0]) - mu[r]
      this.chosen[p] = 0
    }
    // Weighted interval scheduling per person, over pairs flattened by person
    // and sorted by end week, with each one's last compatible predecessor precomputed.
    const { dp, take, cost, order, firstOf, prevOf, weight } = this
    const S = firstOf.length - 1
    for (let s = 0; s < S; s++) {
      const from = firstOf[s]
      const to = firstOf[s + 1]
      if (from === to) continue
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
      value -= this.scaleOf[s] * last
      for (let i = to - 1; i >= from; ) {
        if (take[i]) {
          this.chosen[order[i]] = 1
          i = prevOf[i]
        } else i--
      }
    }
    for (let p = 0; p < P; p++) {
      if (!this.chosen[p]) continue
      const amount = this.amount(p)
      const r = pairs.request[p]
      const home = this.homeOf[p] * H
      const recv = this.recvOf[p] * H
      gMu[r] += amount
      for (let t = this.starts[r]; t <= this.ends[r]; t++) {
        gLambda[recv + t] -= amount / 10
        gLambda[home + t] += amount / 10
        gNu[home + t] += amount
      }
    }
    return value
  }

  /** Improves the bound until the deadline, convergence, or `target` (an upper bound) is met. */
  run(deadline: number, target: number, tolerance = 1e-7) {
    const { lambda, mu, nu, gLambda, gMu, gNu, dLambda, dMu, dNu, kappa } = this
    // A later call usually has a better target: let the steps grow again.
    this.theta = Math.max(this.theta, this.theta0)
    let sinceBest = 0
    const began = Date.now()
    let done = 0
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
        this.reducedCost.set(this.cost)
        this.bestLambda.set(lambda)
        this.bestMu.set(mu)
        this.bestNu.set(nu)
      }
      if (++sinceBest >= patience) {
        // Stalled: halve the step and go back to the best prices.
        this.theta /= 2
        sinceBest = 0
        lambda.set(this.bestLambda)
        mu.set(this.bestMu)
        nu.set(this.bestNu)
        dLambda.fill(0)
        dMu.fill(0)
        dNu.fill(0)
        if (this.theta < 1e-6) break
        continue
      }
      if (target - this.best <= tolerance * Math.max(1, target)) break
      // Deflected subgradient (Camerini–Fratta–Maffioli): damp the zigzag.
      let gd = 0
      let dd = 0
      for (let j = 0; j < this.UH; j++) {
        gd += kappa * gLambda[j] * dLambda[j] + gNu[j] * dNu[j]
        dd += kappa * dLambda[j] * dLambda[j] + dNu[j] * dNu[j]
      }
      for (let r = 0; r < mu.length; r++) {
        gd += gMu[r] * dMu[r]
        dd += dMu[r] * dMu[r]
      }
      const beta = dd > 0 && gd < 0 ? (-1.5 * gd) / dd : 0
      let norm = 0
      for (let j = 0; j < this.UH; j++) {
        let dl = gLambda[j] + beta * dLambda[j]
        if (lambda[j] <= 0 && dl < 0) dl = 0
        let dn = gNu[j] + beta * dNu[j]
        if (nu[j] <= 0 && dn < 0) dn = 0
        dLambda[j] = dl
        dNu[j] = dn
        norm += kappa * dl * dl + dn * dn
      }
      for (let r = 0; r < mu.length; r++) {
        let dm = gMu[r] + beta * dMu[r]
        if (mu[r] <= 0 && dm < 0) dm = 0
        dMu[r] = dm
        norm += dm * dm
      }
      if (norm < 1e-18) break
      const step = (this.theta * Math.max(target - value, 1e-9 * Math.max(1, target))) / norm
      for (let j = 0; j < this.UH; j++) {
        lambda[j] = Math.max(0, lambda[j] + step * kappa * dLambda[j])
        nu[j] = Math.max(0, nu[j] + step * dNu[j])
      }
      for (let r = 0; r < mu.length; r++) mu[r] = Math.max(0, mu[r] + step * dMu[r])
    }
    return Math.max(0, this.best)
  }

}
