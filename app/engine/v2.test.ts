// SPEC version 2 on hand-made worlds: loans for part of a period, the
// request's size per week (relays), recovery as a hard rule, commitments
// that fill a person's week, and no idle weeks at a loan's ends.
import { describe, expect, test } from 'vitest'
import { checkLoans, scoreLoans } from './rules'
import { solve, solveAsync } from './solve'
import { bruteForceOptimum, world } from './test-helpers'
import type { Instance, InstanceStaff, Loan } from './types'

const quick = { timeLimitMs: 300 }

/**
 * Six weeks; u-need is overloaded every week (D = 6, F = 2), u-slack can lend (D = 0).
 * Only `lvm` holders can take the request (weeks 0–5, at least 2 weeks).
 */
function v2World(overrides: { staff?: InstanceStaff[]; openCases?: number | number[]; minWeeks?: number; fte10?: number; policy?: Instance['policy']; commitments?: Instance['commitments'] } = {}): Instance {
  return {
    ...world({
      horizonWeeks: 6,
      units: [
        { id: 'u-need', casesPerFte: 10, openCases: overrides.openCases ?? 60 },
        { id: 'u-slack', casesPerFte: 10, openCases: 0 },
      ],
      staff: overrides.staff ?? [
        { id: 'need-1', unitId: 'u-need', fte10: 10, caseload: 10, lendable: true, skills: {} },
        { id: 'need-2', unitId: 'u-need', fte10: 10, caseload: 10, lendable: true, skills: {} },
        { id: 'only', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: { lvm: 2 }, unavailableWeeks: [2] },
        { id: 'other', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: {} },
      ],
      requests: [{ id: 'r-1', unitId: 'u-need', fte10: overrides.fte10 ?? 5, startWeek: 0, endWeek: 5, minWeeks: overrides.minWeeks ?? 2, skills: [{ skill: 'lvm', minLevel: 1 }] }],
      policy: overrides.policy,
      commitments: overrides.commitments,
    }),
    version: 2,
  }
}

const lender = (id: string, extra: Partial<InstanceStaff> = {}): InstanceStaff => ({ id, unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: { lvm: 2 }, ...extra })
const needStaff = v2World().staff.slice(0, 2)
const rules = (instance: Instance, loans: Loan[]) => [...new Set(checkLoans(instance, loans).map((v) => v.rule))].sort()
const weeksOf = (loans: readonly Loan[]) => loans.map((l) => [l.staffId, l.startWeek, l.endWeek, l.fte10])

