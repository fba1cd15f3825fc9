import { describe, expect, test } from 'vitest'
import { capacityFte, capacityFte10, capacityShare, DEFAULT_CAPACITY_SHARES, monthOfEmployment, parseCapacityShares } from './capacity'
import { personalLoad, unitLoad } from './load'

const day = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`)
const shares = parseCapacityShares(DEFAULT_CAPACITY_SHARES)

describe('experience-adjusted capacity', () => {
  test('the default is 50 % in months 1–3 and 75 % in months 4–6, full from month 7', () => {
    expect(shares).toEqual([0.5, 0.5, 0.5, 0.75, 0.75, 0.75])
    const today = day('2026-12-01')
    expect(monthOfEmployment(day('2026-11-15'), today)).toBe(1)
    expect(monthOfEmployment(day('2026-11-01'), today)).toBe(2)
    expect(capacityShare(day('2026-09-02'), today, shares)).toBe(0.5) // month 3
    expect(capacityShare(day('2026-09-01'), today, shares)).toBe(0.75) // month 4 starts on the same day three months on
    expect(capacityShare(day('2026-06-02'), today, shares)).toBe(0.75) // month 6
    expect(capacityShare(day('2026-06-01'), today, shares)).toBe(1) // month 7
    expect(capacityShare(day('2018-01-01'), today, shares)).toBe(1)
  })

  test('the staff at work count each person at their share; the away count nothing', () => {
    const today = day('2026-12-01')
    const staff = [
      { id: 'old', fte10: 10, hireDate: day('2015-01-01') },
      { id: 'new', fte10: 10, hireDate: day('2026-11-20') }, // month 1: 50 %
      { id: 'part', fte10: 8, hireDate: day('2026-08-01') }, // month 5: 75 % of 0.8
      { id: 'away', fte10: 10, hireDate: day('2015-01-01') },
    ]
    expect(capacityFte(staff, new Set(['away']), today, shares)).toBeCloseTo(1 + 0.5 + 0.6, 10)
    // 231 points at 14 points per post on 2.1 FTE of capacity.
    expect(unitLoad(231, 14, 2.1)).toBeCloseTo(231 / 14 / 2.1, 10)
  })

  test('a newcomer’s own load is against their share of a full load; the engine gets whole tenths', () => {
    expect(personalLoad(7, 10, 14, 0.5)).toBeCloseTo(1, 10)
    expect(personalLoad(7, 10, 14)).toBeCloseTo(0.5, 10)
    expect(capacityFte10(10, 0.75)).toBe(8)
    expect(capacityFte10(8, 0.5)).toBe(4)
    expect(capacityFte10(1, 0.5)).toBe(1)
    expect(capacityFte10(10, 1)).toBe(10)
  })
})
