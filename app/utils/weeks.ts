import { utc } from '@date-fns/utc'
import { addDays, differenceInCalendarDays, getISOWeekYear } from 'date-fns'
import { now as clockNow } from './clock'

// Calendar dates are stored as UTC midnight; weeks are ISO weeks starting on
// Monday. All arithmetic happens in UTC so the server's time zone never matters.
const DAY_MS = 86_400_000

const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' })

/** Today's date in Sweden, as UTC midnight. */
export function today(now: Date = clockNow()): Date {
  const ymd = swedishDay.format(now)
  return new Date(`${ymd}T00:00:00.000Z`)
}

export function parseDate(ymd: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return null
  const date = new Date(`${ymd}T00:00:00.000Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== ymd ? null : date
}

export function toYmd(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Monday (UTC midnight) of the ISO week that holds `date`. */
export function weekStart(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7
  return new Date(midnight - weekday * DAY_MS)
}

export function addWeeks(date: Date, weeks: number): Date {
  return addDays(date, weeks * 7, { in: utc })
}

/** Whole weeks from the week of `from` to the week of `to` (negative if before). */
export function weeksBetween(from: Date, to: Date): number {
  return Math.round(differenceInCalendarDays(weekStart(to), weekStart(from), { in: utc }) / 7)
}

/** The ISO week number (1–53), by plain arithmetic: it is on every page, many times. */
export function isoWeek(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  const weekday = (new Date(day).getUTCDay() + 6) % 7
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(day + (3 - weekday) * DAY_MS)
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  return 1 + Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7)
}

/** "2026-W48": the ISO week's own name, unambiguous across years. */
export function isoWeekId(date: Date): string {
  return `${getISOWeekYear(date, { in: utc })}-W${String(isoWeek(date)).padStart(2, '0')}`
}

/** Parses "2026-W48" or a date into the Monday of that week. */
export function parseWeek(value: string): Date | null {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(value.trim())
  if (!m) {
    const date = parseDate(value.trim())
    return date ? weekStart(date) : null
  }
  const [year, week] = [Number(m[1]), Number(m[2])]
  if (week < 1 || week > 53) return null
  // ISO week 1 is the week with January 4th.
  const monday = addWeeks(weekStart(new Date(Date.UTC(year, 0, 4))), week - 1)
  return isoWeekId(monday) === `${year}-W${String(week).padStart(2, '0')}` ? monday : null
}

/** Working days (Mon–Fri) of the week starting `monday` that fall inside [start, end]. */
export function workdaysCovered(monday: Date, start: Date, end: Date): number {
  let days = 0
  for (let i = 0; i < 5; i++) {
    const day = addDays(monday, i, { in: utc })
    if (day >= start && day <= end) days++
  }
  return days
}
