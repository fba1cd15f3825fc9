import { LagrangianBound } from './bound'
import { explainLoans, unitImpacts } from './explain'
import { baselineScore, buildModel, eligiblePairs, type Model } from './model'
import { loadMipSolver, MIP_MAX_PAIRS, solveMip } from './mip'
import { checkLoansOnModel } from './rules'
import { Annealer } from './anneal'
import { greedyFill, neighbourhoods, optimizeEveryone, restore, rng, trimIdle } from './search'
import { SearchState, type Pairs } from './state'
import type { InstanceError, Loan, Solution, SolveOptions } from './types'
import { validateInstance } from './validate'

const DEFAULTS = { timeLimitMs: 10_000, gapTolerance: 1e-6, explain: true, seed: 20261123 }

/** The typical score change of one tenth on a loan: the scale for annealing temperatures. */
function typicalStep(state: SearchState) {
  let sum = 0
  let n = 0
  for (let p = 0; p < state.x.length; p++) {
    if (state.x[p] === 0) continue
    sum += Math.abs(state.delta(p, -1))
    n++
  }
  return n > 0 ? sum / n : 1
}

function loanWeeks(state: SearchState) {
  const { requests } = state.model.inst
  let sum = 0
  for (let p = 0; p < state.x.length; p++) {
    if (state.x[p] === 0) continue
    const r = requests[state.pairs.request[p]]
    sum += r.end - r.start + 1
  }
  return sum
}

/**
 * A second start from the Lagrangian prices: pairs by reduced value per
 * tenth, each as large as fits while it still helps, then the greedy and the
 * exact re-planning on top. On large instances it beats the plain greedy start.
 */
function priceStart(state: SearchState, reducedCost: Float64Array, nb: ReturnType<typeof neighbourhoods>, deadline: number, random: () => number) {
  const P = reducedCost.length
  const order = Array.from({ length: P }, (_, p) => p)
    .filter((p) => reducedCost[p] > -1e-9)
    .sort((a, b) => reducedCost[b] - reducedCost[a])
  for (const p of order) {
    const room = state.room(p)
    if (room >= state.reqChunk[state.pairs.request[p]] && state.delta(p, room) < 0) state.apply(p, room)
  }
  greedyFill(state, Array.from({ length: P }, (_, p) => p), deadline)
  optimizeEveryone(state, nb, deadline, random)
  state.recompute()
}

/**
 * The annealing's time when HiGHS runs too: 40 % of what is left after the
 * greedy start, at most 2 s; HiGHS has the rest. Measured on medium
 * instances at 5 s: HiGHS alone ends worse than the annealing on some, the
 * two together match or beat it and prove a much tighter bound.
 */
const annealMs = (left: number) => Math.min(0.4 * left, 2000)

/** HiGHS's time: what is left less the annealing's. */
const mipMs = (left: number) => left - annealMs(left)

/**
 * With less time HiGHS does not pay: on 1,400–1,600 pairs its presolve,
 * root LP and cuts take 1–5 s before its first good solution, and its
 * presolve cannot be interrupted (with 0.1 s it ran 0.2 s over the limit).
 * Measured at 1.2–1.5 s on medium instances, it only took the annealing's
 * time.
 */
const mipMinMs = (P: number) => Math.max(200, 2 * P)

/** The loans an assignment of tenths to pairs makes. */
export function loansOf(model: Model, pairs: Pairs, x: Int32Array) {
  const loans: Loan[] = []
  for (let p = 0; p < x.length; p++) {
    if (x[p] > 0) loans.push({ staffId: model.inst.staff[pairs.staff[p]].id, requestId: model.inst.requests[pairs.request[p]].id, fte10: x[p] })
  }
  return loans
}

type Prepared = { model: Model; pairs: Pairs }

function invalid(error: InstanceError, started: number): Solution {
  return {
    version: 1,
    status: 'invalid',
    loans: [],
    score: 0,
    baselineScore: 0,
    bound: 0,
    relief: 0,
    error,
    stats: { eligiblePairs: 0, ms: Date.now() - started, iterations: 0, boundIterations: 0, timedOut: false },
  }
}

function prepare(raw: unknown): Prepared | { error: InstanceError } {
  const checked = validateInstance(raw)
  if (!checked.ok) return { error: checked.error }
  const model = buildModel(checked.instance)
  return { model, pairs: eligiblePairs(model) }
}

/**
 * Suggests loans that keep every hard rule and make the overload score as
 * low as possible, with a proven lower bound (see README.md in this folder).
 * Never throws on bad input: an invalid instance comes back with status
 * "invalid" and the error naming the field. With `options.mip` (a loaded
 * HiGHS, see `solveAsync`) small instances are also solved exactly.
 */
export function solve(raw: unknown, options: SolveOptions = {}): Solution {
  const started = Date.now()
  const prepared = prepare(raw)
  return 'error' in prepared ? invalid(prepared.error, started) : run(prepared, options, started)
}

/**
 * `solve`, loading HiGHS first when the instance is small enough for the
 * exact model (the load counts in the time limit). If HiGHS cannot be
 * loaded, the heuristic answer comes back as from `solve`.
 */
export async function solveAsync(raw: unknown, options: SolveOptions = {}): Promise<Solution> {
  const started = Date.now()
  const prepared = prepare(raw)
  if ('error' in prepared) return invalid(prepared.error, started)
  const P = prepared.pairs.staff.length
  // Loading takes about 0.1 s of the limit.
  const worthLoading = P > 0 && P <= MIP_MAX_PAIRS && mipMs((options.timeLimitMs ?? DEFAULTS.timeLimitMs) - 150) >= mipMinMs(P)
  const mip = options.mip ?? (worthLoading ? await loadMipSolver().catch(() => undefined) : undefined)
  return run(prepared, { ...options, mip }, started)
}

