// The exact mixed-integer model of the matching problem, solved by HiGHS
// (compiled to WebAssembly, npm package `highs`). Used as a "polish" on
// instances small enough for branch-and-bound: see README.md, Method.
import type { Highs, ModelData } from 'highs'
import { recoveryAllows, type Model } from './model'
import { weekRoom, type Pairs } from './pairs'
import type { Snapshot } from './search'

/** A loaded HiGHS runtime. Loading is the engine's only asynchronous step. */
export type MipSolver = Highs

/**
 * Instances with at most this many loan options (pairs × periods; in version
 * 1 one per pair) get the exact model. Medium version-1 instances (1,000–1,600
 * pairs) are solved to optimality in seconds; on large ones (20,000+ pairs)
 * even the root LP takes minutes, and so does it on medium version-2 ones
 * (6,000–9,000 periods: 7–16 s for the LP relaxation alone).
 */
export const MIP_MAX_OPTIONS = 5000

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
 * The model, over options o = 0..O−1, each a pair and one of its possible
 * periods (version 1: the request's whole period, so one per pair); columns
 * in this order:
 * - x_o (integer, 0..upper_o): tenths lent, y_o (binary): the loan exists,
 *   with chunk·y_o ≤ x_o ≤ upper_o·y_o; per pair Σ y ≤ 1 (one loan per pair);
 * - per person-week: Σ y ≤ maxConcurrentLoans, Σ x ≤ spare (after
 *   commitments, and only where the options could break them);
 * - with one loan at a time and a recovery rule, per person and window that
 *   could overflow: Σ y_o · (weeks of o in the window) ≤ what the window allows;
 * - flows A_{u,r,period} = Σ x over the options from unit u to request r over
 *   that period: per request-week Σ A ≤ its size, per lending unit-week
 *   Σ A ≤ lendable (after commitments);
 * - per unit-week j, the score term φ_j of its net help h_j (Σ A received
 *   − Σ A lent) as φ_j(lo_j) plus one segment column s ∈ [0,1] per tenth above
 *   lo_j, costing φ_j(k+1) − φ_j(k). φ_j is convex, so the cheapest
 *   segments fill first and at an integer h the sum is exactly φ_j(h):
 *   the model's optimum is the SPEC optimum, and its LP relaxation is the
 *   piecewise-linear one.
 */
export type MipModel = {
  readonly data: ModelData & { integrality: Int32Array; colLower: Float64Array; colUpper: Float64Array }
  readonly options: Options
  /** The options of each flow column (columns 2O.. in this order). */
  readonly flows: readonly (readonly number[])[]
  /** The unit-weeks with segments: the week, its first segment column (one more entry: the end), its lowest net help lo. */
  readonly segWeek: Int32Array
  readonly segFirst: Int32Array
  readonly segLo: Int32Array
}

/** Every possible loan period of every pair: the weeks and the most tenths each can carry. */
export type Options = { readonly pair: Int32Array; readonly start: Int32Array; readonly end: Int32Array; readonly upper: Int32Array }

/**
 * The periods a loan of each pair could have on its own: runs of weeks with
 * room for the minimum chunk after commitments, at least minWeeks long, that
 * keep rule 6 with past lending and commitments; each with the least room of
 * its weeks. Stops (returns null) past `limit` options.
 */
export function enumerateOptions(model: Model, pairs: Pairs, limit = Infinity): Options | null {
  const out = { pair: [] as number[], start: [] as number[], end: [] as number[], upper: [] as number[] }
  const added: number[] = []
  for (let p = 0; p < pairs.staff.length; p++) {
    const s = pairs.staff[p]
    const r = pairs.request[p]
    const req = model.inst.requests[r]
    for (let a = pairs.lo[p]; a <= pairs.hi[p]; a++) {
      let least = pairs.upper[p]
      added.length = 0
      for (let b = a; b <= pairs.hi[p]; b++) {
        const room = weekRoom(model, s, r, b)
        if (room < req.minChunk10) break
        least = Math.min(least, room)
        if (model.committedCount[s * model.H + b] === 0) added.push(b)
        if (model.recovery && !recoveryAllows(model.recovery, model.recovery.baseCount, s, added)) break
        if (b - a + 1 < req.minWeeks) continue
        out.pair.push(p)
        out.start.push(a)
        out.end.push(b)
        out.upper.push(least)
        if (out.pair.length > limit) return null
      }
    }
  }
  return { pair: Int32Array.from(out.pair), start: Int32Array.from(out.start), end: Int32Array.from(out.end), upper: Int32Array.from(out.upper) }
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

export function buildMip(model: Model, pairs: Pairs, options: Options): MipModel {
  const { inst, H } = model
  const O = options.pair.length
  const K = inst.policy.maxConcurrentLoans
  const U = inst.units.length
  const req = inst.requests
  const staffOf = (o: number) => pairs.staff[options.pair[o]]
  const requestOf = (o: number) => pairs.request[options.pair[o]]
  const home = (o: number) => inst.staff[staffOf(o)].unit
  const active = (o: number, t: number) => options.start[o] <= t && t <= options.end[o]
  const rows = new RowBuilder()
  const push = (map: Map<number, number[]>, key: number, o: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(o)
  const byStaff = new Map<number, number[]>()
  const byPair = new Map<number, number[]>()
  for (let o = 0; o < O; o++) {
    push(byStaff, staffOf(o), o)
    push(byPair, options.pair[o], o)
  }
  const ys = (os: readonly number[]) => os.map((o) => O + o)

  // The minimum chunk: chunk·y ≤ x ≤ upper·y; one loan per pair.
  for (let o = 0; o < O; o++) {
    rows.add([o, O + o], [1, -req[requestOf(o)].minChunk10], 0, Infinity)
    rows.add([o, O + o], [1, -options.upper[o]], -Infinity, 0)
  }
  for (const os of byPair.values()) if (os.length > 1) rows.add(ys(os), 1, -Infinity, 1)
  // Weekly rows repeat for weeks with the same active columns: keep the tightest.
  const weekly = (os: readonly number[], rhsAt: (t: number) => [number, number], emit: (cols: number[], rhs: [number, number]) => void, on = active) => {
    const tightest = new Map<string, { cols: number[]; rhs: [number, number] }>()
    for (let t = 0; t < H; t++) {
      const cols = os.filter((o) => on(o, t))
      if (cols.length === 0) continue
      const key = cols.join(',')
      const rhs = rhsAt(t)
      const seen = tightest.get(key)
      if (!seen) tightest.set(key, { cols, rhs })
      else seen.rhs = [Math.min(seen.rhs[0], rhs[0]), Math.min(seen.rhs[1], rhs[1])]
    }
    for (const { cols, rhs } of tightest.values()) emit(cols, rhs)
  }
  for (const [s, os] of byStaff) {
    weekly(
      os,
      (t) => [model.spare10[s] - model.committedStaff10[s * H + t], K - model.committedCount[s * H + t]],
      (cols, [tenths, count]) => {
        // With at most `count` loans, the largest `count` sizes are all that could break the cap.
        const largest = cols
          .map((o) => options.upper[o])
          .sort((a, b) => b - a)
          .slice(0, Math.max(0, count))
        if (largest.reduce((a, b) => a + b, 0) > tenths) rows.add(cols, 1, -Infinity, tenths)
        if (cols.length > count) rows.add(ys(cols), 1, -Infinity, count)
      },
    )
    // Rule 6 with one loan at a time: a loan's lent weeks are its weeks.
    const rec = model.recovery
    if (rec && K === 1) {
      for (let i = 0; i < rec.NW; i++) {
        const from = i - rec.W + 1
        const budget = rec.cap[s * rec.NW + i] - rec.baseCount[s * rec.NW + i]
        const cols: number[] = []
        const weeks: number[] = []
        for (const o of os) {
          const n = Math.min(options.end[o], i) - Math.max(options.start[o], from) + 1
          if (n > 0) {
            cols.push(O + o)
            weeks.push(n)
          }
        }
        // Only windows the options could overflow (two loans at most per week, so the sum of the largest is a safe test).
        if (weeks.reduce((a, b) => a + b, 0) > budget) rows.add(cols, weeks, -Infinity, budget)
      }
    }
  }
  // Flows A_{u,r,period}: the score and the request and lending limits only
  // see these, which keeps their rows short (HiGHS is faster on them, measured).
  const flowOf = new Map<string, number>()
  const flowOptions: number[][] = []
  const flowHome: number[] = []
  const flowRequest: number[] = []
  const flowStart: number[] = []
  const flowEnd: number[] = []
  for (let o = 0; o < O; o++) {
    const key = `${home(o)},${requestOf(o)},${options.start[o]},${options.end[o]}`
    let f = flowOf.get(key)
    if (f === undefined) {
      flowOf.set(key, (f = flowOptions.length))
      flowOptions.push([])
      flowHome.push(home(o))
      flowRequest.push(requestOf(o))
      flowStart.push(options.start[o])
      flowEnd.push(options.end[o])
    }
    flowOptions[f].push(o)
  }
  const A = flowOptions.length
  const flowCol = (f: number) => 2 * O + f
  const requestRoom = (r: number, t: number) => req[r].fte10 - model.committedRequest10[r * H + t]
  const flowUpper = flowOptions.map((os, f) => {
    let room = os.reduce((sum, o) => sum + options.upper[o], 0)
    for (let t = flowStart[f]; t <= flowEnd[f]; t++) room = Math.min(room, requestRoom(flowRequest[f], t))
    return Math.max(0, room)
  })
  flowOptions.forEach((os, f) => rows.add([flowCol(f), ...os], [1, ...os.map(() => -1)], 0, 0))
  const byRequestFlows = new Map<number, number[]>()
  const byHomeFlows = new Map<number, number[]>()
  for (let f = 0; f < A; f++) {
    push(byRequestFlows, flowRequest[f], f)
    push(byHomeFlows, flowHome[f], f)
  }
  const flowActive = (f: number, t: number) => flowStart[f] <= t && t <= flowEnd[f]
  for (const [r, fs] of byRequestFlows) {
    weekly(
      fs,
      (t) => [requestRoom(r, t), 0],
      (cols, [room]) => {
        if (cols.reduce((sum, f) => sum + flowUpper[f], 0) > room) rows.add(cols.map(flowCol), 1, -Infinity, room)
      },
      flowActive,
    )
  }
  const maxLent = new Int32Array(U * H)
  const maxReceived = new Int32Array(U * H)
  const received: number[][] = Array.from({ length: U * H }, () => [])
  const lent: number[][] = Array.from({ length: U * H }, () => [])
  const requestWeekMax = new Map<number, number>()
  for (let f = 0; f < A; f++) {
    const r = req[flowRequest[f]]
    for (let t = flowStart[f]; t <= flowEnd[f]; t++) {
      received[r.unit * H + t].push(flowCol(f))
      lent[flowHome[f] * H + t].push(flowCol(f))
      maxLent[flowHome[f] * H + t] += flowUpper[f]
      const key = flowRequest[f] * H + t
      requestWeekMax.set(key, (requestWeekMax.get(key) ?? 0) + flowUpper[f])
    }
  }
  for (const [key, most] of requestWeekMax) {
    const r = Math.floor(key / H)
    const t = key % H
    maxReceived[req[r].unit * H + t] += Math.max(0, Math.min(most, requestRoom(r, t)))
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
  let column = 2 * O + A
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
  for (let o = 0; o < O; o++) {
    colUpper[o] = options.upper[o]
    integrality[o] = 1
    integrality[O + o] = 1
  }
  for (let f = 0; f < A; f++) colUpper[flowCol(f)] = flowUpper[f]
  colCost.set(cost, 2 * O + A)
  const numRows = rows.lower.length
  return {
    options,
    flows: flowOptions,
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

/** The full column vector of a solution (loan sizes and weeks per pair; y and the segments follow): a MIP start. */
export function columnValues(mip: MipModel, start: Snapshot, help10: Int32Array) {
  const { options } = mip
  const O = options.pair.length
  const values = new Float64Array(mip.data.numCols)
  for (let o = 0; o < O; o++) {
    const p = options.pair[o]
    if (start.x[p] > 0 && start.pa[p] === options.start[o] && start.pb[p] === options.end[o]) {
      values[o] = start.x[p]
      values[O + o] = 1
    }
  }
  mip.flows.forEach((os, f) => {
    for (const o of os) values[2 * O + f] += values[o]
  })
  for (let i = 0; i < mip.segWeek.length; i++) {
    const filled = Math.min(mip.segFirst[i + 1] - mip.segFirst[i], help10[mip.segWeek[i]] - mip.segLo[i])
    for (let k = 0; k < filled; k++) values[mip.segFirst[i] + k] = 1
  }
  return values
}

export type MipResult = {
  /** The best solution HiGHS found, as tenths and weeks per pair (null: none, or HiGHS failed). */
  readonly solution: Snapshot | null
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
  options: Options,
  start: Snapshot & { help10: Int32Array },
  timeLimitMs: number,
  relativeGap: number,
): MipResult {
  let solver: ReturnType<MipSolver['createModel']> | undefined
  try {
    const mip = buildMip(model, pairs, options)
    solver = highs.createModel(mip.data)
    // Restarts re-solve the root after its cuts: slower to the optimum on medium instances (measured).
    // The start comes from our own search, so HiGHS's heuristics get little time: v2-small-4 proven in 32 s against 51 s at its default 0.05.
    solver.options.set({ output_flag: false, time_limit: Math.max(0.001, timeLimitMs / 1000), mip_rel_gap: relativeGap, mip_allow_restart: false, mip_heuristic_effort: 0.01 })
    solver.setSolution({ colValue: columnValues(mip, start, start.help10) })
    solver.run()
    const bound = Number(solver.info.get('mip_dual_bound'))
    const status = Number(solver.info.get('primal_solution_status'))
    if (status !== 2) return { solution: null, bound: Number.isFinite(bound) ? bound : -Infinity }
    const values = solver.getSolution().colValue
    const P = pairs.staff.length
    const solution = { x: new Int32Array(P), pa: Int32Array.from(pairs.start), pb: Int32Array.from(pairs.end) }
    for (let o = 0; o < options.pair.length; o++) {
      const x = Math.round(values[o])
      if (x <= 0) continue
      const p = options.pair[o]
      solution.x[p] = x
      solution.pa[p] = options.start[o]
      solution.pb[p] = options.end[o]
    }
    return { solution, bound: Number.isFinite(bound) ? bound : -Infinity }
  } catch {
    return { solution: null, bound: -Infinity }
  } finally {
    solver?.dispose()
  }
}
