import { describe, expect, test } from 'vitest'
import { checkLoans } from './rules'
import { solve } from './solve'
import { world } from './test-helpers'
import type { Instance } from './types'
import { validateInstance } from './validate'

// One request of 5 tenths; lender-1, lender-2 and lender-3 can each give exactly that
// (5 spare tenths, same unit, same weeks): equal answers.
const one = (preferred?: Instance['preferred'], extra: Partial<Parameters<typeof world>[0]> = {}): Instance => ({
  ...world({
    requests: [{ id: 'r-1', unitId: 'u-need', fte10: 5, minChunk10: 5, startWeek: 0, endWeek: 3, skills: [{ skill: 'bbic', minLevel: 2 }] }],
    ...extra,
  }),
  ...(preferred ? { preferred } : {}),
})

describe('preferred pairs (app extension, a tie-break only)', () => {
  test('between identical candidates, the preferred one gets the loan, whichever it is', () => {
    const plain = solve(one(), { timeLimitMs: 300 })
    expect(plain.loans).toHaveLength(1)
    for (const staffId of ['lender-1', 'lender-2', 'lender-3']) {
      const instance = one([{ staffId, requestId: 'r-1' }])
      const solution = solve(instance, { timeLimitMs: 300 })
      expect(solution.loans.map((l) => [l.staffId, l.fte10])).toEqual([[staffId, 5]])
      expect(solution.score).toBeCloseTo(plain.score, 9)
      expect(checkLoans(instance, solution.loans)).toEqual([])
    }
  })

  test('never at the cost of the score: a volunteer whose own unit would go over the cap is passed over', () => {
    // u-busy is over its reasonable caseload (D 2.4 against F 2); with donorMaxLoad 2 it may lend,
    // but each tenth it lends raises its own overload, so the score prefers u-slack's people.
    const base = world()
    const extra = {
      policy: { donorMaxLoad: 2 },
      units: [...(base.units as Instance['units']), { id: 'u-busy', casesPerFte: 10, openCases: 24 }],
      staff: [
        ...base.staff,
        { id: 'busy-1', unitId: 'u-busy', fte10: 10, caseload: 0, lendable: true, skills: { bbic: 4 } },
        { id: 'busy-2', unitId: 'u-busy', fte10: 10, caseload: 0, lendable: true, skills: {} },
      ],
    }
    const plain = solve(one(undefined, extra), { timeLimitMs: 300 })
    const instance = one([{ staffId: 'busy-1', requestId: 'r-1' }], extra)
    const solution = solve(instance, { timeLimitMs: 300 })
    expect(solution.loans.map((l) => l.staffId)).not.toContain('busy-1')
    expect(solution.score).toBeLessThanOrEqual(plain.score + 1e-9)
    expect(checkLoans(instance, solution.loans)).toEqual([])
  })

  test('validation: the field must be a list of { staffId, requestId }; ids that name nobody are ignored', () => {
    expect(validateInstance({ ...one(), preferred: {} })).toMatchObject({ ok: false, error: { path: 'preferred' } })
    expect(validateInstance({ ...one(), preferred: [{ staffId: 3, requestId: 'r-1' }] })).toMatchObject({ ok: false, error: { path: 'preferred[0].staffId' } })
    expect(validateInstance({ ...one(), preferred: [{ staffId: 'lender-1' }] })).toMatchObject({ ok: false, error: { path: 'preferred[0].requestId' } })
    const checked = validateInstance(
      one([
        { staffId: 'nobody', requestId: 'r-1' },
        { staffId: 'lender-1', requestId: 'r-gone' },
      ]),
    )
    expect(checked.ok && checked.instance.preferred.size).toBe(0)
  })

  test('the solution carries no trace of it (the SPEC output is unchanged)', () => {
    const solution = solve(one([{ staffId: 'lender-2', requestId: 'r-1' }]), { timeLimitMs: 200, explain: false })
    expect(Object.keys(solution)).not.toContain('preferred')
  })
})
