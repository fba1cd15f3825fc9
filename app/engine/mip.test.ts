// The exact model against exhaustive search on hand-made worlds that make
// every rule bind: overlapping requests, minimum chunks, lending limits,
// one or two loans at a time, commitments, and lenders that a loan overloads.
import { beforeAll, describe, expect, test } from 'vitest'
import { buildMip, columnValues, enumerateOptions, loadMipSolver, solveMip, type MipSolver } from './mip'
import { checkLoans } from './rules'
import { loansOf, solve, solveAsync } from './solve'
import { restore, snapshot } from './search'
import { SearchState } from './state'
import { bruteForceOptimum, prepared, world } from './test-helpers'
import type { Instance } from './types'

/** Two overloaded units, a lender with a weekly limit, and requests that overlap in time. */
function busyWorld(policy: Instance['policy'] = {}, commitments: Instance['commitments'] = [], lenderCases = [10, 10, 26, 10]): Instance {
  return world({
    horizonWeeks: 4,
    policy,
    units: [
      { id: 'u-a', casesPerFte: 10, openCases: [50, 70, 70, 40] },
      { id: 'u-b', casesPerFte: 10, openCases: 45 },
      // F = 4 (3 in week 3): at donorMaxLoad 0.9 it may lend 28, 28, 11 and 18 tenths.
      { id: 'u-lend', casesPerFte: 10, openCases: lenderCases },
    ],
    staff: [
      { id: 'a-1', unitId: 'u-a', fte10: 10, caseload: 10, lendable: false, skills: {} },
      { id: 'a-2', unitId: 'u-a', fte10: 10, caseload: 10, lendable: false, skills: {} },
      { id: 'b-1', unitId: 'u-b', fte10: 10, caseload: 10, lendable: false, skills: {} },
      { id: 'b-2', unitId: 'u-b', fte10: 10, caseload: 10, lendable: false, skills: {} },
      { id: 'l-1', unitId: 'u-lend', fte10: 10, caseload: 0, lendable: true, skills: { asi: 3 } },
      { id: 'l-2', unitId: 'u-lend', fte10: 10, caseload: 8, lendable: true, skills: { asi: 2 } },
      { id: 'l-3', unitId: 'u-lend', fte10: 10, caseload: 6, lendable: true, skills: { asi: 3 }, unavailableWeeks: [3] },
      { id: 'l-4', unitId: 'u-lend', fte10: 10, caseload: 8, lendable: true, skills: { asi: 3 } },
    ],
    requests: [
      { id: 'r-a1', unitId: 'u-a', fte10: 8, minChunk10: 3, startWeek: 0, endWeek: 2, skills: [{ skill: 'asi', minLevel: 2 }] },
      { id: 'r-a2', unitId: 'u-a', fte10: 5, minChunk10: 1, startWeek: 1, endWeek: 3, skills: [{ skill: 'asi', minLevel: 3 }] },
      { id: 'r-b', unitId: 'u-b', fte10: 9, minChunk10: 2, startWeek: 2, endWeek: 3, skills: [{ skill: 'asi', minLevel: 2 }] },
    ],
    commitments,
  })
}

const cases: [string, Instance][] = [
  ['one loan at a time', busyWorld()],
  ['two loans at a time', busyWorld({ maxConcurrentLoans: 2 })],
  ['a lender that lending overloads (donorMaxLoad 1.5)', busyWorld({ donorMaxLoad: 1.5 })],
  ['commitments', busyWorld({ maxConcurrentLoans: 2 }, [{ staffId: 'l-1', toUnitId: 'u-b', startWeek: 0, endWeek: 1, fte10: 3 }])],
  [
    'commitments beyond a lending limit',
    // Week 3 at donorMaxLoad 1.5: D = F = 3, it may lend 10 tenths and has lent 11.
    busyWorld(
      { donorMaxLoad: 1.5 },
      [
        { staffId: 'l-1', toUnitId: 'u-b', startWeek: 3, endWeek: 3, fte10: 7 },
        { staffId: 'l-2', toUnitId: 'u-a', startWeek: 3, endWeek: 3, fte10: 2 },
        { staffId: 'l-4', toUnitId: 'u-a', startWeek: 3, endWeek: 3, fte10: 2 },
      ],
      [10, 10, 26, 30],
    ),
  ],
]

let highs: MipSolver
beforeAll(async () => {
  highs = await loadMipSolver()
})

describe('the exact model (HiGHS)', () => {
  test.each(cases)('%s: its optimum is the exhaustive optimum, and its answer is valid', (_, instance) => {
    const { model, pairs } = prepared(instance)
    const start = new SearchState(model, pairs)
    const result = solveMip(highs, model, pairs, enumerateOptions(model, pairs)!, { ...snapshot(start), help10: start.help10 }, 10_000, 1e-9)
    const optimum = bruteForceOptimum(instance)
    const state = new SearchState(model, pairs)
    restore(state, result.solution!)
    expect(state.recompute()).toBeCloseTo(optimum, 9)
    expect(result.bound).toBeCloseTo(optimum, 6)
    expect(checkLoans(instance, loansOf(model, pairs, result.solution!))).toEqual([])
  })

  test('a start is priced exactly: the objective of its columns is its score', () => {
    const instance = busyWorld({ donorMaxLoad: 1.5 })
    const { model, pairs } = prepared(instance)
    const state = new SearchState(model, pairs)
    const heuristic = solve(instance, { timeLimitMs: 200, explain: false })
    for (const l of heuristic.loans) {
      const p = Array.from(pairs.staff).findIndex((s, i) => model.inst.staff[s].id === l.staffId && model.inst.requests[pairs.request[i]].id === l.requestId)
      state.apply(p, l.fte10)
    }
    const mip = buildMip(model, pairs, enumerateOptions(model, pairs)!)
    const values = columnValues(mip, snapshot(state), state.help10)
    const objective = values.reduce((sum, v, c) => sum + v * mip.data.colCost[c], mip.data.offset ?? 0)
    expect(objective).toBeCloseTo(state.recompute(), 9)
  })

  test('solveAsync proves the optimum of a small world, valid and without idle loans', async () => {
    const instance = busyWorld()
    const solution = await solveAsync(instance, { timeLimitMs: 5000, explain: false })
    expect(solution.stats.mipMs).toBeGreaterThanOrEqual(0)
    expect(solution.status).toBe('optimal')
    expect(solution.score).toBeCloseTo(bruteForceOptimum(instance), 9)
    expect(checkLoans(instance, solution.loans)).toEqual([])
  })
})
