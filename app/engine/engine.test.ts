import { describe, expect, test } from 'vitest'
import { checkLoans, scoreLoans } from './rules'
import { solve } from './solve'
import { bruteForceOptimum, world } from './test-helpers'
import type { Instance, Loan } from './types'

const quick = { timeLimitMs: 400 }

function expectValid(instance: Instance, loans: readonly Loan[]) {
  expect(checkLoans(instance, loans)).toEqual([])
}

describe('the score', () => {
  test('is Σ max(0, D − E)² / max(F, 1) over units and weeks', () => {
    const w = world()
    // u-need: D = 6, F = 2 → overload 4 → 16 / 2 = 8 a week, 4 weeks.
    expect(scoreLoans(w, [])).toBeCloseTo(32, 10)
    // 1.0 FTE of help: overload 3 → 4.5 a week.
    expect(scoreLoans(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-3', requestId: 'r-1', fte10: 5 }])).toBeCloseTo(18, 10)
  })
})

describe('solve', () => {
  test('fills where the pressure is, up to every person’s spare: the optimum', () => {
    const w = world()
    const solution = solve(w, quick)
    // Three lenders with the skill, 5 spare tenths each: 1.5 FTE → overload 2.5 → 3.125 a week.
    expect(solution.score).toBeCloseTo(12.5, 9)
    expect(solution.baselineScore).toBeCloseTo(32, 9)
    expect(solution.relief).toBeCloseTo(1 - 12.5 / 32, 9)
    expect(solution.loans.map((l) => [l.staffId, l.fte10]).sort()).toEqual([
      ['lender-1', 5],
      ['lender-2', 5],
      ['lender-3', 5],
    ])
    expect(solution.bound).toBeLessThanOrEqual(solution.score + 1e-9)
    expectValid(w, solution.loans)
  })

  test('a person absent one week of the period is not lent to it', () => {
    const base = world()
    const w = world({ staff: base.staff.map((s) => (s.id === 'lender-3' ? { ...s, unavailableWeeks: [2] } : s)) })
    const solution = solve(w, quick)
    expect(solution.loans.find((l) => l.staffId === 'lender-3')).toBeUndefined()
    expect(solution.score).toBeCloseTo(bruteForceOptimum(w), 9)
    expectValid(w, solution.loans)
  })

  test('a donor exactly at its limit lends exactly that much', () => {
    // F = 4, D = 2.7 → may lend 10·(4 − 2.7/0.9) = 10 tenths.
    const w = world({ units: [{ id: 'u-need', casesPerFte: 10, openCases: 60 }, { id: 'u-slack', casesPerFte: 10, openCases: 27 }] })
    const solution = solve(w, quick)
    expect(solution.loans.reduce((s, l) => s + l.fte10, 0)).toBe(10)
    expect(solution.score).toBeCloseTo(18, 9)
    expectValid(w, solution.loans)
  })

  test('a request nobody can fill gets nothing, and nothing idle is suggested', () => {
    const w = world({ requests: [{ id: 'r-1', unitId: 'u-need', fte10: 20, minChunk10: 2, startWeek: 0, endWeek: 3, skills: [{ skill: 'lvm', minLevel: 1 }] }] })
    const solution = solve(w, quick)
    expect(solution.loans).toEqual([])
    expect(solution.score).toBeCloseTo(32, 9)
    expect(solution.relief).toBe(0)
    expect(solution.bound).toBeCloseTo(32, 6)
    expect(solution.status).toBe('optimal')
  })

  test('a minimum chunk above everyone’s spare rules everyone out', () => {
    const w = world({ requests: [{ id: 'r-1', unitId: 'u-need', fte10: 20, minChunk10: 6, startWeek: 0, endWeek: 3, skills: [] }] })
    expect(solve(w, quick).loans).toEqual([])
  })

  test('an empty instance has nothing to do', () => {
    const empty: Instance = { version: 1, horizonWeeks: 1, units: [], staff: [], requests: [] }
    const solution = solve(empty, quick)
    expect(solution).toMatchObject({ loans: [], score: 0, baselineScore: 0, relief: 1, status: 'optimal' })
  })

  test('loans never go to units with no overload (no idle loans)', () => {
    const w = world({ units: [{ id: 'u-need', casesPerFte: 10, openCases: 15 }, { id: 'u-slack', casesPerFte: 10, openCases: 20 }] })
    expect(solve(w, quick).loans).toEqual([])
  })

  test('two concurrent loans per person when the policy allows it', () => {
    const requests = [
      { id: 'r-1', unitId: 'u-need', fte10: 20, minChunk10: 2, startWeek: 0, endWeek: 3, skills: [] },
      { id: 'r-2', unitId: 'u-need', fte10: 20, minChunk10: 2, startWeek: 1, endWeek: 2, skills: [] },
    ]
    // Only lender-1 may be lent; the others still count as the lending unit's staff.
    const one = world({ requests, staff: world().staff.map((x) => (x.id === 'lender-1' ? x : { ...x, lendable: false })) })
    const two = { ...one, policy: { maxConcurrentLoans: 2 } }
    const a = solve(one, quick)
    const b = solve(two, quick)
    expect(a.loans).toHaveLength(1)
    expectValid(one, a.loans)
    expectValid(two, b.loans)
    expect(b.score).toBeLessThanOrEqual(a.score + 1e-9)
    expect(b.score).toBeCloseTo(bruteForceOptimum(two), 9)
  })

  test('commitments count: the person is booked, the unit already helped, the request partly filled', () => {
    const w = world({ commitments: [{ staffId: 'lender-1', toUnitId: 'u-need', startWeek: 0, endWeek: 3, fte10: 5, requestId: 'r-1' }] })
    const solution = solve(w, quick)
    // 0.5 FTE committed: overload 3.5 → 6.125 a week before any new loan.
    expect(solution.baselineScore).toBeCloseTo(24.5, 9)
    expect(solution.loans.find((l) => l.staffId === 'lender-1')).toBeUndefined()
    expect(solution.score).toBeCloseTo(12.5, 9)
    expectValid(w, solution.loans)
    // A second loan for the committed pair is refused; so is any loan overlapping the commitment.
    expect(checkLoans(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }]).map((v) => v.rule)).toEqual(['duplicate'])
    const other = world({
      requests: [...world().requests, { id: 'r-2', unitId: 'u-need', fte10: 5, startWeek: 1, endWeek: 1, skills: [] }],
      commitments: [{ staffId: 'lender-1', toUnitId: 'u-need', startWeek: 0, endWeek: 3, fte10: 5, requestId: 'r-1' }],
    })
    expect([...new Set(checkLoans(other, [{ staffId: 'lender-1', requestId: 'r-2', fte10: 1 }]).map((v) => v.rule))].sort()).toEqual(['concurrency', 'staffCap'])
    expect(solve(other, quick).loans.find((l) => l.staffId === 'lender-1')).toBeUndefined()
  })

  test('explanations say why this person, why this unit, and what the lending unit’s load becomes', () => {
    const solution = solve(world(), quick)
    const e = solution.explanations!.find((x) => x.staffId === 'lender-1')!
    expect(e.person).toMatchObject({ homeUnitId: 'u-slack', spareBefore10: 5, spareAfter10: 0, skills: [{ skill: 'bbic', level: 3, minLevel: 2 }] })
    expect(e.receiving.unitId).toBe('u-need')
    expect(e.receiving.weeks[0]).toMatchObject({ week: 0, demand: 6, staff: 2, effectiveBefore: 2, effectiveAfter: 3.5 })
    expect(e.receiving.weeks[0].loadBefore).toBeCloseTo(3)
    // D = 6, E: 2 → 3.5, F = 2: overload 16/2 = 8 before, 2.5²/2 after.
    expect(e.receiving.weeks[0].overloadBefore).toBeCloseTo(8, 12)
    expect(e.receiving.weeks[0].overloadAfter).toBeCloseTo(2.5 ** 2 / 2, 12)
    expect(e.receiving.weeks.map((w) => w.week)).toEqual([0, 1, 2, 3])
    expect(e.lending).toMatchObject({ unitId: 'u-slack', donorMaxLoad: 0.9 })
    // u-slack: F = 4, D = 2 → may lend floor(10·(4 − 2/0.9)) = 17 tenths; lends 15.
    expect(e.lending.weeks[0]).toMatchObject({ lentBefore10: 0, lentAfter10: 15, lendable10: 17, demand: 2, staff: 4, effectiveBefore: 4 })
    expect(e.lending.weeks[0].effectiveAfter).toBeCloseTo(2.5, 12)
    expect(e.lending.weeks[0].loadAfter!).toBeLessThanOrEqual(0.9 + 1e-9)
    const impact = solution.impacts!.find((i) => i.unitId === 'u-need')!
    expect(impact.receivedFteWeeks).toBeCloseTo(6, 12)
    expect(impact.weeks).toHaveLength(4)
    expect(solution.impacts!.map((i) => i.unitId).sort()).toEqual(['u-need', 'u-slack'])
  })

  test('an invalid instance is refused as data, not thrown', () => {
    const solution = solve({ version: 1 })
    expect(solution.status).toBe('invalid')
    expect(solution.error).toEqual({ path: 'horizonWeeks', message: 'must be an integer >= 1' })
    expect(solution.loans).toEqual([])
  })

  test('the time limit is honoured, and the search stops early once the bound meets the score', () => {
    let started = Date.now()
    solve(world(), { timeLimitMs: 50 })
    expect(Date.now() - started).toBeLessThan(1000)
    started = Date.now()
    const solution = solve(world(), { timeLimitMs: 20_000 })
    expect(solution.status).toBe('optimal')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  test('options are merged over defaults; explanations can be left out', () => {
    const solution = solve(world(), { timeLimitMs: 200, explain: false })
    expect(solution.explanations).toBeUndefined()
    expect(solution.impacts).toBeUndefined()
    expect(solution.loans.length).toBeGreaterThan(0)
  })
})

describe('checkLoans (the approval re-check)', () => {
  const w = world({
    units: [{ id: 'u-need', casesPerFte: 10, openCases: 60 }, { id: 'u-slack', casesPerFte: 10, openCases: 27 }],
    requests: [
      { id: 'r-1', unitId: 'u-need', fte10: 20, minChunk10: 2, startWeek: 0, endWeek: 3, skills: [{ skill: 'bbic', minLevel: 2 }] },
      { id: 'r-2', unitId: 'u-need', fte10: 4, minChunk10: 1, startWeek: 1, endWeek: 1, skills: [] },
    ],
  })
  const rules = (loans: Loan[]) => [...new Set(checkLoans(w, loans).map((v) => v.rule))]

  test.each([
    ['eligibility: a required skill is missing', [{ staffId: 'lender-4', requestId: 'r-1', fte10: 2 }], ['eligibility']],
    ['eligibility: from the requesting unit', [{ staffId: 'need-1', requestId: 'r-1', fte10: 2 }], ['eligibility', 'staffCap', 'donor']],
    ['size: below the minimum chunk', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 1 }], ['size']],
    ['size: above the person’s spare', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 6 }], ['size', 'staffCap']],
    ['concurrency: two loans in one week', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }, { staffId: 'lender-1', requestId: 'r-2', fte10: 2 }], ['concurrency']],
    ['staff cap: more than the spare in a week', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 4 }, { staffId: 'lender-1', requestId: 'r-2', fte10: 2 }], ['staffCap', 'concurrency']],
    ['request size', [{ staffId: 'lender-1', requestId: 'r-2', fte10: 3 }, { staffId: 'lender-3', requestId: 'r-2', fte10: 2 }], ['requestSize']],
    ['donor protection', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-2', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-3', requestId: 'r-1', fte10: 2 }], ['donor']],
    ['duplicate pair', [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }, { staffId: 'lender-1', requestId: 'r-1', fte10: 2 }], ['duplicate']],
    ['unknown ids', [{ staffId: 'nobody', requestId: 'r-1', fte10: 2 }], ['reference']],
  ])('%s', (_name, loans, expected) => {
    expect(rules(loans as Loan[])).toEqual(expected)
  })

  test('a valid set has no violations', () => {
    expect(checkLoans(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-3', requestId: 'r-1', fte10: 5 }])).toEqual([])
  })
})
