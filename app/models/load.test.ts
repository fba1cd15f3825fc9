import { describe, expect, test } from 'vitest'
import { introductionCutoff, isNewcomer, overloadFte, personalLoad, reasonableCaseload, unitLoad } from './load'

describe('workload', () => {
  test('a unit override wins over the area default', () => {
    expect(reasonableCaseload(20, 30)).toBe(20)
    expect(reasonableCaseload(null, 30)).toBe(30)
  })

  test('unit load is open cases per post at work against the reasonable caseload', () => {
    // 150 cases, 12 per FTE → 12.5 FTE of work on 10 FTE: 125 %.
    expect(unitLoad(150, 12, 10)).toBeCloseTo(1.25)
    expect(unitLoad(0, 12, 0)).toBe(0)
    expect(unitLoad(5, 12, 0)).toBeNull()
    expect(overloadFte(150, 12, 10)).toBeCloseTo(2.5)
    expect(overloadFte(100, 12, 10)).toBe(0)
  })

  test('personal load scales with working time', () => {
    expect(personalLoad(12, 10, 24)).toBeCloseTo(0.5)
    expect(personalLoad(12, 5, 24)).toBeCloseTo(1)
    expect(personalLoad(3, 0, 24)).toBeNull()
  })

  test('newcomers are protected for the introduction period', () => {
    const hired = new Date('2026-06-01T00:00:00Z')
    expect(isNewcomer(hired, new Date('2026-11-30T00:00:00Z'), 6)).toBe(true)
    expect(isNewcomer(hired, new Date('2026-12-01T00:00:00Z'), 6)).toBe(false)
  })

  test('the introduction period ends on the same day of the month, or the month’s last day', () => {
    expect(introductionCutoff(new Date('2026-11-23T00:00:00Z'), 6)).toEqual(new Date('2026-05-23T00:00:00Z'))
    expect(introductionCutoff(new Date('2026-08-31T00:00:00Z'), 6)).toEqual(new Date('2026-02-28T00:00:00Z'))
    expect(introductionCutoff(new Date('2026-03-15T00:00:00Z'), 6)).toEqual(new Date('2025-09-15T00:00:00Z'))
    // Hired on 1 March: still a newcomer on 31 August (six months back is 28 February).
    expect(isNewcomer(new Date('2026-03-01T00:00:00Z'), new Date('2026-08-31T00:00:00Z'), 6)).toBe(true)
    expect(isNewcomer(new Date('2026-02-28T00:00:00Z'), new Date('2026-08-31T00:00:00Z'), 6)).toBe(false)
  })
})
