// The exact mixed-integer model of the matching problem, solved by HiGHS
// (compiled to WebAssembly, npm package `highs`). Used as a "polish" on
// instances small enough for branch-and-bound: see README.md, Method.
import type { Highs, ModelData } from 'highs'
import type { Model } from './model'
import type { Pairs } from './state'

/** A loaded HiGHS runtime. Loading is the engine's only asynchronous step. */
export type MipSolver = Highs

/**
 * Instances with at most this many eligible pairs get the exact model.
 * Medium instances (1,000–1,600 pairs) are solved to optimality in seconds;
 * on large ones (20,000+ pairs) even the root LP takes minutes.
 */
export const MIP_MAX_PAIRS = 5000

/**
 * Loads HiGHS. Each call instantiates its own WebAssembly memory, which is
 * released with the solver object (a runtime's memory never shrinks, so a
 * long-running process should not keep one for ever).
 */
export async function loadMipSolver(): Promise<MipSolver> {
  const { default: load } = await import('highs')
  return load()
}

/**
 * The model, for pairs p = 0..P−1 (columns in this order):
 * - x_p (integer, 0..upper_p): tenths lent, y_p (binary): the loan exists,
 *   with chunk·y_p ≤ x_p ≤ upper_p·y_p;
 * - per person-week: Σ y ≤ maxConcurrentLoans, Σ x ≤ spare (after
 *   commitments, and only where the pairs could break them);
 * - flows A_{u,r} = Σ x over the pairs from unit u to request r: per request
 *   Σ A ≤ its size, per lending unit-week Σ A ≤ lendable (after commitments);
 * - per unit-week j, the score term φ_j of its net help h_j (Σ A received
 *   − Σ A lent) as φ_j(lo_j) plus one segment column s ∈ [0,1] per tenth above
 *   lo_j, costing φ_j(k+1) − φ_j(k). φ_j is convex, so the cheapest
 *   segments fill first and at an integer h the sum is exactly φ_j(h):
 *   the model's optimum is the SPEC optimum, and its LP relaxation is the
 *   piecewise-linear one.
 */
export type MipModel = {
  readonly data: ModelData & { integrality: Int32Array; colLower: Float64Array; colUpper: Float64Array }
  readonly P: number
  /** The pairs of each flow column (columns 2P.. in this order). */
  readonly flows: readonly (readonly number[])[]
  /** The unit-weeks with segments: the week, its first segment column (one more entry: the end), its lowest net help lo. */
  readonly segWeek: Int32Array
  readonly segFirst: Int32Array
  readonly segLo: Int32Array
}

class RowBuilder {
  readonly starts = [0]
  readonly indices: number[] = []
  readonly values: number[] = []
  readonly lower: number[] = []
  readonly upper: number[] = []
  add(cols: readonly number[], vals: readonly number[] | number, lower: number, upper: number) {
    cols.forEach((c, i) => {
      this.indices.push(c)
      this.values.push(typeof vals === 'number' ? vals : vals[i])
    })
    this.starts.push(this.indices.length)
    this.lower.push(lower)
    this.upper.push(upper)
  }
}

