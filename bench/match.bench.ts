// npm run bench:match — the engine against the naive greedy coordinator, the
// LP relaxation's bound and the best HiGHS found (computed offline with
// HiGHS: bench/reference.ts, kept in bench/instances/reference.json), side
// by side in one run, on instances from two differently shaped generators
// (own: generate.ts, other: generate-other.ts), versions 1 and 2, and on the
// shared examples against their proven optima. Each run is its own process,
// so its memory is its own. Targets are checked and printed; nothing fails.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { hashOf, instanceByName, readReferences } from './lib/instances'

const root = path.resolve(import.meta.dirname, '..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const only = process.env.ONLY?.split(',')
const exampleLimit = Number(process.env.EXAMPLE_LIMIT_MS ?? 90_000)
// LIMIT_SCALE=3 runs every named instance with three times its limit: roughly what the limit gives on an
// idle machine when this one is shared (load ~9 on 2 cores). The targets are for the unscaled limits.
const scale = Number(process.env.LIMIT_SCALE ?? 1)

type Run = { staff: number; requests: number; pairs: number; wallMs: number; threads: number; engineMs: number; peakRss: number; baseline: number; greedy: number; score: number; bound: number; status: string; loans: number; valid: boolean }

function runOne(...args: string[]): Run {
  const out = spawnSync(tsx, [path.join(root, 'bench/lib/match-one.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (out.status !== 0) throw new Error(`match-one ${args.join(' ')} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Run
}

const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(2)} %`)
const num = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2))
const mib = (b: number) => (b < 0 ? '–' : `${(b / 2 ** 20).toFixed(0)} MiB`)
function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

type Case = { name: string; limitMs: number; via?: 'cli'; targets: (r: Run, ref: ReturnType<typeof readReferences>[string] | undefined) => [string, boolean][] }
const gapOwn = (r: Run) => (r.score - r.bound) / Math.max(r.score, 1e-9)
const above = (r: Run, ref: number | undefined) => (ref === undefined ? null : (r.score - ref) / ref)
const large = (name: string): Case => ({
  name,
  limitMs: 2000,
  via: 'cli',
  targets: (r, ref) => [
    ['valid', r.valid],
    ['≤ 0.5 % over LP', (above(r, ref?.lpBound) ?? Infinity) <= 0.005],
    ['own gap ≤ 1 %', gapOwn(r) <= 0.01],
    [scale === 1 ? 'CLI wall ≤ 2.1 s' : `CLI wall ≤ limit + 0.1 s`, r.wallMs <= 2000 * scale + 100],
  ],
})
const largeV2 = (name: string): Case => ({ name, limitMs: 2000, targets: (r) => [['valid', r.valid], ['own gap ≤ 1.5 %', gapOwn(r) <= 0.015], ['< 1 GiB', r.peakRss < 2 ** 30]] })
const mediumV1 = (name: string, limitMs: number): Case => ({
  name,
  limitMs,
  targets: (r, ref) =>
    limitMs <= 5000
      ? [['valid', r.valid], ['≤ 0.2 % over best known', (above(r, ref?.mipBest) ?? Infinity) <= 0.002]]
      : [['valid', r.valid], ['proven optimal', r.status === 'optimal']],
})
const mediumV2 = (name: string): Case => ({ name, limitMs: 5000, targets: (r, ref) => [['valid', r.valid], ['≤ 0.5 % over HiGHS 10 min', (above(r, ref?.mipBest) ?? Infinity) <= 0.005]] })
const cases: Case[] = [
  ...['own-large-1', 'own-large-2', 'other-large-1', 'other-large-2'].map(large),
  // The large runs above go through the CLI (its wall time is a target); memory is measured in-process here.
  ...['own-large-1', 'other-large-1'].map((name): Case => ({ name, limitMs: 2000, targets: (r) => [['< 1 GiB', r.peakRss < 2 ** 30]] })),
  ...['own-large-1-v2', 'other-large-1-v2'].map(largeV2),
  ...['own-medium-1', 'own-medium-2'].flatMap((n) => [mediumV1(n, 5000), mediumV1(n, 30_000)]),
  ...['own-medium-1-v2', 'own-medium-2-v2'].map(mediumV2),
].filter((c) => !only || only.includes(c.name))

const references = readReferences()
const missed: string[] = []
console.log(`Matching engine benchmark (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`)
// The limits are wall time: on a machine shared with other work the engine gets a fraction of a core, so the figures are pessimistic.
if (os.loadavg()[0] > os.cpus().length)
  console.log(`note: the machine is loaded (load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores): this run got about ${Math.round((100 * os.cpus().length) / (os.loadavg()[0] + 1))} % of an idle machine, so every figure below is pessimistic`)
console.log('ONLY=name,name… runs a subset (instance or example names); EXAMPLE_LIMIT_MS sets the examples\' limit')
if (scale !== 1) console.log(`LIMIT_SCALE=${scale}: every named instance runs with ${scale} times its limit (the targets are for the unscaled limits)`)
console.log('LP = the LP relaxation of the exact model; best = the best HiGHS found in 10 minutes (both offline, bench/instances/reference.json)\n')
const rows: string[][] = []
for (const c of cases) {
  const ref = references[c.name]
  if (ref && ref.hash !== hashOf(instanceByName(c.name))) console.log(`warning: ${c.name} is no longer the instance its reference figures were computed on (a generator changed)`)
  const r = runOne('named', c.name, String(c.limitMs * scale), ...(c.via ? [c.via] : []))
  const results = c.targets(r, ref)
  const failed = results.filter(([, ok]) => !ok).map(([what]) => what)
  if (failed.length) missed.push(`${c.name} @ ${(c.limitMs * scale) / 1000} s: ${failed.join(', ')}`)
  rows.push([
    `${c.name}${c.via ? ' (CLI)' : ''}`,
    `${(c.limitMs * scale) / 1000} s`,
    String(r.pairs),
    `${r.wallMs.toFixed(0)} ms`,
    String(r.threads),
    mib(r.peakRss),
    num(r.greedy),
    num(r.score),
    num(r.bound),
    num(ref?.lpBound),
    num(ref?.mipBest),
    pct(gapOwn(r)),
    pct(above(r, ref?.lpBound)),
    pct(above(r, ref?.mipBest)),
    r.status,
    results.map(([what, ok]) => `${ok ? '✓' : '✗'} ${what}`).join('; '),
  ])
}
table(['instance', 'limit', 'pairs', 'wall', 'threads', 'peak RSS', 'greedy', 'engine', 'own bound', 'LP bound', 'HiGHS best', 'own gap', 'over LP', 'over best', 'status', 'targets'], rows)

const dir = path.join(root, 'app/engine/fixtures/examples')
const exampleRows: string[][] = []
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort()) {
  const name = file.replace(/\.json$/, '')
  if (only && !only.includes(name)) continue
  const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as { optimalScore: number; greedyScore: number }
  const r = runOne('example', path.join(dir, file), String(exampleLimit))
  const off = (r.score - expected.optimalScore) / Math.max(expected.optimalScore, 1)
  const reached = Math.abs(off) <= 1e-6 && r.status === 'optimal' && r.valid
  if (!reached) missed.push(name)
  exampleRows.push([name, String(r.pairs), `${r.wallMs.toFixed(0)} ms`, expected.optimalScore.toFixed(6), r.score.toFixed(6), r.bound.toFixed(6), r.greedy.toFixed(4), r.status, reached ? 'proven optimum' : `MISSED: ${pct(off)} above`])
}
console.log(`\nShared examples (target: the proven optimum with status "optimal"; limit ${exampleLimit / 1000} s, proven ones stop at once)\n`)
table(['example', 'pairs', 'wall', 'proven optimum', 'engine', 'bound', 'naive greedy', 'status', 'target'], exampleRows)
console.log(missed.length ? `\nTargets missed:\n  ${missed.join('\n  ')}` : '\nAll targets met.')
