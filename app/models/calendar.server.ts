// The private calendar feed: each person's approved and current loans as an
// iCalendar file (ical-generator) that a calendar program fetches without a
// session, at /calendar/<token>.ics. Only a SHA-256 hash of the token is
// stored, so the database never holds a working address; renewing replaces it.
import ical, { ICalCalendarMethod } from 'ical-generator'
import { DEFAULT_LOCALE, getFixedT, isLocale } from '~/i18n'
import { prisma } from '~/utils/db.server'
import { ForbiddenError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { addWeeks, isoWeekId, toYmd } from '~/utils/weeks'
import { audit } from './audit.server'
import { formatExtent, formatWeekSpan } from './notifications-text'
import { hashSecret, newSecret, SECRET_SHAPE } from '~/utils/secret-token.server'

/** Whether the actor has a feed address (the address itself cannot be shown again). */
export async function hasCalendarFeed(actor: Pick<Actor, 'id'>) {
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { calendarTokenHash: true } })
  return Boolean(user?.calendarTokenHash)
}

/** A new secret token for the actor's own feed (the old one stops working). Only people with a staff record have loans. */
export async function renewCalendarToken(actor: Actor): Promise<string> {
  if (!actor.staffId) throw new ForbiddenError()
  const token = newSecret()
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { calendarTokenHash: true } })
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: hashSecret(token) } })
    await audit(tx, actor, { action: before.calendarTokenHash ? 'user.calendarToken.renew' : 'user.calendarToken.create', entity: 'User', entityId: actor.id })
  })
  return token
}

/** The path of a feed: /calendar/<token>.ics. */
export const calendarPath = (token: string) => `/calendar/${token}.ics`

/**
 * The feed for a token, or null (unknown, renewed away, or its account closed):
 * one all-day event per loan and week, Monday to Friday, with the receiving unit.
 */
export async function calendarFeed(token: string): Promise<string | null> {
  if (!SECRET_SHAPE.test(token)) return null
  const user = await prisma.user.findUnique({ where: { calendarTokenHash: hashSecret(token) }, select: { id: true, active: true, locale: true, staffId: true } })
  if (!user?.active || !user.staffId) return null
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE
  const t = getFixedT(locale)
  const loans = await prisma.loan.findMany({
    where: { staffId: user.staffId, status: { in: ['APPROVED', 'ACTIVE'] } },
    select: {
      id: true,
      fte10: true,
      startWeek: true,
      endWeek: true,
      staff: { select: { unit: { select: { name: true } } } },
      request: { select: { unit: { select: { name: true } } } },
    },
    orderBy: { startWeek: 'asc' },
  })
  const calendar = ical({ name: t('notifications.calendar.calendarName'), prodId: { company: 'Avlast', product: 'Avlast', language: locale.toUpperCase() } })
  // PUBLISH: a feed to subscribe to, not invitations to answer.
  calendar.method(ICalCalendarMethod.PUBLISH)
  for (const loan of loans) {
    const values = {
      unit: loan.request.unit.name,
      fromUnit: loan.staff.unit.name,
      extent: formatExtent(loan.fte10, locale),
      weeks: formatWeekSpan(loan.startWeek, loan.endWeek, locale),
    }
    for (let monday = loan.startWeek; monday <= loan.endWeek; monday = addWeeks(monday, 1)) {
      calendar.createEvent({
        id: `${loan.id}-${isoWeekId(monday)}@avlast`,
        allDay: true,
        // All-day: Monday to Friday, the end date exclusive (Saturday), as dates without a time zone.
        start: toYmd(monday),
        end: toYmd(new Date(monday.getTime() + 5 * 86_400_000)),
        summary: t('notifications.calendar.eventSummary', values),
        description: t('notifications.calendar.eventDescription', values),
        location: values.unit,
      })
    }
  }
  return calendar.toString()
}
