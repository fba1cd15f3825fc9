// Backtest of the unit forecast (Holt's linear exponential smoothing): for
// each unit, forecast from every week k and compare with weeks k+1..k+8;
// print the mean absolute error against the naive "same as today" forecast.
// On the demo municipality's history and on generated histories with trend
// and a yearly season. No database: the demo rows are built in memory.
import { backtest } from '../app/models/forecast'
import { today } from '../app/utils/weeks'
import { buildMunicipality } from '../prisma/demo/municipality'

const HORIZON = 8

function report(name: string, series: number[][]) {
  let holt = 0
  let naive = 0
  let origins = 0
  let wins = 0
  for (const s of series) {
    const r = backtest(s, HORIZON)
    holt += r.holtMae * r.origins
    naive += r.naiveMae * r.origins
    origins += r.origins
    if (r.ratio < 1) wins++
  }
  const ratio = holt / naive
  console.log(`${name.padEnd(44)} ${String(series.length).padStart(4)} series ${String(origins).padStart(6)} origins   MAE Holt ${(holt / origins).toFixed(2).padStart(7)}   naive ${(naive / origins).toFixed(2).padStart(7)}   ratio ${ratio.toFixed(3)}   Holt better on ${wins}/${series.length}`)
  return ratio
}

/** A seeded generator (mulberry32), so every run prints the same figures. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generated(count: number, weeks: number, options: { trend: number; season: number; noise: number }, seed: number) {
  const next = random(seed)
  return Array.from({ length: count }, () => {
    const base = 80 + next() * 400
    const slope = (next() - 0.3) * options.trend * base
    const phase = next() * 52
    return Array.from({ length: weeks }, (_, t) =>
      Math.max(0, base + slope * t + options.season * base * Math.sin((2 * Math.PI * (t + phase)) / 52) + (next() - 0.5) * 2 * options.noise * base),
    )
  })
}

console.log(`Forecast backtest: origins k with at least 8 weeks behind, horizon ${HORIZON} weeks (ratio < 1: Holt beats naive)\n`)
const demo = buildMunicipality({ today: today(), passwordHash: 'x', staff: 1500 })
const byUnit = new Map<string, { week: number; points: number }[]>()
for (const row of demo.caseloads) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), { week: row.weekStart.getTime(), points: row.points }])
const demoSeries = [...byUnit.values()].map((rows) => rows.sort((a, b) => a.week - b.week).map((r) => r.points))
report('demo municipality (1,500 staff, 52 weeks)', demoSeries)
report('generated: trend and season, low noise', generated(60, 104, { trend: 0.004, season: 0.08, noise: 0.02 }, 1))
report('generated: trend and season, more noise', generated(60, 104, { trend: 0.004, season: 0.08, noise: 0.05 }, 2))
report('generated: season only, low noise', generated(60, 104, { trend: 0, season: 0.1, noise: 0.02 }, 3))
report('generated: noise only (naive should win or tie)', generated(60, 104, { trend: 0, season: 0, noise: 0.05 }, 4))
