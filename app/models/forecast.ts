// Forecast of a unit's open-case points, week by week: Holt's linear
// exponential smoothing with a damped trend (Gardner & McKenzie; level and
// trend, additive errors), its parameters chosen by least squares over
// one-step-ahead errors on a grid, and prediction intervals from the
// ETS(A,Ad,N) variance formula (Hyndman & Athanasopoulos, Forecasting:
// Principles and Practice, 8.7). Damping keeps an 8-week forecast from
// running away with a noisy trend.
// Pure: no I/O, so the benchmark and the tests run it on any series.

/** Smoothing of the level (α), of the trend (β), and the trend's damping per week ahead (φ, 1 = none). */
export type HoltParameters = { alpha: number; beta: number; phi?: number }

export type HoltFit = Required<HoltParameters> & {
  level: number
  trend: number
  /** Standard deviation of the one-step-ahead errors. */
  sigma: number
  /** How many observations the fit used. */
  n: number
}

export type ForecastPoint = { step: number; points: number; low: number; high: number }

/** z for an 80 % prediction interval, the band drawn on the charts. */
export const BAND_Z = 1.2816

const GRID = Array.from({ length: 20 }, (_, i) => (i + 1) / 20)
const BETA_GRID = [0.01, 0.02, ...GRID]
// Undamped first: on a tie (a straight line) the trend carries on in full.
const PHI_GRID = [1, 0.98, 0.95, 0.9, 0.85, 0.8]

type Run = { level: number; trend: number; sse: number; errors: number }

function smooth(series: readonly number[], { alpha, beta, phi = 1 }: HoltParameters): Run {
  let level = series[0]
  let trend = series[1] - series[0]
  let sse = 0
  let errors = 0
  for (let t = 1; t < series.length; t++) {
    const expected = level + phi * trend
    // The first step is fitted exactly by the initial trend: no information in its error.
    if (t >= 2) {
      const e = series[t] - expected
      sse += e * e
      errors++
    }
    const previous = level
    level = alpha * series[t] + (1 - alpha) * expected
    trend = beta * (level - previous) + (1 - beta) * phi * trend
  }
  return { level, trend, sse, errors }
}

/**
 * Fits Holt's method to the series (oldest first). With fixed parameters it
 * only runs the recursions; otherwise it picks the pair with the least
 * squared one-step error. Fewer than two points: a flat line.
 */
export function fitHolt(series: readonly number[], fixed?: HoltParameters): HoltFit {
  const n = series.length
  if (n === 0) return { alpha: 1, beta: 0, phi: 1, level: 0, trend: 0, sigma: 0, n }
  if (n === 1) return { alpha: 1, beta: 0, phi: 1, level: series[0], trend: 0, sigma: 0, n }
  let best: (Run & Required<HoltParameters>) | null = null
  const candidates = fixed ? [{ phi: 1, ...fixed }] : PHI_GRID.flatMap((phi) => GRID.flatMap((alpha) => BETA_GRID.map((beta) => ({ alpha, beta, phi }))))
  for (const params of candidates) {
    const run = smooth(series, params)
    if (!best || run.sse < best.sse - 1e-12) best = { ...run, ...params }
  }
  const { alpha, beta, phi, level, trend, sse, errors } = best!
  return { alpha, beta, phi, level, trend, sigma: errors > 0 ? Math.sqrt(sse / errors) : 0, n }
}

/** φ + φ² + … + φ^h: how much of the trend h weeks ahead carries (h with no damping). */
function damped(phi: number, h: number) {
  let sum = 0
  for (let i = 1, p = phi; i <= h; i++, p *= phi) sum += p
  return sum
}

/** Variance multiplier at h steps ahead: 1 + Σ_{j<h} α²(1 + β·φ_j)², φ_j = φ + … + φ^j. */
function varianceFactor({ alpha, beta, phi }: Required<HoltParameters>, h: number) {
  let sum = 1
  for (let j = 1; j < h; j++) sum += alpha * alpha * (1 + beta * damped(phi, j)) ** 2
  return sum
}

/** The next `steps` weeks after the series' last one; points never go below zero. */
export function forecastSeries(series: readonly number[], steps: number, fixed?: HoltParameters): ForecastPoint[] {
  const fit = fitHolt(series, fixed)
  return Array.from({ length: steps }, (_, i) => {
    const h = i + 1
    const mean = fit.level + damped(fit.phi, h) * fit.trend
    const half = BAND_Z * fit.sigma * Math.sqrt(varianceFactor(fit, h))
    return { step: h, points: Math.max(0, mean), low: Math.max(0, mean - half), high: Math.max(0, mean + half) }
  })
}

export type BacktestResult = {
  /** Forecast origins tried. */
  origins: number
  /** Mean absolute error over every origin and step, Holt's and the naive "same as today". */
  holtMae: number
  naiveMae: number
  /** holtMae / naiveMae: below 1 means the forecast beats naive. */
  ratio: number
}

/**
 * Backtest on one series: from every week k with at least `minHistory`
 * weeks behind it, forecast k+1..k+horizon and compare with what happened.
 */
export function backtest(series: readonly number[], horizon = 8, minHistory = 8): BacktestResult {
  let holt = 0
  let naive = 0
  let count = 0
  let origins = 0
  for (let k = minHistory - 1; k + 1 < series.length; k++) {
    const history = series.slice(0, k + 1)
    const steps = Math.min(horizon, series.length - 1 - k)
    const predicted = forecastSeries(history, steps)
    origins++
    for (let h = 1; h <= steps; h++) {
      const actual = series[k + h]
      holt += Math.abs(predicted[h - 1].points - actual)
      naive += Math.abs(series[k] - actual)
      count++
    }
  }
  const holtMae = count ? holt / count : 0
  const naiveMae = count ? naive / count : 0
  return { origins, holtMae, naiveMae, ratio: naiveMae > 0 ? holtMae / naiveMae : holtMae > 0 ? Infinity : 1 }
}
