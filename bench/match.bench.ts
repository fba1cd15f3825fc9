// npm run bench:match — the engine against a naive greedy on seeded instances
// shaped like the shared examples, and on the examples themselves.
import fs from 'node:fs'
import path from 'node:path'
import { generateInstance, SHAPES } from '../app/engine/generate'
import { greedyBaseline, solve } from '../app/engine/index'

const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number)
const limits: Record<string, number> = { small: 2000, medium: 2000, large: 2000 }
const rows: string[][] = []
const pct = (v: number) => `${(100 * v).toFixed(2)} %`

function peakRssDuring<T>(fn: () => T): [T, number] {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const result = fn()
  clearInterval(timer)
  return [result, Math.max(peak, process.memoryUsage().rss)]
}

for (const [name, shape] of Object.entries(SHAPES)) {
  for (const seed of seeds) {
    const instance = generateInstance(shape, seed)
    const greedy = greedyBaseline(instance)
    const started = performance.now()
    const [solution, rss] = peakRssDuring(() => solve(instance, { timeLimitMs: limits[name], explain: false }))
    const wall = performance.now() - started
    const gap = (solution.score - solution.bound) / Math.max(solution.score, 1e-9)
    const greedyRelief = 1 - greedy.score / solution.baselineScore
    const extra = solution.relief - greedyRelief
    rows.push([
      `${name}-${seed}`,
      String(solution.stats.eligiblePairs),
      `${wall.toFixed(0)} ms`,
      `${(rss / 2 ** 20).toFixed(0)} MiB`,
      solution.baselineScore.toFixed(2),
      greedy.score.toFixed(2),
      solution.score.toFixed(2),
      solution.bound.toFixed(2),
      pct(gap),
      pct(greedyRelief),
      pct(solution.relief),
      `${pct(extra)} (${pct(extra / Math.max(1 - greedyRelief, 1e-9))} of what greedy left)`,
      name === 'large' ? (wall <= 2100 && gap <= 0.01 && rss < 2 ** 30 ? 'met' : 'MISSED') : '',
    ])
  }
}

const header = ['instance', 'pairs', 'wall', 'peak RSS', 'baseline', 'greedy', 'engine', 'bound', 'gap', 'greedy relief', 'engine relief', 'more relief than greedy', 'large target']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
console.log('Generated instances (targets on large: ≤ 2 s wall, gap ≤ 1 % of the engine’s own bound, peak memory < 1 GiB)\n')
console.log(line(header))
for (const r of rows) console.log(line(r))

const examples = path.join(import.meta.dirname, '../app/engine/fixtures/examples')
console.log('\nShared examples (target: the proven optimum)\n')
const exampleRows: string[][] = []
for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort()) {
  const name = file.replace(/\.json$/, '')
  const instance = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'))
  const expected = JSON.parse(fs.readFileSync(path.join(examples, `${name}.expected.json`), 'utf8'))
  const limit = Number(process.env.EXAMPLE_LIMIT_MS ?? 10_000)
  const started = performance.now()
  const solution = solve(instance, { timeLimitMs: limit, explain: false })
  const wall = performance.now() - started
  const off = (solution.score - expected.optimalScore) / expected.optimalScore
  exampleRows.push([name, `${wall.toFixed(0)} ms`, expected.optimalScore.toFixed(6), solution.score.toFixed(6), solution.bound.toFixed(4), Math.abs(off) <= 1e-6 ? 'optimum reached' : `${pct(off)} above the optimum`])
}
const eh = ['example', 'wall', 'proven optimum', 'engine', 'bound', 'target']
const ew = eh.map((h, i) => Math.max(h.length, ...exampleRows.map((r) => r[i].length)))
console.log(eh.map((h, i) => h.padEnd(ew[i])).join('  '))
for (const r of exampleRows) console.log(r.map((c, i) => c.padEnd(ew[i])).join('  '))
