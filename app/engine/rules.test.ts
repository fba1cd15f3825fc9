// Each hard rule and the score, alone, on hand-made cases (SPEC "Hard constraints", "Objective").
import { describe, expect, test } from 'vitest'
import { buildModel, lendableTenths, overloadTerm, spareTenths } from './model'
import { checkDonors, checkEligibility, checkLoans, checkRequestSizes, checkSize, checkStaffWeeks, createLoanChecker, resolveLoans, scoreLoans } from './rules'
import { world } from './test-helpers'
import type { Instance, Loan } from './types'
import { validateInstance } from './validate'

function setup(instance: Instance, loans: Loan[]) {
  const checked = validateInstance(instance)
  if (!checked.ok) throw new Error(checked.error.message)
  const model = buildModel(checked.instance)
  return { model, ...resolveLoans(checked.instance, loans) }
}

describe('derived quantities', () => {
  test('spare tenths: floor(staffMaxLoad·fte10 − 10·caseload/casesPerFte + 1e-9), never negative', () => {
    expect(spareTenths(10, 5, 10, 1)).toBe(5)
    expect(spareTenths(10, 12, 12, 1)).toBe(0)
    expect(spareTenths(8, 9, 12, 1)).toBe(0) // 8 − 7.5 = 0.5 → 0
    expect(spareTenths(10, 14, 12, 1)).toBe(0) // negative → 0
    expect(spareTenths(10, 7, 10, 1)).toBe(3) // 10 − 7 exactly, despite floating point
    expect(spareTenths(10, 5, 10, 1.2)).toBe(7)
  })

  test('lendable tenths: floor(10·(F − D/donorMaxLoad) + 1e-9), never negative', () => {
    expect(lendableTenths(4, 2.7, 0.9)).toBe(10)
    expect(lendableTenths(4, 3.6, 0.9)).toBe(0)
    expect(lendableTenths(4, 4, 0.9)).toBe(0)
  })

  test('the score term: max(0, D − E)² / max(F, 1)', () => {
    expect(overloadTerm(6, 2, 2)).toBe(8)
    expect(overloadTerm(6, 3.5, 2)).toBeCloseTo(3.125, 12)
    expect(overloadTerm(2, 3, 2)).toBe(0)
    expect(overloadTerm(1.5, 0, 0.5)).toBeCloseTo(2.25, 12) // F below 1 divides by 1
  })
})

describe('rule 1, eligibility', () => {
  const w = world({ staff: [...world().staff.map((s) => (s.id === 'lender-3' ? { ...s, unavailableWeeks: [3] } : s)), { id: 'no', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: false, skills: { bbic: 4 } }] })
  const rule = (staffId: string) => {
    const { model, resolved } = setup(w, [{ staffId, requestId: 'r-1', fte10: 2 }])
    return checkEligibility(model, resolved[0])?.message ?? null
  }
  test('lendable, from another unit, every skill at the level, present every week', () => {
    expect(rule('lender-1')).toBeNull()
    expect(rule('no')).toBe('the person is not lendable')
    expect(rule('need-1')).toBe('the person belongs to the requesting unit')
    expect(rule('lender-4')).toBe('the person lacks a required skill at the required level')
    expect(rule('lender-3')).toBe('the person is away in a week of the request')
  })
})

describe('rule 2, size', () => {
  const size = (fte10: number) => {
    const { model, resolved } = setup(world(), [{ staffId: 'lender-1', requestId: 'r-1', fte10 }])
    return checkSize(model, resolved[0])?.message ?? null
  }
  test('minChunk10 ≤ fte10 ≤ spare10, whole tenths', () => {
    expect(size(2)).toBeNull()
    expect(size(5)).toBeNull()
    expect(size(1)).toBe('fte10 1 is below the minimum chunk 2')
    expect(size(6)).toBe("fte10 6 exceeds the person's spare 5")
    expect(size(2.5)).toBe('fte10 must be a whole number of tenths')
  })
  test('one loan per person and request', () => {
    const { violations } = setup(world(), [
      { staffId: 'lender-1', requestId: 'r-1', fte10: 2 },
      { staffId: 'lender-1', requestId: 'r-1', fte10: 2 },
    ])
    expect(violations.map((v) => v.rule)).toEqual(['duplicate'])
  })
})

describe('rule 3, the person’s cap and concurrency per week', () => {
  const requests = [
    { id: 'r-1', unitId: 'u-need', fte10: 20, startWeek: 0, endWeek: 1, skills: [] },
    { id: 'r-2', unitId: 'u-need', fte10: 20, startWeek: 1, endWeek: 2, skills: [] },
    { id: 'r-3', unitId: 'u-need', fte10: 20, startWeek: 2, endWeek: 3, skills: [] },
  ]
  const rules = (policy: Instance['policy'], loans: Loan[]) => {
    const { model, resolved } = setup(world({ requests, policy }), loans)
    return checkStaffWeeks(model, resolved).map((v) => `${v.rule}@${v.week}`)
  }
  test('overlapping loans break concurrency 1, back-to-back ones do not', () => {
    expect(rules(undefined, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }, { staffId: 'lender-1', requestId: 'r-3', fte10: 5 }])).toEqual([])
    expect(rules(undefined, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }, { staffId: 'lender-1', requestId: 'r-2', fte10: 2 }])).toEqual(['concurrency@1'])
  })
  test('with maxConcurrentLoans 2 the spare is what binds', () => {
    const two = { maxConcurrentLoans: 2 }
    expect(rules(two, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }, { staffId: 'lender-1', requestId: 'r-2', fte10: 3 }])).toEqual([])
    expect(rules(two, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 3 }, { staffId: 'lender-1', requestId: 'r-2', fte10: 3 }])).toEqual(['staffCap@1'])
  })
})

