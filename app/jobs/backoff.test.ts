import { describe, expect, test } from 'vitest'
import { MAX_RETRY_MS, retryDelayMs } from './backoff'

describe('retry delay', () => {
  test.each([
    [1, 30_000, 36_000],
    [2, 60_000, 72_000],
    [3, 120_000, 144_000],
    [4, 240_000, 288_000],
    [5, 300_000, 300_000],
    [40, 300_000, 300_000],
  ])('after failed attempt %i it waits %i–%i ms', (attempt, min, max) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(min)
    expect(retryDelayMs(attempt, () => 0.999)).toBeLessThanOrEqual(max)
    expect(retryDelayMs(attempt, () => 0.999)).toBeGreaterThanOrEqual(min)
  })

  test('the first retry comes within a minute and none waits over five minutes', () => {
    for (let i = 0; i < 100; i++) {
      expect(retryDelayMs(1)).toBeLessThan(60_000)
      for (let attempt = 1; attempt < 30; attempt++) expect(retryDelayMs(attempt)).toBeLessThanOrEqual(MAX_RETRY_MS)
    }
  })
})
