import { LagrangianBound } from './bound'
import type { BoundHelper } from './bound-thread'
import { explainGaps, explainLoans, unitImpacts } from './explain'
import { baselineScore, buildModel, type Model } from './model'
import { enumerateOptions, loadMipSolver, MIP_MAX_OPTIONS, solveMip, type Options } from './mip'
import { eligiblePairs } from './pairs'
import { checkLoansOnModel } from './rules'
import { Annealer } from './anneal'
import { coordinatorGreedy } from './greedy'
import { greedyFill, loansOf, neighbourhoods, optimizeEveryone, preferPreferred, restore, rng, snapshot, trimIdle } from './search'

export { loansOf }
import { SearchState, type Pairs } from './state'
import type { InstanceError, Solution, SolveOptions } from './types'
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
  let sum = 0
  for (let p = 0; p < state.x.length; p++) if (state.x[p] > 0) sum += state.pb[p] - state.pa[p] + 1
  return sum
}

/**
 * A second start from the Lagrangian prices: pairs in order of how often
 * they were on their person's plan in the bound's recent iterations (the
 * average of those plans tends to the LP relaxation's solution), then by
 * reduced value per tenth; each as large as fits while it still helps, then
 * the greedy and the exact re-planning on top. On large instances it beats
 * the plain greedy start. Measured on own-large-1 (one thread, 2 s of CPU):
 * by reduced value alone the start scored about 19,870 and the answer ended
 * 0.60–0.78 % over the LP bound; in order of use, about 19,805 and 0.48–0.52 %.
 */
type ReducedPrices = Pick<LagrangianBound, 'reducedCost' | 'reducedStart' | 'reducedEnd' | 'usage'>

function priceStart(state: SearchState, prices: ReducedPrices, nb: ReturnType<typeof neighbourhoods>, deadline: number, random: () => number) {
  const { reducedCost } = prices
  const P = reducedCost.length
  // Version 2's periods: in order of use own-medium-1-v2 ended 0.40–0.44 % above HiGHS's best against 0.28–0.35 %, so there by reduced value alone.
  const usage = state.allOnePeriod ? prices.usage : new Float64Array(P)
  const order = Array.from({ length: P }, (_, p) => p)
    .filter((p) => usage[p] > 0 || reducedCost[p] > -1e-9)
    .sort((a, b) => usage[b] - usage[a] || reducedCost[b] - reducedCost[a])
  for (const p of order) {
    state.set(p, 0, prices.reducedStart[p], prices.reducedEnd[p])
    const room = state.room(p)
    if (room >= state.reqChunk[state.pairs.request[p]] && state.delta(p, room) < 0) state.apply(p, room)
  }
  greedyFill(
    state,
    Array.from({ length: P }, (_, p) => p),
    deadline,
  )
  optimizeEveryone(state, nb, deadline, random)
  state.recompute()
}

/**
 * The annealing's focus after a price start: its loans and the pairs on
 * their person's plan in about a third of the bound's recent iterations
 * (usage above 10 of at most about 33). Measured on own-large-1 at 2 s: a
 * wider set (any use: 15,000 pairs) ended about 20 points higher, loans only
 * about 8.
 */
