// npm run bench:match — the engine against the naive greedy coordinator on
// seeded instances shaped like the shared examples, and on the examples
// themselves against their proven optima. Each run is its own process, so
// the memory figures are that run's own.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number)
const sizes = (process.env.SIZES ?? 'small,medium,large').split(',')
const limits: Record<string, number> = { small: 2000, medium: 5000, large: 2000 }
// The medium example needs about 10 s of HiGHS's branch-and-bound to reach and
// prove its optimum; the proven ones stop as soon as they are proven.
const exampleLimit = Number(process.env.EXAMPLE_LIMIT_MS ?? 20_000)

type Run = {
  staff: number
  requests: number
  pairs: number
  wallMs: number
  greedyMs: number
  peakRss: number
  heapTotal: number
  heapUsed: number
  baseline: number
  greedy: number
  score: number
  bound: number
  status: string
  loans: number
}

function runOne(...args: string[]): Run {
  const out = spawnSync(tsx, [path.join(root, 'bench/lib/match-one.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (out.status !== 0) throw new Error(`match-one ${args.join(' ')} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Run
}

const pct = (v: number) => `${(100 * v).toFixed(2)} %`
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`
function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

console.log(`Matching engine benchmark (2-core machine; time limits: ${sizes.map((size) => `${size} ${limits[size] / 1000} s`).join(', ')}, examples ${exampleLimit / 1000} s)`)
console.log('gap = (score − bound) / score; "share of greedy’s gap" = (greedy − engine) / (greedy − bound)\n')
const rows: string[][] = []
const missed: string[] = []
for (const size of sizes) {
  for (const seed of seeds) {
    const r = runOne('generated', size, String(seed), String(limits[size]))
    const gap = (r.score - r.bound) / Math.max(r.score, 1e-9)
    const greedyRelief = 1 - r.greedy / r.baseline
    const relief = 1 - r.score / r.baseline
    const closed = r.greedy - r.bound > 1e-12 ? (r.greedy - r.score) / (r.greedy - r.bound) : 1
    let target = ''
    if (size === 'large') {
      const met = r.wallMs <= limits.large && gap <= 0.01 && r.peakRss < 2 ** 30
      target = met ? 'met' : 'MISSED'
      if (!met) missed.push(`${size}-${seed}`)
    }
    rows.push([
      `${size}-${seed}`,
      `${r.staff}/${r.requests}`,
      String(r.pairs),
      `${r.wallMs.toFixed(0)} ms`,
      mib(r.peakRss),
      mib(r.heapUsed),
      r.baseline.toFixed(2),
      r.greedy.toFixed(2),
      r.score.toFixed(2),
      r.bound.toFixed(2),
      pct(gap),
      pct(greedyRelief),
      pct(relief),
      pct(relief - greedyRelief),
      pct(closed),
      target,
    ])
  }
}
table(['instance', 'staff/req', 'pairs', 'wall', 'peak RSS', 'heap', 'baseline', 'greedy', 'engine', 'bound', 'gap', 'greedy relief', 'engine relief', 'more relief', 'share of greedy’s gap', 'large target (≤2 s, gap ≤1 %, <1 GiB)'], rows)

const dir = path.join(root, 'app/engine/fixtures/examples')
const exampleRows: string[][] = []
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort()) {
  const name = file.replace(/\.json$/, '')
  const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as { optimalScore: number; greedyScore: number }
  const r = runOne('example', path.join(dir, file), String(exampleLimit))
  const off = (r.score - expected.optimalScore) / Math.max(expected.optimalScore, 1)
  const reached = Math.abs(off) <= 1e-6
  if (!reached) missed.push(name)
  exampleRows.push([
    name,
    String(r.pairs),
    `${r.wallMs.toFixed(0)} ms`,
    expected.optimalScore.toFixed(6),
    r.score.toFixed(6),
    r.bound.toFixed(6),
    r.greedy.toFixed(4),
    r.bound <= expected.optimalScore + 1e-6 * Math.max(expected.optimalScore, 1) ? 'yes' : 'NO',
    r.status,
    reached ? 'optimum reached' : `MISSED: ${pct(off)} above`,
  ])
}
console.log('\nShared examples (target: the proven optimum; the bound must not exceed it)\n')
table(['example', 'pairs', 'wall', 'proven optimum', 'engine', 'bound', 'naive greedy', 'bound ≤ optimum', 'status', 'target'], exampleRows)
console.log(missed.length ? `\nTargets missed: ${missed.join(', ')}` : '\nAll targets met.')
