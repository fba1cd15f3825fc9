import { intlLocale, type Locale } from '~/i18n'
import { isoWeek } from './weeks'

// Intl formatters are costly to create and cheap to reuse: one per kind and locale.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) cache.set(key, (f = make()))
  return f
}

export function formatDate(date: Date | string, locale: Locale) {
  return formatter(`date:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(date))
}

export function formatDateTime(date: Date | string, locale: Locale) {
  return formatter(`datetime:${locale}`, () =>
    new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
  ).format(new Date(date))
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1) {
  return formatter(`number:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits })).format(value)
}

export function formatPercent(ratio: number, locale: Locale) {
  return formatter(`percent:${locale}`, () => new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 })).format(ratio)
}

/** Tenths of a full-time equivalent as FTE: 15 → "1,5". */
export function formatFte10(fte10: number, locale: Locale) {
  return formatter(`fte:${locale}`, () => new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(fte10 / 10)
}

export function formatWeek(date: Date | string) {
  return String(isoWeek(new Date(date)))
}

/** YYYY-MM-DD for a date that came through JSON. */
export function toYmdSafe(date: Date | string) {
  return new Date(date).toISOString().slice(0, 10)
}

type Signs = { minus?: string; dash?: string }

/** A signed change, "+3", "−2" or "±0"; `minus` is "-" where a font lacks U+2212 (the PDF's), `dash` stands for no figure. */
export function formatSigned(value: number | null | undefined, format: (x: number) => string, { minus = '−', dash = '–' }: Signs = {}) {
  if (value === null || value === undefined) return dash
  return `${value > 0 ? '+' : value < 0 ? minus : '±'}${format(Math.abs(value))}`
}

/** A change in load (a ratio) in percentage points, not per cent of something: "+3 procentenheter". */
export function formatLoadChange(t: (key: string, options: Record<string, unknown>) => string, value: number | null | undefined, { minus = '−', dash = '–' }: Signs = {}) {
  if (value === null || value === undefined) return dash
  const count = Math.round(Math.abs(value) * 100)
  return t('workload.report.loadChange', { count, sign: count === 0 ? '±' : value > 0 ? '+' : minus })
}
