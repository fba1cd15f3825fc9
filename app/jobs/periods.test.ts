import { describe, expect, test } from 'vitest'
import { periodOf } from './periods'

describe('recurring task periods', () => {
  test('a day follows the Swedish calendar, not UTC', () => {
    // 23:30 UTC on Sunday 22 November is 00:30 on Monday 23 November in Stockholm.
    expect(periodOf('day', new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23')
    expect(periodOf('day', new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-22')
  })

  test('a week starts on the Swedish Monday', () => {
    expect(periodOf('week', new Date('2026-11-22T22:30:00Z'))).toBe('2026-W47')
    expect(periodOf('week', new Date('2026-11-22T23:30:00Z'))).toBe('2026-W48')
    expect(periodOf('week', new Date('2026-11-29T12:00:00Z'))).toBe('2026-W48')
  })

  test('the ISO year at the turn of the year', () => {
    expect(periodOf('week', new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53')
    expect(periodOf('day', new Date('2027-01-01T12:00:00Z'))).toBe('2027-01-01')
  })
})
