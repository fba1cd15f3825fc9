// The periods recurring tasks run once in, named by Sweden's calendar (the
// same `today()` the rest of the app uses): a day is "2026-11-24", a week
// (Monday to Sunday) is its ISO name, "2026-W48".
import { isoWeekId, today, toYmd } from '~/utils/weeks'

export type Period = 'day' | 'week'

/** The name of the period that `now` falls in. */
export function periodOf(period: Period, now: Date): string {
  const date = today(now)
  return period === 'day' ? toYmd(date) : isoWeekId(date)
}
