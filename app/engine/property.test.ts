// Random small instances: every solution is valid, never worse than the
// naive greedy, and never better than its own proven bound.
import { describe, expect, test } from 'vitest'
import { generateInstance } from './generate'
import { greedyBaseline } from './greedy'
import { checkLoans } from './rules'
import { solve } from './solve'

describe('random instances', () => {
  test('80 seeded instances: valid, no worse than greedy, bound ≤ score', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const shape = { units: 3 + (seed % 6), staff: 12 + ((seed * 7) % 40), requests: 1 + (seed % 5), weeks: 2 + (seed % 8) }
      const instance = generateInstance(shape, seed)
      const solution = solve(instance, { timeLimitMs: 60, explain: false })
      const greedy = greedyBaseline(instance)
      expect(checkLoans(instance, solution.loans), `seed ${seed}`).toEqual([])
      expect(checkLoans(instance, greedy.loans), `seed ${seed} greedy`).toEqual([])
      expect(solution.score, `seed ${seed}`).toBeLessThanOrEqual(greedy.score + 1e-9)
      expect(solution.bound, `seed ${seed}`).toBeLessThanOrEqual(solution.score + 1e-9)
      expect(solution.score).toBeLessThanOrEqual(solution.baselineScore + 1e-9)
    }
  })

  test('every time limit gives a valid answer, even a tiny one on a large instance', () => {
    const instance = generateInstance({ units: 60, staff: 1500, requests: 80, weeks: 16 }, 7)
    for (const timeLimitMs of [1, 20, 200]) {
      const solution = solve(instance, { timeLimitMs, explain: false })
      expect(checkLoans(instance, solution.loans)).toEqual([])
    }
  })
})