function run({ model, pairs }: Prepared, options: SolveOptions, started: number): Solution {
  const opts = { ...DEFAULTS, ...options }
  const hardDeadline = started + Math.max(1, opts.timeLimitMs)
  let deadline = hardDeadline
  const P = pairs.staff.length
  const baseline = baselineScore(model)
  const random = rng(opts.seed)
  const budget = (share: number) => Math.min(deadline, Date.now() + Math.max(1, (deadline - Date.now()) * share))
  const gapClosed = (score: number, bound: number) => score - bound <= opts.gapTolerance * Math.max(score, 1)

  // 1. A lazy greedy by relief per tenth, then every person re-planned exactly.
  const state = new SearchState(model, pairs)
  greedyFill(state, Array.from({ length: P }, (_, p) => p), budget(0.15))
  const nb = neighbourhoods(state)
  optimizeEveryone(state, nb, budget(0.05), random)
  let best = Int32Array.from(state.x)
  let bestScore = state.recompute()
  // Explanations cost 6–10 µs per loan-week (measured on large instances):
  // keep 12 µs for them so the answer, explained, still comes within the limit.
  const keepTimeToExplain = () => {
    if (opts.explain) deadline = Math.max(Date.now(), hardDeadline - Math.min(0.25 * opts.timeLimitMs, 5 + 0.012 * loanWeeks(state)))
  }
  keepTimeToExplain()
  // With nothing anyone could lend, the baseline is all there is.
  let bound = P === 0 ? bestScore : 0
  const keepIfBetter = () => {
    if (state.score < bestScore - 1e-9 * Math.max(1, bestScore)) {
      bestScore = state.score
      best = Int32Array.from(state.x)
    }
  }

  // 2. The exact model, when HiGHS is loaded and the instance small enough:
  // from the greedy start, for most of the time. Its answer is taken only if
  // our own rules find it valid and it scores better; its bound is proven
  // for the whole problem (the model is exact, nothing is fixed).
  const left = deadline - Date.now()
  let mipRan: number | undefined
  if (opts.mip && P > 0 && P <= MIP_MAX_PAIRS && mipMs(left) >= mipMinMs(P)) {
    const mipStarted = Date.now()
    const result = solveMip(opts.mip, model, pairs, state, mipMs(left), opts.gapTolerance / 2)
    mipRan = Date.now() - mipStarted
    if (result.x && checkLoansOnModel(model, loansOf(model, pairs, result.x)).length === 0) {
      restore(state, result.x)
      keepIfBetter()
      restore(state, best)
      // More loans may need more time to explain.
      keepTimeToExplain()
    }
    // Less a margin for HiGHS's own tolerances (about 1e-7 on bounds and costs).
    if (result.bound > bound) bound = Math.min(result.bound - 1e-7 * Math.max(1, Math.abs(result.bound)), bestScore)
  }

  // 3. The Lagrangian bound: on large instances it decides most of the gap.
  const lagrangian = new LagrangianBound(model, pairs, state)
  const tighten = (share: number) => {
    if (P > 0 && Date.now() < deadline && !gapClosed(bestScore, bound)) bound = Math.max(bound, Math.min(lagrangian.run(budget(share), bestScore), bestScore))
  }
  tighten(0.45)
  let fromPrices = false
  if (P > 0 && Date.now() < deadline && !gapClosed(bestScore, bound)) {
    const alt = new SearchState(model, pairs)
    priceStart(alt, lagrangian.reducedCost, nb, budget(0.3), random)
    if (alt.score < bestScore - 1e-9 * Math.max(1, bestScore)) {
      best = Int32Array.from(alt.x)
      bestScore = alt.score
      restore(state, best)
      fromPrices = true
    }
  }

  // 4. Anytime improvement: annealing in cycles from the best so far (the
  // first from `hot`, later ones from a quarter of it), with the bound
  // tightened between cycles. Large instances get few moves per pair, so
  // they start cool.
  const annealer = new Annealer(state, nb, random)
  const unit = typicalStep(state)
  const hot = (P <= 5000 ? 6 : P >= 20_000 ? 2 : 6 * Math.pow(2 / 6, Math.log(P / 5000) / Math.log(4))) * (fromPrices ? 0.3 : 1)
  for (let cycle = 0; P > 0 && Date.now() < deadline && !gapClosed(bestScore, bound); cycle++) {
    const remaining = deadline - Date.now()
    annealer.run(Date.now() + (cycle === 0 ? remaining * 0.6 : Math.max(remaining * 0.5, 20)), (cycle === 0 ? hot : hot / 4) * unit, 0.01 * unit)
    optimizeEveryone(state, nb, deadline, random)
    keepIfBetter()
    restore(state, best)
    tighten(0.15)
  }
  restore(state, best)
  trimIdle(state)
  const score = state.recompute()
  bound = Math.min(bound, score)
  const loans = loansOf(model, pairs, state.x)
  return {
    version: 1,
    status: gapClosed(score, bound) ? 'optimal' : 'feasible',
    loans,
    score,
    baselineScore: baseline,
    bound,
    relief: baseline > 0 ? 1 - score / baseline : 1,
    ...(opts.explain ? { explanations: explainLoans(model, state), impacts: unitImpacts(model, state) } : {}),
    stats: { eligiblePairs: P, ms: Date.now() - started, iterations: annealer.iterations, boundIterations: lagrangian.iterations, mipMs: mipRan, timedOut: Date.now() >= deadline },
  }
}