describe('version 2, hard rules as the checker sees them', () => {
  test('an absence in the middle: the loan may cover the weeks on either side, never the absent week', () => {
    const w = v2World()
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 3, endWeek: 5 }])).toEqual([])
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 0, endWeek: 1 }])).toEqual([])
    expect(checkLoans(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 1, endWeek: 3 }])).toEqual([
      { rule: 'eligibility', staffId: 'only', requestId: 'r-1', message: 'the person is away in a week of the loan' },
    ])
    // Without weeks, a version-2 loan covers the request's whole period.
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5 }])).toEqual(['eligibility'])
  })

  test('a loan that exactly meets minWeeks is valid; one week shorter is not; weeks outside the request are not', () => {
    const w = v2World({ minWeeks: 3 })
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 3, endWeek: 5 }])).toEqual([])
    expect(checkLoans(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 4, endWeek: 5 }]).map((v) => v.message)).toEqual(["2 weeks is shorter than the request's minWeeks 3"])
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 4, endWeek: 6 }])).toEqual(['period'])
    expect(rules(w, [{ staffId: 'only', requestId: 'r-1', fte10: 5, startWeek: 5, endWeek: 3 }])).toEqual(['period'])
  })

  test('rule 4 per week: two people one after the other fill a request of 5 tenths; at the same time they overfill it', () => {
    const w = v2World({ staff: [...needStaff, lender('early', { unavailableWeeks: [3, 4, 5] }), lender('late', { unavailableWeeks: [0, 1, 2] }), lender('third')] })
    const relay: Loan[] = [
      { staffId: 'early', requestId: 'r-1', fte10: 5, startWeek: 0, endWeek: 2 },
      { staffId: 'late', requestId: 'r-1', fte10: 5, startWeek: 3, endWeek: 5 },
    ]
    expect(rules(w, relay)).toEqual([])
    expect(checkLoans(w, [relay[0], { ...relay[1], startWeek: 2, endWeek: 5, staffId: 'third' }]).map((v) => `${v.rule}@${v.week}`)).toContain('requestSize@2')
  })

  test('recovery: a window already full from past weeks takes no new lent week; the rest of the horizon does', () => {
    // At most 2 lent weeks in any 4; lent in the two weeks before week 0.
    const w = v2World({ staff: [...needStaff, lender('rested', { pastLentWeeks: [-1, -2] })], policy: { recovery: { windowWeeks: 4, maxLentWeeks: 2 } } })
    const loan = (startWeek: number, endWeek: number): Loan[] => [{ staffId: 'rested', requestId: 'r-1', fte10: 5, startWeek, endWeek }]
    expect(checkLoans(w, loan(0, 1))).toEqual([{ rule: 'recovery', staffId: 'rested', week: 0, message: 'weeks -3..0: lent 3 weeks, more than 2 (at most 2 in 4)' }])
    expect(rules(w, loan(1, 2))).toEqual(['recovery'])
    expect(rules(w, loan(2, 3))).toEqual([])
    expect(rules(w, loan(2, 4))).toEqual(['recovery'])
    const solution = solve(w, quick)
    expect(checkLoans(w, solution.loans)).toEqual([])
    expect(solution.loans).toHaveLength(1)
    expect(solution.loans[0].startWeek).toBeGreaterThanOrEqual(2)
    expect(solution.loans[0].endWeek! - solution.loans[0].startWeek!).toBe(1)
    expect(solution.score).toBeCloseTo(bruteForceOptimum(w), 9)
  })

  test('recovery: where past weeks alone already exceed the limit, nothing more is lent there, and that is not a violation by itself', () => {
    const w = v2World({ staff: [...needStaff, lender('tired', { pastLentWeeks: [-1, -2, -3] })], policy: { recovery: { windowWeeks: 4, maxLentWeeks: 2 } } })
    expect(checkLoans(w, [])).toEqual([])
    expect(rules(w, [{ staffId: 'tired', requestId: 'r-1', fte10: 5, startWeek: 0, endWeek: 1 }])).toEqual(['recovery'])
    expect(rules(w, [{ staffId: 'tired', requestId: 'r-1', fte10: 5, startWeek: 3, endWeek: 4 }])).toEqual([])
  })

  test('a commitment that fills a person’s week: no new loan in that week', () => {
    const w = v2World({
      staff: [...needStaff, lender('busy')],
      commitments: [{ staffId: 'busy', toUnitId: 'u-need', startWeek: 2, endWeek: 2, fte10: 3 }],
    })
    expect(rules(w, [{ staffId: 'busy', requestId: 'r-1', fte10: 2, startWeek: 0, endWeek: 5 }])).toEqual(['concurrency'])
    const solution = solve(w, quick)
    expect(checkLoans(w, solution.loans)).toEqual([])
    expect(weeksOf(solution.loans)).toEqual([['busy', 3, 5, 5]])
  })
})