export function buildMip(model: Model, pairs: Pairs): MipModel {
  const { inst, H } = model
  const P = pairs.staff.length
  const K = inst.policy.maxConcurrentLoans
  const U = inst.units.length
  const req = inst.requests
  const home = (p: number) => inst.staff[pairs.staff[p]].unit
  const active = (p: number, t: number) => req[pairs.request[p]].start <= t && t <= req[pairs.request[p]].end
  const rows = new RowBuilder()
  const byStaff = new Map<number, number[]>()
  const push = (map: Map<number, number[]>, key: number, p: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(p)
  for (let p = 0; p < P; p++) {
    push(byStaff, pairs.staff[p], p)
  }
  const sumUpper = (ps: readonly number[]) => ps.reduce((sum, p) => sum + pairs.upper[p], 0)
  const ys = (ps: readonly number[]) => ps.map((p) => P + p)

  // The minimum chunk: chunk·y ≤ x ≤ upper·y.
  for (let p = 0; p < P; p++) {
    rows.add([p, P + p], [1, -req[pairs.request[p]].minChunk10], 0, Infinity)
    rows.add([p, P + p], [1, -pairs.upper[p]], -Infinity, 0)
  }
  // Weekly rows repeat for weeks with the same active pairs: keep the tightest.
  const weekly = (ps: readonly number[], rhsAt: (t: number) => [number, number], emit: (cols: number[], rhs: [number, number]) => void, on = active) => {
    const tightest = new Map<string, { cols: number[]; rhs: [number, number] }>()
    for (let t = 0; t < H; t++) {
      const cols = ps.filter((p) => on(p, t))
      if (cols.length === 0) continue
      const key = cols.join(',')
      const rhs = rhsAt(t)
      const seen = tightest.get(key)
      if (!seen) tightest.set(key, { cols, rhs })
      else seen.rhs = [Math.min(seen.rhs[0], rhs[0]), Math.min(seen.rhs[1], rhs[1])]
    }
    for (const { cols, rhs } of tightest.values()) emit(cols, rhs)
  }
  for (const [s, ps] of byStaff) {
    weekly(
      ps,
      (t) => [model.spare10[s] - model.committedStaff10[s * H + t], K - model.committedCount[s * H + t]],
      (cols, [tenths, count]) => {
        // With at most `count` loans, the largest `count` sizes are all that could break the cap.
        const largest = cols
          .map((p) => pairs.upper[p])
          .sort((a, b) => b - a)
          .slice(0, Math.max(0, count))
        if (largest.reduce((a, b) => a + b, 0) > tenths) rows.add(cols, 1, -Infinity, tenths)
        if (cols.length > count) rows.add(ys(cols), 1, -Infinity, count)
      },
    )
  }
  // Flows A_{u,r}: the score and the request and lending limits only see
  // these, which keeps their rows short (HiGHS is faster on them, measured).
  const flowOf = new Map<number, number>()
  const flowPairs: number[][] = []
  const flowHome: number[] = []
  const flowRequest: number[] = []
  for (let p = 0; p < P; p++) {
    const key = home(p) * req.length + pairs.request[p]
    let f = flowOf.get(key)
    if (f === undefined) {
      flowOf.set(key, (f = flowPairs.length))
      flowPairs.push([])
      flowHome.push(home(p))
      flowRequest.push(pairs.request[p])
    }
    flowPairs[f].push(p)
  }
  const A = flowPairs.length
  const flowCol = (f: number) => 2 * P + f
  const flowUpper = flowPairs.map((ps, f) => Math.min(sumUpper(ps), req[flowRequest[f]].fte10 - model.committedRequest10[flowRequest[f]]))
  flowPairs.forEach((ps, f) => rows.add([flowCol(f), ...ps], [1, ...ps.map(() => -1)], 0, 0))
  const byRequestFlows = new Map<number, number[]>()
  const byHomeFlows = new Map<number, number[]>()
  for (let f = 0; f < A; f++) {
    push(byRequestFlows, flowRequest[f], f)
    push(byHomeFlows, flowHome[f], f)
  }
  for (const [r, fs] of byRequestFlows) {
    const room = req[r].fte10 - model.committedRequest10[r]
    if (fs.reduce((sum, f) => sum + flowUpper[f], 0) > room) rows.add(fs.map(flowCol), 1, -Infinity, room)
  }
  const flowActive = (f: number, t: number) => req[flowRequest[f]].start <= t && t <= req[flowRequest[f]].end
  const maxLent = new Int32Array(U * H)
  const maxReceived = new Int32Array(U * H)
  const received: number[][] = Array.from({ length: U * H }, () => [])
  const lent: number[][] = Array.from({ length: U * H }, () => [])
  for (let f = 0; f < A; f++) {
    const r = req[flowRequest[f]]
    for (let t = r.start; t <= r.end; t++) {
      received[r.unit * H + t].push(flowCol(f))
      lent[flowHome[f] * H + t].push(flowCol(f))
      maxLent[flowHome[f] * H + t] += flowUpper[f]
    }
  }
  for (const [r, fs] of byRequestFlows) {
    const room = Math.min(
      req[r].fte10 - model.committedRequest10[r],
      fs.reduce((sum, f) => sum + flowUpper[f], 0),
    )
    for (let t = req[r].start; t <= req[r].end; t++) maxReceived[req[r].unit * H + t] += room
  }
  for (const [u, fs] of byHomeFlows) {
    weekly(
      fs,
      (t) => [model.lendable10[u * H + t] - model.committedLent10[u * H + t], 0],
      (cols, [room]) => {
        if (cols.reduce((sum, f) => sum + flowUpper[f], 0) > room) rows.add(cols.map(flowCol), 1, -Infinity, room)
      },
      flowActive,
    )
    // Commitments may already exceed a limit (they are facts): then nothing more is lent.
    for (let t = 0; t < H; t++) maxLent[u * H + t] = Math.max(0, Math.min(maxLent[u * H + t], model.lendable10[u * H + t] - model.committedLent10[u * H + t]))
  }

  // The score: per unit-week j, one segment column per tenth of net help h
  // from lo (all it could lend) to where φ_j turns flat.
  const phi = (j: number, h: number) => {
    const over = model.gap[j] - h / 10
    return over > 0 ? (over * over) / model.W[j] : 0
  }
  const cost: number[] = []
  const segWeek: number[] = []
  const segFirst: number[] = []
  const segLo: number[] = []
  let offset = 0
  let column = 2 * P + A
  for (let j = 0; j < U * H; j++) {
    const lo = -maxLent[j]
    const top = Math.min(maxReceived[j], Math.ceil(10 * model.gap[j] - 1e-9))
    offset += phi(j, lo)
    if (top <= lo) continue
    segWeek.push(j)
    segFirst.push(column)
    segLo.push(lo)
    const segs: number[] = []
    for (let k = lo; k < top; k++) {
      segs.push(column++)
      cost.push(phi(j, k + 1) - phi(j, k))
    }
    // Σ s ≤ h − lo, with h = Σ received − Σ lent.
    rows.add([...segs, ...received[j], ...lent[j]], [...segs.map(() => 1), ...received[j].map(() => -1), ...lent[j].map(() => 1)], -Infinity, -lo)
  }
  segFirst.push(column)

  const numCols = column
  const colLower = new Float64Array(numCols)
  const colUpper = new Float64Array(numCols).fill(1)
  const integrality = new Int32Array(numCols)
  const colCost = new Float64Array(numCols)
  for (let p = 0; p < P; p++) {
    colUpper[p] = pairs.upper[p]
    integrality[p] = 1
    integrality[P + p] = 1
  }
  for (let f = 0; f < A; f++) {
    colUpper[flowCol(f)] = flowUpper[f]
  }
  colCost.set(cost, 2 * P + A)
  const numRows = rows.lower.length
  return {
    P,
    flows: flowPairs,
    segWeek: Int32Array.from(segWeek),
    segFirst: Int32Array.from(segFirst),
    segLo: Int32Array.from(segLo),
    data: {
      numCols,
      numRows,
      offset,
      colCost,
      colLower,
      colUpper,
      rowLower: Float64Array.from(rows.lower),
      rowUpper: Float64Array.from(rows.upper),
      matrix: {
        format: 'csr',
        numRows,
        numCols,
        starts: Int32Array.from(rows.starts),
        indices: Int32Array.from(rows.indices),
        values: Float64Array.from(rows.values),
      },
      integrality,
    },
  }
}

/** The full column vector of loan sizes x (y and the segments follow from it): a MIP start. */
export function columnValues(mip: MipModel, x: Int32Array, help10: Int32Array) {
  const values = new Float64Array(mip.data.numCols)
  for (let p = 0; p < mip.P; p++) {
    values[p] = x[p]
    values[mip.P + p] = x[p] > 0 ? 1 : 0
  }
  mip.flows.forEach((ps, f) => {
    for (const p of ps) values[2 * mip.P + f] += x[p]
  })
  for (let i = 0; i < mip.segWeek.length; i++) {
    const filled = Math.min(mip.segFirst[i + 1] - mip.segFirst[i], help10[mip.segWeek[i]] - mip.segLo[i])
    for (let k = 0; k < filled; k++) values[mip.segFirst[i] + k] = 1
  }
  return values
}

export type MipResult = {
  /** Loan size per pair of the best solution HiGHS found (null: none, or HiGHS failed). */
  readonly x: Int32Array | null
  /** HiGHS's proven lower bound on the whole problem (−∞ when it has none). */
  readonly bound: number
}

/**
 * Solves the exact model from a start (the best solution so far) within the
 * time limit. Never throws: whatever goes wrong in HiGHS comes back as
 * "nothing found". The caller checks the answer with its own rules.
 */
export function solveMip(
  highs: MipSolver,
  model: Model,
  pairs: Pairs,
  start: { x: Int32Array; help10: Int32Array },
  timeLimitMs: number,
  relativeGap: number,
): MipResult {
  let solver: ReturnType<MipSolver['createModel']> | undefined
  try {
    const mip = buildMip(model, pairs)
    solver = highs.createModel(mip.data)
    // Restarts re-solve the root after its cuts: slower to the optimum on medium instances (measured).
    solver.options.set({ output_flag: false, time_limit: Math.max(0.001, timeLimitMs / 1000), mip_rel_gap: relativeGap, mip_allow_restart: false })
    solver.setSolution({ colValue: columnValues(mip, start.x, start.help10) })
    solver.run()
    const bound = Number(solver.info.get('mip_dual_bound'))
    const status = Number(solver.info.get('primal_solution_status'))
    if (status !== 2) return { x: null, bound: Number.isFinite(bound) ? bound : -Infinity }
    const values = solver.getSolution().colValue
    const x = new Int32Array(mip.P)
    for (let p = 0; p < mip.P; p++) x[p] = Math.round(values[p])
    return { x, bound: Number.isFinite(bound) ? bound : -Infinity }
  } catch {
    return { x: null, bound: -Infinity }
  } finally {
    solver?.dispose()
  }
}
