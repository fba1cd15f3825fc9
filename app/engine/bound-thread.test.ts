// The bound on its own thread, from its bundle as the command line runs it:
// what it proves stays at or below the optimum of examples whose optimum is
// proven, it hears better targets, hands over its prices, and a large
// instance solved with it comes back valid with a proven bound.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { startBoundThread, type BoundHelper } from './bound-thread'
import { generateInstance } from './generate'
import { checkLoans } from './rules'
import { greedyFill } from './search'
import { solveAsync } from './solve'
import { SearchState } from './state'
import { prepared } from './test-helpers'
import type { Instance } from './types'

const root = path.resolve(import.meta.dirname, '../..')
const examples = path.join(import.meta.dirname, 'fixtures/examples')
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as T
let entry: string

beforeAll(async () => {
  const { ensureBundle } = (await import(pathToFileURL(path.join(root, 'scripts/match.mjs')).href)) as { ensureBundle: (kind: 'bound') => Promise<string> }
  entry = await ensureBundle('bound')
})

/** The greedy start's help and score, as the solver hands them over. */
function greedyStart(instance: Instance) {
  const { model, pairs } = prepared(instance)
  const state = new SearchState(model, pairs)
  greedyFill(
    state,
    Array.from({ length: pairs.staff.length }, (_, p) => p),
    Date.now() + 1000,
  )
  return { help10: state.help10, score: state.recompute(), pairs: pairs.staff.length }
}

function waitFor(helper: BoundHelper, done: () => boolean, ms: number) {
  const until = Date.now() + ms
  while (!done() && Date.now() < until) helper.ready(10)
}

describe.each(['medium-6', 'v2-small-3', 'v2-small-4'])('the bound thread on example %s', (name) => {
  test('proves a bound at or below the proven optimum, close to it, and hands over its prices', () => {
    const instance = read<Instance>(`${name}.json`)
    const { optimalScore } = read<{ optimalScore: number }>(`${name}.expected.json`)
    const start = greedyStart(instance)
    const helper = startBoundThread(entry, instance)!
    try {
      expect(helper.ready(10_000)).toBe(true)
      expect(helper.bound()).toBe(0)
      helper.start(start.help10, start.score, Date.now() + 20_000)
      // A better target (the optimum) lets the bound's steps aim right.
      helper.target(optimalScore)
      waitFor(helper, () => helper.bound() >= 0.99 * optimalScore, 15_000)
      expect(helper.bound()).toBeGreaterThanOrEqual(0.99 * optimalScore)
      expect(helper.bound()).toBeLessThanOrEqual(optimalScore + 1e-7 * Math.max(1, optimalScore))
      expect(helper.iterations()).toBeGreaterThan(0)
      const prices = helper.prices(5_000)
      expect(prices?.reducedCost).toHaveLength(start.pairs)
      expect(prices?.reducedStart).toHaveLength(start.pairs)
    } finally {
      helper.close()
    }
  })
})

test('an instance the thread cannot read is refused: the solver then works alone', () => {
  const helper = startBoundThread(entry, { version: 3 })!
  expect(helper.ready(10_000)).toBe(false)
  helper.close()
})

test('a large instance solved with the bound thread: valid, and the bound it proves is below the score', async () => {
  // 3,000 people and 150 requests: about 5,800 pairs, more loan options than HiGHS takes.
  const instance = generateInstance({ units: 80, staff: 3000, requests: 150, weeks: 16 }, 7)
  const solution = await solveAsync(instance, { timeLimitMs: 1500, explain: false, boundWorker: entry })
  expect(solution.status).not.toBe('invalid')
  expect(solution.stats.boundThread).toBe(true)
  expect(solution.stats.boundIterations).toBeGreaterThan(0)
  expect(checkLoans(instance, solution.loans)).toEqual([])
  expect(solution.bound).toBeGreaterThan(0)
  expect(solution.bound).toBeLessThanOrEqual(solution.score)
  expect(solution.score).toBeLessThan(solution.baselineScore)
})