function focusOf(start: SearchState, prices: ReducedPrices) {
  const chosen: number[] = []
  for (let p = 0; p < start.x.length; p++) if (start.x[p] > 0 || prices.usage[p] > 10) chosen.push(p)
  return chosen.length > 0 ? Int32Array.from(chosen) : null
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
const mipMinMs = (options: number) => Math.max(200, 2 * options)

type Prepared = { model: Model; pairs: Pairs; options?: Options | null }

function invalid(raw: unknown, error: InstanceError, started: number): Solution {
  return {
    version: (raw as { version?: unknown } | null)?.version === 2 ? 2 : 1,
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
  const started = options.startedAt ?? Date.now()
  const prepared = prepare(raw)
  return 'error' in prepared ? invalid(raw, prepared.error, started) : run(prepared, options, started)
}

/**
 * `solve`, loading HiGHS first when the instance is small enough for the
 * exact model (the load counts in the time limit). If HiGHS cannot be
 * loaded, the heuristic answer comes back as from `solve`.
 */
export async function solveAsync(raw: unknown, options: SolveOptions = {}): Promise<Solution> {
  const started = options.startedAt ?? Date.now()
  const prepared = prepare(raw)
  if ('error' in prepared) return invalid(raw, prepared.error, started)
  prepared.options = prepared.pairs.staff.length > 0 ? enumerateOptions(prepared.model, prepared.pairs, MIP_MAX_OPTIONS) : null
  const O = prepared.options?.pair.length ?? 0
  const limit = options.timeLimitMs ?? DEFAULTS.timeLimitMs
  // Loading takes about 0.1 s of the limit.
  const left = limit - (Date.now() - started) - 150
  const worthLoading = O > 0 && mipMs(left) >= mipMinMs(O)
  const mip = options.mip ?? (worthLoading ? await loadMipSolver().catch(() => undefined) : undefined)
  const helper = !mip && options.boundWorker && prepared.pairs.staff.length >= BOUND_THREAD_MIN_PAIRS && left >= BOUND_THREAD_MIN_MS ? await startHelper(options.boundWorker, raw) : null
  try {
    return run(prepared, { ...options, mip }, started, helper)
  } finally {
    helper?.close()
  }
}

/**
 * A second thread for the bound pays where the bound is slow and HiGHS
 * does not run: large instances. It takes about 0.3 s to build its own
 * model, which short limits do not have.
 */
const BOUND_THREAD_MIN_PAIRS = 5000
const BOUND_THREAD_MIN_MS = 600

async function startHelper(entry: string | URL, raw: unknown) {
  const { startBoundThread } = await import('./bound-thread')
  return startBoundThread(entry, raw)
}

function run({ model, pairs, options: known }: Prepared, options: SolveOptions, started: number, thread: BoundHelper | null = null): Solution {
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
  greedyFill(
    state,
    Array.from({ length: P }, (_, p) => p),
    budget(0.15),
  )
  // The bound's thread starts from the greedy's help (as the bound here would) while this one re-plans.
  thread?.start(state.help10, state.recompute(), hardDeadline)
  const threadStarted = Date.now()
  const nb = neighbourhoods(state)
  optimizeEveryone(state, nb, budget(0.05), random)
  // The coordinator's greedy, when it does better (so the answer is never worse than it).
  const coordinator = new SearchState(model, pairs)
  coordinatorGreedy(coordinator)
  if (coordinator.score < state.recompute() - 1e-9 * Math.max(1, coordinator.score)) restore(state, snapshot(coordinator))
  let best = snapshot(state)
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
      best = snapshot(state)
    }
  }

  // 2. The exact model, when HiGHS is loaded and the instance small enough:
  // from the greedy start, for most of the time. Its answer is taken only if
  // our own rules find it valid and it scores better; its bound is proven
  // for the whole problem (the model is exact, nothing is fixed).
  const left = deadline - Date.now()
  let mipRan: number | undefined
  const mipOptions = opts.mip && P > 0 ? (known !== undefined ? known : enumerateOptions(model, pairs, MIP_MAX_OPTIONS)) : null
  if (opts.mip && mipOptions && mipMs(left) >= mipMinMs(mipOptions.pair.length)) {
    const mipStarted = Date.now()
    const result = solveMip(opts.mip, model, pairs, mipOptions, { ...snapshot(state), help10: state.help10 }, mipMs(left), opts.gapTolerance / 2)
    mipRan = Date.now() - mipStarted
    if (result.solution && checkLoansOnModel(model, loansOf(model, pairs, result.solution)).length === 0) {
      restore(state, result.solution)
      keepIfBetter()
      restore(state, best)
      // More loans may need more time to explain.
      keepTimeToExplain()
    }
    // Less a margin for HiGHS's own tolerances (about 1e-7 on bounds and costs).
    if (result.bound > bound) bound = Math.min(result.bound - 1e-7 * Math.max(1, Math.abs(result.bound)), bestScore)
  }

  // 3. The Lagrangian bound: on large instances it decides most of the gap.
  // Built when first needed: on a medium instance it takes tens of ms, which a tiny limit does not have.
  // Over periods without HiGHS (large version-2 instances) the bound's
  // sweep gets about 10 ms an iteration, and needs more of the time than the
  // version-1 fast path: measured at 2 s on own-large-1-v2 and
  // other-large-1-v2, 60 % of what is left closed the gap from 1.5–2.5 % to
  // 1.4–2.1 %, and 75 % left the search too little.
  let lagrangian = null as LagrangianBound | null
  // With a thread of its own the bound needs no time here. That thread
  // builds the same model this one built before its greedy start, so it is
  // ready by now or soon; if it fails, or is not ready within a fifth of
  // the time left, the bound is computed here.
  const helper = thread?.ready(Math.min(1000, 0.2 * (deadline - Date.now()))) ? thread : null
  if (thread && !helper) thread.close()
  const heard = () => {
    if (!helper) return
    helper.target(bestScore)
    bound = Math.max(bound, Math.min(helper.bound(), bestScore))
  }
  const tighten = (share: number, sweepShare = share) => {
    if (helper) return heard()
    if (P === 0 || Date.now() >= deadline || gapClosed(bestScore, bound)) return
    lagrangian ??= new LagrangianBound(model, pairs, state)
    const slow = !lagrangian.fixed && mipRan === undefined
    bound = Math.max(bound, Math.min(lagrangian.run(budget(slow ? sweepShare : share), bestScore), bestScore))
  }
  tighten(0.45, 0.6)
  let fromPrices = false
  let focus: Int32Array | null = null
  let focusPrices: ReducedPrices | null = null
  const tryPrices = (prices: ReducedPrices | null) => {
    // (The bound's thread numbers the same pairs; a length that differs would mean it does not.)
    if (!prices || prices.reducedCost.length !== P || Date.now() >= deadline || gapClosed(bestScore, bound)) return
    const alt = new SearchState(model, pairs)
    priceStart(alt, prices, nb, budget(0.3), random)
    if (alt.score < bestScore - 1e-9 * Math.max(1, bestScore)) {
      best = snapshot(alt)
      bestScore = alt.score
      restore(state, best)
      fromPrices = true
      // Version 2 too: at 2 s, in four runs taking turns with uniform moves, own-large-1-v2 and other-large-1-v2 both scored lower every time (by 3–101 points).
      focus = focusOf(alt, prices)
      focusPrices = prices
    }
  }
  if (!helper) tryPrices(lagrangian)

  // 4. Anytime improvement: annealing in cycles from the best so far (the
  // first from `hot`, later ones from a quarter of it), with the bound
  // tightened between cycles. Large instances get few moves per pair, so
  // they start cool.
  const annealer = new Annealer(state, nb, random)
  const unit = typicalStep(state)
  const hot = P <= 5000 ? 6 : P >= 20_000 ? 2 : 6 * Math.pow(2 / 6, Math.log(P / 5000) / Math.log(4))
  // A cycle from a new start runs hot, later ones at a quarter; a price start is already good, so cooler.
  let fresh = true
  // With the bound's thread, the price start waits until that thread has
  // priced for a while, and the search anneals from the greedy start
  // meanwhile. Measured on own-large-1-v2: prices after 200 ms of the
  // bound's steps gave a start of 29,903, after 400 ms 29,860, after 800 ms
  // 29,869, against 30,250 from the greedy; a price start at 0.5 s, on the
  // prices of its first 150 ms, ended 1 % worse.
  if (helper && P > 0) {
    annealer.run(threadStarted + 0.45 * (deadline - threadStarted), hot * unit, 0.01 * unit)
    keepIfBetter()
    restore(state, best)
    tryPrices(helper.prices(200))
    fresh = fromPrices
  }
  annealer.focus = focus
  for (let cycle = 0; P > 0 && Date.now() < deadline && !gapClosed(bestScore, bound); cycle++) {
    const remaining = deadline - Date.now()
    annealer.run(Date.now() + (cycle === 0 ? remaining * 0.6 : Math.max(remaining * 0.5, 20)), (fresh ? hot : hot / 4) * (fromPrices ? 0.3 : 1) * unit, 0.01 * unit)
    fresh = false
    optimizeEveryone(state, nb, deadline, random)
    keepIfBetter()
    restore(state, best)
    tighten(0.15)
    // The focus follows the best answer's loans: at 20 s on own-large-1 0.22–0.23 % over LP against 0.26–0.28 % with the start's (the same at 2 s).
    if (focusPrices) annealer.focus = focusOf(state, focusPrices)
  }
  heard()
  restore(state, best)
  trimIdle(state)
  // Volunteers (the app's `preferred`) among equal answers; a move can leave a tenth idle, so trim again.
  if (preferPreferred(state) > 0) trimIdle(state)
  const score = state.recompute()
  bound = Math.min(bound, score)
  const loans = loansOf(model, pairs, state)
  return {
    version: model.inst.version,
    status: gapClosed(score, bound) ? 'optimal' : 'feasible',
    loans,
    score,
    baselineScore: baseline,
    bound,
    relief: baseline > 0 ? 1 - score / baseline : 1,
    ...(opts.explain ? { explanations: explainLoans(model, state), impacts: unitImpacts(model, state), gaps: explainGaps(model, state) } : {}),
    stats: {
      eligiblePairs: P,
      ms: Date.now() - started,
      iterations: annealer.iterations,
      boundIterations: lagrangian?.iterations ?? helper?.iterations() ?? 0,
      ...(helper ? { boundThread: true } : {}),
      mipMs: mipRan,
      timedOut: Date.now() >= deadline,
    },
  }
}