describe('rule 4, request size', () => {
  test('the loans into a request add up to at most its fte10', () => {
    const w = world({ requests: [{ id: 'r-1', unitId: 'u-need', fte10: 6, startWeek: 0, endWeek: 3, skills: [] }] })
    const at = setup(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 3 }, { staffId: 'lender-2', requestId: 'r-1', fte10: 3 }])
    expect(checkRequestSizes(at.model, at.resolved)).toEqual([])
    const over = setup(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 4 }, { staffId: 'lender-2', requestId: 'r-1', fte10: 3 }])
    expect(checkRequestSizes(over.model, over.resolved)).toEqual([{ rule: 'requestSize', requestId: 'r-1', message: '7 tenths into a request of 6' }])
  })
})

describe('rule 5, donor protection', () => {
  // F = 4, D = 2.7 → lendable 10 tenths: exactly at the limit is allowed, one more is not.
  const w = world({ units: [{ id: 'u-need', casesPerFte: 10, openCases: 60 }, { id: 'u-slack', casesPerFte: 10, openCases: 27 }] })
  test('a donor exactly at its limit is fine; one tenth more breaks every week of the loan', () => {
    const at = setup(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-3', requestId: 'r-1', fte10: 5 }])
    expect(checkDonors(at.model, at.resolved)).toEqual([])
    const over = setup(w, [{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-2', requestId: 'r-1', fte10: 4 }, { staffId: 'lender-3', requestId: 'r-1', fte10: 2 }])
    expect(checkDonors(over.model, over.resolved).map((v) => `${v.unitId}@${v.week}`)).toEqual(['u-slack@0', 'u-slack@1', 'u-slack@2', 'u-slack@3'])
  })
})

describe('commitments in the checks', () => {
  const commitment = { staffId: 'lender-1', toUnitId: 'u-need', startWeek: 0, endWeek: 3, fte10: 5, requestId: 'r-1' }
  const w = world({ units: [{ id: 'u-need', casesPerFte: 10, openCases: 60 }, { id: 'u-slack', casesPerFte: 10, openCases: 27 }], commitments: [commitment] })
  test('they count in the person’s week, the donor’s limit and the request’s size, and their pair is taken', () => {
    const rules = (loans: Loan[]) => [...new Set(checkLoans(w, loans).map((v) => v.rule))].sort()
    expect(rules([{ staffId: 'lender-3', requestId: 'r-1', fte10: 5 }])).toEqual([])
    expect(rules([{ staffId: 'lender-3', requestId: 'r-1', fte10: 5 }, { staffId: 'lender-2', requestId: 'r-1', fte10: 2 }])).toEqual(['donor'])
    expect(rules([{ staffId: 'lender-1', requestId: 'r-1', fte10: 2 }])).toEqual(['duplicate'])
    const sized = world({ requests: [{ id: 'r-1', unitId: 'u-need', fte10: 8, startWeek: 0, endWeek: 3, skills: [] }], commitments: [commitment] })
    expect(checkLoans(sized, [{ staffId: 'lender-3', requestId: 'r-1', fte10: 4 }]).map((v) => v.rule)).toEqual(['requestSize'])
  })
  test('they count as help for the score; a commitment without a known request still counts', () => {
    // 0.5 FTE committed: overload 3.5 → 6.125 a week.
    expect(scoreLoans(w, [])).toBeCloseTo(24.5, 10)
    expect(scoreLoans({ ...w, commitments: [{ ...commitment, requestId: 'gone' }] }, [])).toBeCloseTo(24.5, 10)
  })
})

describe('checkLoans and scoreLoans as data', () => {
  test('an invalid instance is one violation naming the field, and a NaN score', () => {
    expect(checkLoans({ version: 1, horizonWeeks: 0 }, [])).toEqual([{ rule: 'instance', message: 'horizonWeeks: must be an integer >= 1' }])
    expect(scoreLoans({ version: 2 }, [])).toBeNaN()
  })
  test('a prepared checker answers repeated checks', () => {
    const checker = createLoanChecker(world())
    expect(checker.ok).toBe(true)
    if (!checker.ok) return
    expect(checker.check([{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }])).toEqual([])
    expect(checker.score([{ staffId: 'lender-1', requestId: 'r-1', fte10: 5 }])).toBeCloseTo(4 * (3.5 ** 2 / 2), 10)
    expect(createLoanChecker({})).toMatchObject({ ok: false, error: { path: 'version' } })
  })
})
