// One benchmark run in its own process, so its peak memory is its own:
// tsx bench/lib/match-one.ts (named NAME | example FILE) TIME_LIMIT_MS [cli]
// Prints one JSON line. With `cli`, the instance goes through the command
// line (npm run match's bundle) as a user runs it, and its wall time is
// measured from spawning the process.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import { checkLoans, greedyBaseline, solveAsync, type Instance, type Solution } from '../../app/engine/index'
import { instanceByName } from './instances'

const [kind, what, limit, via] = process.argv.slice(2)
const instance: Instance = kind === 'named' ? instanceByName(what) : (JSON.parse(fs.readFileSync(what, 'utf8')) as Instance)
const timeLimitMs = Number(limit)
const root = path.resolve(import.meta.dirname, '../..')

const greedyStarted = performance.now()
const greedy = greedyBaseline(instance)
const greedyMs = performance.now() - greedyStarted

let solution: Solution
let wallMs: number
let peakRss: number
if (via === 'cli') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-bench-'))
  const input = path.join(dir, 'instance.json')
  const output = path.join(dir, 'solution.json')
  fs.writeFileSync(input, JSON.stringify(instance))
  const started = performance.now()
  // /usr/bin/time -f %M would need GNU time; the CLI's own peak comes from its stats instead.
  const out = spawnSync(process.execPath, [path.join(root, 'scripts/match.mjs'), '--input', input, '--output', output, '--time-limit-ms', String(timeLimitMs)], { encoding: 'utf8' })
  wallMs = performance.now() - started
  if (out.status !== 0) throw new Error(`the CLI failed: ${out.stderr}`)
  solution = JSON.parse(fs.readFileSync(output, 'utf8')) as Solution
  peakRss = -1
  fs.rmSync(dir, { recursive: true })
} else {
  // The bound's thread, as the command line uses it (BOUND_THREAD=0: one thread).
  const { ensureBundle } = (await import(pathToFileURL(path.join(root, 'scripts/match.mjs')).href)) as { ensureBundle: (kind: 'bound') => Promise<string> }
  const boundWorker = process.env.BOUND_THREAD === '0' ? undefined : await ensureBundle('bound')
  const started = performance.now()
  solution = await solveAsync(instance, { timeLimitMs, explain: false, boundWorker })
  wallMs = performance.now() - started
  peakRss = process.resourceUsage().maxRSS * 1024
}
const heap = v8.getHeapStatistics()
process.stdout.write(
  `${JSON.stringify({
    staff: instance.staff.length,
    requests: instance.requests.length,
    pairs: solution.stats.eligiblePairs,
    wallMs,
    engineMs: solution.stats.ms,
    threads: solution.stats.boundThread ? 2 : 1,
    greedyMs,
    peakRss,
    heapUsed: heap.used_heap_size,
    baseline: solution.baselineScore,
    greedy: greedy.score,
    score: solution.score,
    bound: solution.bound,
    status: solution.status,
    loans: solution.loans.length,
    valid: checkLoans(instance, solution.loans).length === 0,
  })}\n`,
)
