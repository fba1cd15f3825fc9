import { utc } from '@date-fns/utc'
import { getISOWeek } from 'date-fns'
import { expect, test } from 'vitest'
import { isoWeek } from './weeks'

test('isoWeek agrees with date-fns on every day of 2024–2032', () => {
  for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2033, 0, 1); day += 86_400_000) {
    expect(isoWeek(new Date(day))).toBe(getISOWeek(new Date(day), { in: utc }))
  }
})
