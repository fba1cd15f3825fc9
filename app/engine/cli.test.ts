import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { generateInstance } from './generate'
import { checkLoans } from './rules'
import { idleLoans, world } from './test-helpers'

const root = path.resolve(import.meta.dirname, '../..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-cli-'))
// What `npm run -s match` runs: the launcher, which builds the bundle when it is missing (here, in a fresh place) or stale.
const bundle = path.join(tmp, 'bundle', 'match.mjs')
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/match.mjs'), ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26, env: { ...process.env, AVLAST_MATCH_BUNDLE: bundle } })

describe('npm run match', () => {
  test('builds its bundle when there is none, then writes the solution JSON to stdout, or to --output', () => {
    expect(fs.existsSync(bundle)).toBe(false)
    const input = path.join(tmp, 'world.json')
    fs.writeFileSync(input, JSON.stringify(world()))
    const out = run('--input', input, '--time-limit-ms', '200')
    expect(out.status).toBe(0)
    expect(fs.existsSync(bundle)).toBe(true)
    // The bound's thread, beside it.
    expect(fs.existsSync(path.join(tmp, 'bundle', 'match-bound.mjs'))).toBe(true)
    const solution = JSON.parse(out.stdout)
    expect(solution).toMatchObject({ version: 1, score: expect.any(Number), baselineScore: 32 })
    expect(solution.explanations).toBeUndefined()
    expect(JSON.parse(run('--input', input, '--time-limit-ms', '100', '--explain').stdout).explanations).toHaveLength(solution.loans.length)
    expect(checkLoans(world(), solution.loans)).toEqual([])
    const file = path.join(tmp, 'out.json')
    const written = run('--input', input, '--output', file, '--time-limit-ms', '100')
    expect(written.status).toBe(0)
    expect(written.stdout).toBe('')
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).version).toBe(1)
  })

  test('an invalid instance exits 2 with one line naming the field, and writes nothing', () => {
    const bad = world() as unknown as { requests: { skills: { minLevel: number }[] }[] }
    bad.requests[0].skills[0].minLevel = 7
    const input = path.join(tmp, 'bad.json')
    fs.writeFileSync(input, JSON.stringify(bad))
    const file = path.join(tmp, 'never.json')
    const out = run('--input', input, '--output', file)
    expect(out.status).toBe(2)
    expect(out.stderr).toBe('requests[0].skills[0].minLevel: must be an integer 1..4\n')
    expect(fs.existsSync(file)).toBe(false)
  })

  test('missing files, broken JSON and bad flags are clear errors', () => {
    expect(run('--input', path.join(tmp, 'nope.json')).stderr).toMatch(/^--input: cannot read .*nope\.json \(ENOENT\)\n$/)
    const broken = path.join(tmp, 'broken.json')
    fs.writeFileSync(broken, '{"version": 1,')
    const parsed = run('--input', broken)
    expect(parsed.status).toBe(2)
    expect(parsed.stderr).toMatch(/^\(root\): not valid JSON/)
    expect(run('--input', broken, '--time-limit-ms', 'soon').stderr).toBe('--time-limit-ms: must be a whole number of milliseconds >= 1\n')
    expect(run().stderr).toBe('--input: required (the instance JSON file)\n')
    expect(run('--input', broken, '--bogus').stderr).toMatch(/^arguments: .*bogus/)
    const good = path.join(tmp, 'good.json')
    fs.writeFileSync(good, JSON.stringify(world()))
    const unwritable = run('--input', good, '--output', path.join(tmp, 'no-such-dir', 'out.json'), '--time-limit-ms', '50')
    expect(unwritable.status).toBe(2)
    expect(unwritable.stderr).toMatch(/^--output: cannot write .* \(ENOENT\)\n$/)
  })

  test('solves a version-2 instance: version-2 loans with their weeks, valid and without idle tenths or weeks', () => {
    const input = path.join(root, 'app/engine/fixtures/examples/v2-small-3.json')
    const out = run('--input', input, '--time-limit-ms', '1500')
    expect(out.status).toBe(0)
    const solution = JSON.parse(out.stdout)
    const instance = JSON.parse(fs.readFileSync(input, 'utf8'))
    expect(solution.version).toBe(2)
    expect(solution.loans.every((l: { startWeek?: number; endWeek?: number }) => Number.isInteger(l.startWeek) && Number.isInteger(l.endWeek))).toBe(true)
    expect(checkLoans(instance, solution.loans)).toEqual([])
    expect(idleLoans(instance, solution.loans)).toEqual([])
  })

  test('the time limit counts from the process start on a 1,000-person instance, and the answer is valid', () => {
    const input = path.join(root, 'app/engine/fixtures/examples/medium-6.json')
    const started = Date.now()
    const out = run('--input', input, '--time-limit-ms', '700')
    const elapsed = Date.now() - started
    expect(out.status).toBe(0)
    const solution = JSON.parse(out.stdout)
    // stats.ms is measured from the process's start (the bench checks the 100 ms; a loaded test machine gets room).
    expect(solution.stats.ms).toBeLessThanOrEqual(700 + 150)
    expect(elapsed).toBeLessThan(700 + 1500)
    const instance = JSON.parse(fs.readFileSync(input, 'utf8'))
    expect(checkLoans(instance, solution.loans)).toEqual([])
    expect(solution.score).toBeLessThan(solution.baselineScore)
  })

  test('a large instance gets its bound from a second thread: valid, within the limit, with a proven bound below the score', () => {
    // 3,000 people and 150 requests: about 5,800 pairs, more loan options than HiGHS takes.
    const instance = generateInstance({ units: 80, staff: 3000, requests: 150, weeks: 16 }, 7)
    const input = path.join(tmp, 'large.json')
    fs.writeFileSync(input, JSON.stringify(instance))
    const out = run('--input', input, '--time-limit-ms', '1500')
    expect(out.status).toBe(0)
    const solution = JSON.parse(out.stdout)
    expect(solution.stats).toMatchObject({ boundThread: true })
    expect(solution.stats.ms).toBeLessThanOrEqual(1500 + 150)
    expect(checkLoans(instance, solution.loans)).toEqual([])
    expect(solution.bound).toBeGreaterThan(0)
    expect(solution.bound).toBeLessThanOrEqual(solution.score)
  })
})
