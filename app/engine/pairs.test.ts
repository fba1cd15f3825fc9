import { describe, expect, test } from 'vitest'
import { checkLoans } from './rules'
import { solve } from './solve'
import { prepared, world } from './test-helpers'

describe('eligible pairs', () => {
  test('a pair whose only period is one week starts from that week (the search opens it there, all rules kept)', () => {
    // A one-week request next to a four-week one: lender-1 can only take either.
    const w = world({
      requests: [
        { id: 'r-1', unitId: 'u-need', fte10: 5, minChunk10: 5, startWeek: 0, endWeek: 3, skills: [{ skill: 'bbic', minLevel: 2 }] },
        { id: 'r-2', unitId: 'u-need', fte10: 5, minChunk10: 5, startWeek: 2, endWeek: 2, skills: [{ skill: 'bbic', minLevel: 2 }] },
      ],
    })
    const { pairs } = prepared(w)
    for (let p = 0; p < pairs.staff.length; p++) {
      expect([pairs.start[p], pairs.end[p]]).toEqual([pairs.lo[p], pairs.hi[p]])
    }
    const solution = solve(w, { timeLimitMs: 300 })
    expect(checkLoans(w, solution.loans)).toEqual([])
  })
})
