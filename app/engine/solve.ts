import { LagrangianBound } from './bound'
import { explainLoans, unitImpacts } from './explain'
import { baselineScore, buildModel, eligiblePairs, type Model } from './model'
import { ejectionChains, greedyFill, improve, neighbourhoods, optimizeEveryone, perturb, restore, rng, trimIdle, type Neighbourhoods } from './search'
import { SearchState, type Pairs } from './state'
import type { Loan, Solution, SolveOptions } from './types'
import { validateInstance } from './validate'

const DEFAULTS = { timeLimitMs: 5_000, gapTolerance: 1e-6, explain: true }

function localOptimum(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number) {
  for (;;) {
    const before = state.score
    optimizeEveryone(state, nb, deadline, random)
    improve(state, nb, deadline, random)
    if (state.score > before - 1e-9) ejectionChains(state, nb, deadline, random)
    if (state.score > before - 1e-9 || Date.now() > deadline) return
  }
}

/** A start from the Lagrangian prices: pairs with the best reduced value first. */
function priceStart(model: Model, pairs: Pairs, reducedCost: Float64Array) {
  const state = new SearchState(model, pairs)
  const order = Array.from(reducedCost.keys())
    .filter((p) => reducedCost[p] > 0)
    .sort((a, b) => reducedCost[b] - reducedCost[a])
  for (const p of order) {
    const room = state.room(p)
    if (room >= state.reqChunk[pairs.request[p]] && state.delta(p, room) < 0) state.apply(p, room)
  }
  return state
}

/**
 * Suggests loans that keep every hard rule and make the overload score as
 * low as possible, with a proven lower bound (see README.md in this folder).
 * Never throws on bad input: an invalid instance comes back with status
 * "invalid" and the error naming the field.
 */
export function solve(raw: unknown, options: SolveOptions = {}): Solution {
  const started = Date.now()
  const opts = { ...DEFAULTS, ...options }
  const deadline = started + Math.max(1, opts.timeLimitMs)
  const checked = validateInstance(raw)
  if (!checked.ok) {
    return {
      version: 1,
      status: 'invalid',
      loans: [],
      score: 0,
      baselineScore: 0,
      bound: 0,
      relief: 0,
      error: checked.error,
      stats: { eligiblePairs: 0, ms: Date.now() - started, iterations: 0, timedOut: false },
    }
  }
  const model = buildModel(checked.instance)
  const pairs = eligiblePairs(model)
  const P = pairs.staff.length
  const baseline = baselineScore(model)
  const random = rng(20261123)
  const budget = (share: number) => Math.min(deadline, Date.now() + Math.max(1, (deadline - Date.now()) * share))
  const gapClosed = (score: number, bound: number) => score - bound <= opts.gapTolerance * Math.max(score, 1)

  const state = new SearchState(model, pairs)
  greedyFill(state, Array.from({ length: P }, (_, p) => p), budget(0.3))
  const nb = neighbourhoods(state)
  localOptimum(state, nb, budget(0.3), random)
  let best = Int32Array.from(state.x)
  let bestScore = state.recompute()
  // With nothing anyone could lend, the baseline is all there is.
  let bound = P === 0 ? bestScore : 0
  const lagrangian = new LagrangianBound(model, pairs, state)

  const tighten = (share: number) => {
    bound = Math.max(bound, Math.min(lagrangian.run(budget(share), bestScore), bestScore))
    return lagrangian
  }
  const keepIfBetter = (candidate: SearchState) => {
    if (candidate.score < bestScore - 1e-12) {
      bestScore = candidate.score
      best = Int32Array.from(candidate.x)
    }
  }

  if (P > 0 && !gapClosed(bestScore, bound)) {
    const prices = tighten(0.4)
    // A second start from the prices pays off on small and medium instances.
    if (P <= 20_000 && !gapClosed(bestScore, bound) && Date.now() < deadline) {
      const alt = priceStart(model, pairs, prices.reducedCost)
      greedyFill(alt, Array.from({ length: P }, (_, p) => p), budget(0.2))
      localOptimum(alt, nb, budget(0.2), random)
      keepIfBetter(alt)
      restore(state, best)
    }
  }
  // Anytime improvement: large-neighbourhood search, re-polished, until the gap closes or time is up.
  while (P > 0 && Date.now() < deadline && !gapClosed(bestScore, bound)) {
    perturb(state, nb, budget(0.25), random)
    localOptimum(state, nb, deadline, random)
    keepIfBetter(state)
    if (state.score > bestScore + 1e-12) restore(state, best)
    if (Date.now() < deadline) tighten(0.15)
  }
  restore(state, best)
  trimIdle(state)
  const score = state.recompute()
  bound = Math.min(bound, score)
  const loans: Loan[] = []
  for (let p = 0; p < P; p++) {
    if (state.x[p] > 0) loans.push({ staffId: model.inst.staff[pairs.staff[p]].id, requestId: model.inst.requests[pairs.request[p]].id, fte10: state.x[p] })
  }
  return {
    version: 1,
    status: gapClosed(score, bound) ? 'optimal' : 'feasible',
    loans,
    score,
    baselineScore: baseline,
    bound,
    relief: baseline > 0 ? 1 - score / baseline : 1,
    ...(opts.explain ? { explanations: explainLoans(model, state), impacts: unitImpacts(model, state) } : {}),
    stats: { eligiblePairs: P, ms: Date.now() - started, iterations: lagrangian.iterations, timedOut: Date.now() >= deadline },
  }
}