describe('version 2, solve', () => {
  test('the only qualified person, away one week, is proposed for the longer stretch they are present', () => {
    const w = v2World()
    const solution = solve(w, quick)
    expect(solution.version).toBe(2)
    expect(weeksOf(solution.loans)).toEqual([['only', 3, 5, 5]])
    expect(solution.score).toBeCloseTo(bruteForceOptimum(w), 9)
    expect(solution.status).toBe('optimal')
    const why = solution.explanations![0].period
    expect(why).toMatchObject({ startWeek: 3, endWeek: 5, requestStartWeek: 0, requestEndWeek: 5, minWeeks: 2, awayWeeks: [2] })
  })

  test('a loan that exactly meets minWeeks is proposed; a shorter stretch is not', () => {
    const staff = [...needStaff, lender('short', { unavailableWeeks: [0, 1, 2, 5] })]
    expect(weeksOf(solve(v2World({ staff, minWeeks: 2 }), quick).loans)).toEqual([['short', 3, 4, 5]])
    expect(solve(v2World({ staff, minWeeks: 3 }), quick).loans).toEqual([])
  })

  test('idle end weeks are trimmed: the loan stops where the overload stops, but keeps minWeeks', () => {
    const staff = [...needStaff, lender('free')]
    const trimmed = solve(v2World({ staff, openCases: [60, 60, 60, 15, 15, 15] }), quick)
    expect(weeksOf(trimmed.loans)).toEqual([['free', 0, 2, 5]])
    const kept = solve(v2World({ staff, openCases: [15, 15, 15, 15, 60, 15], minWeeks: 2 }), quick)
    expect(kept.loans).toHaveLength(1)
    expect([kept.loans[0].startWeek, kept.loans[0].endWeek]).toContainEqual(4)
    expect(kept.loans[0].endWeek! - kept.loans[0].startWeek!).toBe(1)
  })

  test('two people relieve a request one after the other', () => {
    const w = v2World({ staff: [...needStaff, lender('early', { unavailableWeeks: [3, 4, 5] }), lender('late', { unavailableWeeks: [0, 1, 2] })] })
    const solution = solve(w, quick)
    expect(weeksOf(solution.loans).sort()).toEqual([
      ['early', 0, 2, 5],
      ['late', 3, 5, 5],
    ])
    expect(solution.score).toBeCloseTo(bruteForceOptimum(w), 9)
  })

  test('a version-2 instance without the new fields has the optimum of the same instance as version 1; each is answered in its version', async () => {
    const v1 = world()
    const v2 = { ...v1, version: 2 as const }
    const a = await solveAsync(v1, { timeLimitMs: 2000, explain: false })
    const b = await solveAsync(v2, { timeLimitMs: 2000, explain: false })
    expect(a.version).toBe(1)
    expect(b.version).toBe(2)
    expect(b.score).toBeCloseTo(a.score, 9)
    expect(a.loans.every((l) => l.startWeek === undefined)).toBe(true)
    expect(b.loans.every((l) => l.startWeek === 0 && l.endWeek === 3)).toBe(true)
    expect(scoreLoans(v2, b.loans)).toBeCloseTo(b.score, 9)
  })

  test('with HiGHS, small version-2 worlds are proven optimal, and its answers keep every rule', async () => {
    for (const w of [
      v2World({ staff: [...needStaff, lender('early', { unavailableWeeks: [3, 4, 5] }), lender('late', { unavailableWeeks: [0, 1, 2] }), lender('rested', { pastLentWeeks: [-1, -2] })], policy: { recovery: { windowWeeks: 4, maxLentWeeks: 2 } }, fte10: 8 }),
      v2World({ staff: [...needStaff, lender('busy'), lender('free', { unavailableWeeks: [1] })], commitments: [{ staffId: 'busy', toUnitId: 'u-need', startWeek: 2, endWeek: 3, fte10: 3, requestId: 'r-1' }], fte10: 6 }),
    ]) {
      const solution = await solveAsync(w, { timeLimitMs: 5000, explain: false })
      expect(solution.stats.mipMs).toBeGreaterThanOrEqual(0)
      expect(solution.status).toBe('optimal')
      expect(solution.score).toBeCloseTo(bruteForceOptimum(w), 9)
      expect(checkLoans(w, solution.loans)).toEqual([])
    }
  })
})

describe('requests without a loan, explained', () => {
  test('each qualified person is counted under the first rule that keeps them out', () => {
    const w = v2World({
      staff: [
        ...needStaff,
        lender('tired', { pastLentWeeks: [-1, -2, -3] }),
        lender('away', { unavailableWeeks: [0, 2, 4] }),
        lender('no', { lendable: false }),
        lender('busy'),
      ],
      policy: { recovery: { windowWeeks: 8, maxLentWeeks: 3 } },
      commitments: [{ staffId: 'busy', toUnitId: 'u-need', startWeek: 0, endWeek: 5, fte10: 2 }],
    })
    const solution = solve(w, quick)
    expect(solution.loans).toEqual([])
    expect(solution.gaps).toEqual([
      {
        requestId: 'r-1',
        qualified: 4,
        reasons: [
          { reason: 'recovery', count: 1, staffIds: ['tired'] },
          { reason: 'away', count: 1, staffIds: ['away'] },
          { reason: 'notLendable', count: 1, staffIds: ['no'] },
          { reason: 'committed', count: 1, staffIds: ['busy'] },
        ],
      },
    ])
  })
})
