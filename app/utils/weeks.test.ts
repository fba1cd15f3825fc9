import { describe, expect, test } from 'vitest'
import { addWeeks, isoWeek, isoWeekId, parseDate, parseWeek, today, weekStart, weeksBetween, workdaysCovered } from './weeks'

const d = (ymd: string) => new Date(`${ymd}T00:00:00Z`)

describe('weeks', () => {
  test('ISO weeks start on Monday, including across New Year', () => {
    expect(weekStart(d('2026-11-29')).toISOString().slice(0, 10)).toBe('2026-11-23')
    expect(isoWeek(d('2026-11-23'))).toBe(48)
    expect(isoWeekId(d('2027-01-01'))).toBe('2026-W53')
    expect(parseWeek('2026-W53')?.toISOString().slice(0, 10)).toBe('2026-12-28')
    expect(parseWeek('2027-W53')).toBeNull()
    expect(weeksBetween(d('2026-11-23'), d('2027-01-04'))).toBe(6)
    expect(addWeeks(d('2026-11-23'), 2).toISOString().slice(0, 10)).toBe('2026-12-07')
  })

  test('today is the Swedish calendar date', () => {
    expect(today(new Date('2026-11-22T23:30:00Z')).toISOString().slice(0, 10)).toBe('2026-11-23')
  })

  test('only real dates parse', () => {
    expect(parseDate('2026-02-30')).toBeNull()
    expect(parseDate('2026-02-28')).not.toBeNull()
  })

  test('an absence counts the workdays it covers', () => {
    expect(workdaysCovered(d('2026-11-23'), d('2026-11-20'), d('2026-11-25'))).toBe(3)
    expect(workdaysCovered(d('2026-11-23'), d('2026-11-28'), d('2026-12-10'))).toBe(0)
  })
})
