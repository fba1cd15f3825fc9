// Each unit's forecast of open-case points for the coming weeks, from its
// weekly history (carried-forward weeks included, so no gaps) and today's figure.
import { cached } from '~/utils/cache.server'
import { now as clockNow } from '~/utils/clock'
import { prisma, type Tx } from '~/utils/db.server'
import { InputError, NotFoundError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { forecastSeries, type ForecastPoint } from './forecast'
import { weeklyFigures } from './unit-history.server'

/** Weeks of history the forecast learns from. */
export const FORECAST_HISTORY_WEEKS = 52
export const MAX_FORECAST_WEEKS = 52

export type UnitForecastWeek = ForecastPoint & { week: Date }

/** The unit's points week by week, oldest first, ending with today's figure. */
export function historySeries(weeks: (null | { points: number })[], current: number): number[] {
  const known = weeks.flatMap((w) => (w ? [w.points] : []))
  if (known.length === 0) return [current]
  known[known.length - 1] = current
  return known
}

/**
 * Forecasts for every unit, `steps` weeks after this one (cached with the read
 * models). Inside a transaction pass it as `db`: the forecast is then read
 * through it, uncached, because a second connection taken from the pool while
 * the transaction holds one (and the decision lock) starves the pool when
 * decisions queue.
 */
export function unitForecasts(steps: number, now: Date = clockNow(), db?: Tx): Promise<Map<string, UnitForecastWeek[]>> {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_FORECAST_WEEKS) throw new InputError('weeks', 'workload.errors.forecastWeeks')
  const monday = weekStart(today(now))
  if (db) return computeForecasts(db, steps, monday)
  return cached(`forecasts:${steps}:${monday.getTime()}`, () => computeForecasts(prisma, steps, monday))
}

async function computeForecasts(db: Tx, steps: number, monday: Date): Promise<Map<string, UnitForecastWeek[]>> {
  const [units, history] = await Promise.all([
    db.unit.findMany({ select: { id: true, casePoints: true } }),
    weeklyFigures(FORECAST_HISTORY_WEEKS, monday, undefined, db),
  ])
  return new Map(
    units.map((u) => [
      u.id,
      forecastSeries(historySeries(history.get(u.id) ?? [], u.casePoints), steps).map((p) => ({ ...p, week: addWeeks(monday, p.step) })),
    ]),
  )
}

/** Unit-level figures, like the situation picture: everyone signed in may see them. */
export async function getUnitForecast(_actor: Actor, unitId: string, weeks = 8, now: Date = clockNow()) {
  const forecast = (await unitForecasts(weeks, now)).get(unitId)
  if (!forecast) throw new NotFoundError()
  return forecast
}
