import { describe, expect, test } from 'vitest'
import { backtest, BAND_Z, fitHolt, forecastSeries } from './forecast'

describe("Holt's linear forecast", () => {
  test('matches the recursions worked by hand on a short series', () => {
    // α = β = 0.5 on 10, 12, 13, 15: ℓ0 = 10, b0 = 2; ℓ1 = 12, b1 = 2;
    // ŷ2 = 14, e = −1, ℓ2 = 13.5, b2 = 1.75; ŷ3 = 15.25, e = −0.25,
    // ℓ3 = 15.125, b3 = 1.6875. σ² = (1 + 0.0625) / 2.
    const fit = fitHolt([10, 12, 13, 15], { alpha: 0.5, beta: 0.5 })
    expect(fit.level).toBeCloseTo(15.125, 10)
    expect(fit.trend).toBeCloseTo(1.6875, 10)
    expect(fit.sigma ** 2).toBeCloseTo(0.53125, 10)
    const [h1, h2, h3] = forecastSeries([10, 12, 13, 15], 3, { alpha: 0.5, beta: 0.5 })
    expect(h1.points).toBeCloseTo(16.8125, 10)
    expect(h2.points).toBeCloseTo(18.5, 10)
    expect(h3.points).toBeCloseTo(20.1875, 10)
    // Band: ±z·σ at one step, ±z·σ·√(1 + α²(1 + β)²) = ±z·σ·√1.5625 at two.
    expect(h1.high - h1.points).toBeCloseTo(BAND_Z * Math.sqrt(0.53125), 10)
    expect(h2.points - h2.low).toBeCloseTo(BAND_Z * Math.sqrt(0.53125 * 1.5625), 10)
    expect(h3.high - h3.low).toBeGreaterThan(h2.high - h2.low)
  })

  test('a damped trend carries φ + φ² + … of the trend, worked by hand', () => {
    // α = β = φ = 0.5 on 10, 12, 13, 15: ℓ1 = 11.5, b1 = 1.25; ℓ2 = 12.5625, b2 = 0.84375;
    // ℓ3 = 13.9921875, b3 = 0.92578125.
    const fit = fitHolt([10, 12, 13, 15], { alpha: 0.5, beta: 0.5, phi: 0.5 })
    expect(fit.level).toBeCloseTo(13.9921875, 10)
    expect(fit.trend).toBeCloseTo(0.92578125, 10)
    const [h1, h2] = forecastSeries([10, 12, 13, 15], 2, { alpha: 0.5, beta: 0.5, phi: 0.5 })
    expect(h1.points).toBeCloseTo(13.9921875 + 0.5 * 0.92578125, 10)
    expect(h2.points).toBeCloseTo(13.9921875 + 0.75 * 0.92578125, 10)
  })

  test('a straight line is continued exactly, with no band', () => {
    const line = [100, 104, 108, 112, 116, 120]
    const next = forecastSeries(line, 3)
    expect(next.map((p) => p.points)).toEqual([124, 128, 132].map((v) => expect.closeTo(v, 9)))
    expect(next.every((p) => Math.abs(p.high - p.low) < 1e-9)).toBe(true)
  })

  test('points never go below zero, and short histories are flat', () => {
    expect(forecastSeries([30, 20, 10, 0], 2).every((p) => p.points >= 0 && p.low >= 0)).toBe(true)
    expect(forecastSeries([42], 2).map((p) => p.points)).toEqual([42, 42])
    expect(forecastSeries([], 1)[0].points).toBe(0)
  })

  test('the backtest beats the naive forecast on a history with trend and seasonality', () => {
    // Two years of weeks: a rising trend, a yearly season (summer and
    // Christmas), and noise from a fixed pseudo-random sequence.
    let seed = 7
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 6
    const series = Array.from({ length: 104 }, (_, t) => 150 + 0.4 * t + 18 * Math.sin((2 * Math.PI * t) / 52) + noise())
    const result = backtest(series, 8)
    expect(result.origins).toBeGreaterThan(80)
    expect(result.ratio).toBeLessThan(0.9)
  })
})
