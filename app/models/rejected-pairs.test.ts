import { describe, expect, test } from 'vitest'
import { checkLoans, solve } from '~/engine'
import type { Instance } from '~/engine'
import { excludePairs, isNotRejectedSkill } from './rejected-pairs'

// Two equally good people for one request, in a unit with room to lend.
const instance: Instance = {
  version: 2,
  horizonWeeks: 2,
  units: [
    { id: 'need', casesPerFte: 10, openCases: 40 },
    { id: 'slack', casesPerFte: 10, openCases: 5 },
  ],
  staff: [
    { id: 'n1', unitId: 'need', fte10: 10, caseload: 20, lendable: true, skills: {} },
    { id: 'a', unitId: 'slack', fte10: 10, caseload: 1, lendable: true, skills: { bbic: 3 } },
    { id: 'b', unitId: 'slack', fte10: 10, caseload: 1, lendable: true, skills: { bbic: 3 } },
  ],
  requests: [
    { id: 'r1', unitId: 'need', fte10: 5, startWeek: 0, endWeek: 1, skills: [{ skill: 'bbic', minLevel: 2 }] },
    { id: 'r2', unitId: 'need', fte10: 5, startWeek: 0, endWeek: 1, skills: [] },
  ],
}

describe('excluding rejected pairs', () => {
  test('the rejected person is not eligible for that request, but still for others; everyone else as before', () => {
    const excluded = excludePairs(instance, [{ staffId: 'a', requestId: 'r1' }])
    const loan = (staffId: string, requestId: string) => ({ staffId, requestId, fte10: 5, startWeek: 0, endWeek: 1 })
    expect(checkLoans(excluded, [loan('a', 'r1')]).map((v) => v.rule)).toContain('eligibility')
    expect(checkLoans(excluded, [loan('b', 'r1')])).toEqual([])
    expect(checkLoans(excluded, [loan('a', 'r2')])).toEqual([])
    // The same loans on the original instance: all allowed.
    expect(checkLoans(instance, [loan('a', 'r1')])).toEqual([])
  })

  test('the engine proposes someone else for the request, never the rejected person', () => {
    const solution = solve(
      excludePairs(instance, [
        { staffId: 'a', requestId: 'r1' },
        { staffId: 'b', requestId: 'r2' },
      ]),
      { timeLimitMs: 500 },
    )
    expect(solution.status).not.toBe('invalid')
    const pairs = solution.loans.map((l) => `${l.staffId}|${l.requestId}`)
    expect(pairs).not.toContain('a|r1')
    expect(pairs).not.toContain('b|r2')
    expect(pairs).toEqual(expect.arrayContaining(['b|r1']))
  })

  test('nothing excluded: the instance is unchanged', () => {
    expect(excludePairs(instance, [])).toBe(instance)
    expect(excludePairs(instance, [{ staffId: 'a', requestId: 'gone' }])).toBe(instance)
    expect(isNotRejectedSkill('bbic')).toBe(false)
  })
})
