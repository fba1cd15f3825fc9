// The Lagrangian bound alone, on the shared examples with proven optima: in
// slices (as the solver calls it between search cycles) it only rises and
// never passes the optimum, on the version-1 fast path and the general sweep.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { LagrangianBound } from './bound'
import { greedyFill } from './search'
import { SearchState } from './state'
import { prepared } from './test-helpers'
import type { Instance } from './types'

const dir = path.join(import.meta.dirname, 'fixtures/examples')
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.json$/, ''))

const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T

function boundOf(name: string) {
  const { model, pairs } = prepared(read<Instance>(`${name}.json`))
  const start = new SearchState(model, pairs)
  greedyFill(
    start,
    Array.from({ length: pairs.staff.length }, (_, p) => p),
    Date.now() + 1000,
  )
  return { bound: new LagrangianBound(model, pairs, start), start }
}

test('the examples take both the version-1 fast path and the general sweep over periods', () => {
  const fixed = names.map((name) => boundOf(name).bound.fixed)
  expect(fixed).toContain(true)
  expect(fixed).toContain(false)
})

describe.each(names)('the bound on example %s', (name) => {
  test('rises call by call and stays at or below the proven optimum', () => {
    const { optimalScore } = read<{ optimalScore: number }>(`${name}.expected.json`)
    const { bound, start } = boundOf(name)
    let last = 0
    for (let call = 0; call < 6; call++) {
      const value = bound.run(Date.now() + 60, start.recompute())
      expect(value).toBeGreaterThanOrEqual(last)
      expect(value).toBeLessThanOrEqual(optimalScore + 1e-7 * Math.max(1, optimalScore))
      last = value
    }
    expect(last).toBeGreaterThan(0)
  })
})
