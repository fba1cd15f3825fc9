// One benchmark run in its own process, so its peak memory is its own:
// tsx bench/lib/match-one.ts (generated NAME SEED | example FILE) TIME_LIMIT_MS
// Prints one JSON line.
import fs from 'node:fs'
import v8 from 'node:v8'
import { generateInstance, SHAPES } from '../../app/engine/generate'
import { greedyBaseline, solveAsync, type Instance } from '../../app/engine/index'

const [kind, what, seedOrLimit, maybeLimit] = process.argv.slice(2)
const instance: Instance =
  kind === 'generated' ? generateInstance(SHAPES[what as keyof typeof SHAPES], Number(seedOrLimit)) : (JSON.parse(fs.readFileSync(what, 'utf8')) as Instance)
const timeLimitMs = Number(kind === 'generated' ? maybeLimit : seedOrLimit)

const greedyStarted = performance.now()
const greedy = greedyBaseline(instance)
const greedyMs = performance.now() - greedyStarted
const rssBefore = process.resourceUsage().maxRSS * 1024
const started = performance.now()
const solution = await solveAsync(instance, { timeLimitMs })
const wallMs = performance.now() - started
const heap = v8.getHeapStatistics()
process.stdout.write(
  `${JSON.stringify({
    staff: instance.staff.length,
    requests: instance.requests.length,
    pairs: solution.stats.eligiblePairs,
    wallMs,
    greedyMs,
    peakRss: process.resourceUsage().maxRSS * 1024,
    rssBefore,
    heapTotal: heap.total_heap_size,
    heapUsed: heap.used_heap_size,
    baseline: solution.baselineScore,
    greedy: greedy.score,
    score: solution.score,
    bound: solution.bound,
    status: solution.status,
    loans: solution.loans.length,
    greedyLoans: greedy.loans.length,
  })}\n`,
)
