// A proven lower bound on the optimal score, by Lagrangian relaxation.
//
// The score is a sum of convex terms φ(h) of the new help h per unit-week, so
// for any price λ ≥ 0, φ(h) ≥ q(λ) − λ·h with q(λ) = min over h of φ(h) + λh.
// Pricing request sizes (μ) and lending limits (ν) too leaves one small problem
// per person: spend their spare tenths on non-overlapping requests of the best
// reduced value (weighted interval scheduling; the interval LP is integral).
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
  private readonly byStaff: Int32Array[]
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
  private readonly prev: Int32Array
  private readonly take: Uint8Array

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
    this.byStaff = lists.map((list) => Int32Array.from(list.sort((a, b) => this.ends[pairs.request[a]] - this.ends[pairs.request[b]])))
    const longest = lists.reduce((m, l) => Math.max(m, l.length), 0)
    this.dp = new Float64Array(longest + 1)
    this.prev = new Int32Array(longest)
    this.take = new Uint8Array(longest)
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
    // Start from the marginal value of help in the given solution.
    for (let j = 0; j < UH; j++) {
      const over = model.gap[j] - start.help10[j] / 10
      this.lambda[j] = over > 0 ? (2 * over) / model.W[j] : 0
    }
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
    // Weighted interval scheduling per person.
    const { dp, prev, take, cost } = this
    for (let s = 0; s < this.byStaff.length; s++) {
      const list = this.byStaff[s]
      const n = list.length
      if (n === 0 || this.capacity[s] === 0) continue
      dp[0] = 0
      for (let i = 0; i < n; i++) {
        const c = cost[list[i]]
        const start = this.starts[pairs.request[list[i]]]
        let k = i - 1
        while (k >= 0 && this.ends[pairs.request[list[k]]] >= start) k--
        prev[i] = k
        if (c > 0 && c + dp[k + 1] > dp[i]) {
          dp[i + 1] = c + dp[k + 1]
          take[i] = 1
        } else {
          dp[i + 1] = dp[i]
          take[i] = 0
        }
      }
      value -= this.capacity[s] * dp[n]
      for (let i = n - 1; i >= 0; ) {
        if (take[i]) {
          this.chosen[list[i]] = 1
          i = prev[i]
        } else i--
      }
    }
    for (let p = 0; p < P; p++) {
      if (!this.chosen[p]) continue
      const amount = this.capacity[pairs.staff[p]]
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
    const { lambda, mu, nu, gLambda, gMu, gNu } = this
    // A later call usually has a better target: let the steps grow again.
    this.theta = Math.max(this.theta, 0.05)
    let sinceBest = 0
    while (Date.now() < deadline) {
      this.iterations++
      const value = this.evaluate()
      if (value > this.best + 1e-12) {
        this.best = value
        this.reducedCost.set(this.cost)
        sinceBest = 0
      } else if (++sinceBest >= 12) {
        this.theta /= 2
        sinceBest = 0
        if (this.theta < 1e-5) break
      }
      if (target - this.best <= tolerance * Math.max(1, target)) break
      let norm = 0
      for (let j = 0; j < this.UH; j++) {
        const gl = lambda[j] > 0 || gLambda[j] > 0 ? gLambda[j] : 0
        const gn = nu[j] > 0 || gNu[j] > 0 ? gNu[j] : 0
        norm += gl * gl + gn * gn
      }
      for (let r = 0; r < mu.length; r++) {
        const gm = mu[r] > 0 || gMu[r] > 0 ? gMu[r] : 0
        norm += gm * gm
      }
      if (norm < 1e-18) break
      const step = (this.theta * Math.max(target - value, 1e-9 * Math.max(1, target))) / norm
      for (let j = 0; j < this.UH; j++) {
        lambda[j] = Math.max(0, lambda[j] + step * gLambda[j])
        nu[j] = Math.max(0, nu[j] + step * gNu[j])
      }
      for (let r = 0; r < mu.length; r++) mu[r] = Math.max(0, mu[r] + step * gMu[r])
    }
    return Math.max(0, this.best)
  }
}
