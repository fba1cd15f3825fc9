// A notification's words, in the reader's locale: the inbox and the e-mail
// both render them from the stored kind and params, so a message reads the
// same in both places. Not server-only: the inbox page formats on the server
// but the type is shared.
import { getFixedT, type Locale } from '~/i18n'
import { formatDate, formatPercent } from '~/utils/format'
import { isoWeek } from '~/utils/weeks'

export const NOTIFICATION_KINDS = [
  'loan.proposed',
  'loan.approved',
  'loan.rejected',
  'loan.changed',
  'loan.cancelled',
  'loan.endedEarly',
  'request.helpProposed',
  'request.unfilled',
  'certificate.expiring',
  'caseFigure.stale',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What a notification names: raw values (dates as ISO strings, extent in tenths), formatted when read. */
export type NotificationParams = {
  person?: string
  fromUnit?: string
  unit?: string
  /** A skill's name in each language. */
  skillSv?: string
  skillEn?: string
  startWeek?: string
  endWeek?: string
  lastWeek?: string
  fte10?: number
  count?: number
  date?: string
}

/** "v. 50–52", or "v. 50" for one week (ISO weeks). */
export function formatWeekSpan(start: Date | string, end: Date | string, locale: Locale) {
  const t = getFixedT(locale)
  const [a, b] = [isoWeek(new Date(start)), isoWeek(new Date(end))]
  return new Date(start).getTime() === new Date(end).getTime() ? t('notifications.week', { week: a }) : t('notifications.weeks', { start: a, end: b })
}

/** Tenths of a full-time equivalent as a share of full time: 5 → "50 %". */
export const formatExtent = (fte10: number, locale: Locale) => formatPercent(fte10 / 10, locale)

export function notificationText(kind: string, params: NotificationParams, locale: Locale): { title: string; text: string } {
  const t = getFixedT(locale)
  const values = {
    ...params,
    skill: locale === 'en' ? (params.skillEn ?? params.skillSv) : params.skillSv,
    weeks: params.startWeek && params.endWeek ? formatWeekSpan(params.startWeek, params.endWeek, locale) : '',
    lastWeek: params.lastWeek ? formatWeekSpan(params.lastWeek, params.lastWeek, locale) : '',
    extent: params.fte10 !== undefined ? formatExtent(params.fte10, locale) : '',
    date: params.date ? formatDate(params.date, locale) : '',
  }
  return { title: t(`notifications.kinds.${kind}.title`, values), text: t(`notifications.kinds.${kind}.text`, values) }
}
