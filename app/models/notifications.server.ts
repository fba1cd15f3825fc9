// Notifications: one inbox row per recipient, and an e-mail job for each
// recipient who has e-mail on, written inside the caller's transaction (a
// transactional outbox: nothing is told about a change that rolled back, and
// sending happens after commit, so a failing SMTP server never fails the
// change). The words are made when read (notifications-text.ts).
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { enqueue } from '~/jobs/queue.server'
import { now as clockNow } from '~/utils/clock'
import { dataChanged } from '~/utils/data-version.server'
import { prisma, type Tx } from '~/utils/db.server'
import { InputError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { today } from '~/utils/weeks'
import { audit } from './audit.server'
import { notificationMailJob } from './mail.server'
import { proposalKey } from './proposal-terms'
import type { NotificationKind, NotificationParams } from './notifications-text'

export type NotificationDraft = {
  userId: string
  kind: NotificationKind
  params: NotificationParams
  link: string
  /** Set for notices that may be raised again (a daily check, a repeated run): a second draft with the key is dropped. */
  dedupeKey?: string
}

/**
 * Creates the inbox rows and queues one mail job per recipient with e-mail on
 * (active people only), inside `tx`. Returns how many rows were written.
 */
export async function notify(tx: Tx, drafts: readonly NotificationDraft[]): Promise<number> {
  if (!drafts.length) return 0
  const keys = drafts.flatMap((d) => (d.dedupeKey ? [d.dedupeKey] : []))
  const seen = new Set<string>()
  if (keys.length) {
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await tx.notification.findMany({ where: { dedupeKey: { in: keys.slice(i, i + 500) } }, select: { dedupeKey: true } })
      for (const row of rows) seen.add(row.dedupeKey!)
    }
  }
  const fresh = drafts.filter((d) => !d.dedupeKey || (!seen.has(d.dedupeKey) && (seen.add(d.dedupeKey), true)))
  if (!fresh.length) return 0
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(fresh.map((d) => d.userId))] }, active: true, kind: 'PERSON' },
    select: { id: true, emailNotifications: true },
  })
  const byId = new Map(users.map((u) => [u.id, u]))
  const now = new Date()
  const rows = fresh
    .filter((d) => byId.has(d.userId))
    .map((d) => ({
      id: randomUUID(),
      userId: d.userId,
      kind: d.kind,
      params: d.params as Prisma.InputJsonValue,
      link: d.link,
      dedupeKey: d.dedupeKey ?? null,
      createdAt: now,
    }))
  for (let i = 0; i < rows.length; i += 500) await tx.notification.createMany({ data: rows.slice(i, i + 500) })
  // The header's unread count is on every cached page.
  if (rows.length) await dataChanged()
  for (const row of rows) {
    if (byId.get(row.userId)!.emailNotifications) await enqueue(tx, notificationMailJob, { notificationId: row.id })
  }
  return rows.length
}

// ---------------------------------------------------------------------------
// Loans

export type LoanNotice = 'loan.proposed' | 'loan.approved' | 'loan.rejected' | 'loan.changed' | 'loan.cancelled' | 'loan.endedEarly'

// Who hears about a person or a unit: the person's login and the unit's managers.
const unitRecipients = { name: true, managers: { select: { userId: true } } } satisfies Prisma.UnitSelect
const staffRecipients = { firstName: true, lastName: true, unitId: true, unit: { select: unitRecipients }, user: { select: { id: true } } } satisfies Prisma.StaffSelect

const loanFacts = {
  id: true,
  staffId: true,
  requestId: true,
  fte10: true,
  startWeek: true,
  endWeek: true,
  plannedEndWeek: true,
  staff: { select: staffRecipients },
  request: { select: { unitId: true, unit: { select: unitRecipients } } },
} satisfies Prisma.LoanSelect

type LoanFacts = Prisma.LoanGetPayload<{ select: typeof loanFacts }>

function loanDrafts(loan: LoanFacts, kind: LoanNotice): NotificationDraft[] {
  const ended = kind === 'loan.endedEarly'
  const params: NotificationParams = {
    person: `${loan.staff.firstName} ${loan.staff.lastName}`,
    fromUnit: loan.staff.unit.name,
    unit: loan.request.unit.name,
    startWeek: loan.startWeek.toISOString(),
    endWeek: (ended ? (loan.plannedEndWeek ?? loan.endWeek) : loan.endWeek).toISOString(),
    ...(ended ? { lastWeek: loan.endWeek.toISOString() } : {}),
    fte10: loan.fte10,
  }
  // A proposal goes to the person and their manager; a decision to the receiving managers too.
  const recipients = new Map<string, string>()
  if (loan.staff.user) recipients.set(loan.staff.user.id, '/profile#loans-heading')
  for (const m of loan.staff.unit.managers) if (!recipients.has(m.userId)) recipients.set(m.userId, `/units/${loan.staff.unitId}`)
  if (kind !== 'loan.proposed')
    for (const m of loan.request.unit.managers) if (!recipients.has(m.userId)) recipients.set(m.userId, `/units/${loan.request.unitId}`)
  // A proposal remade by a later run with the same person, weeks and extent is not news.
  const proposal = proposalKey(loan)
  return [...recipients].map(([userId, link]) => ({
    userId,
    kind,
    params,
    link,
    ...(kind === 'loan.proposed' ? { dedupeKey: `loan.proposed:${proposal}:${userId}` } : {}),
  }))
}

/** Tells the people a loan concerns what just happened to it (inside the change's transaction). */
export async function notifyLoan(tx: Tx, loanId: string, kind: LoanNotice) {
  const loan = await tx.loan.findUnique({ where: { id: loanId }, select: loanFacts })
  if (!loan) return 0
  return notify(tx, loanDrafts(loan, kind))
}

/**
 * After a matching run stored its suggestions: each proposed person and their
 * manager hear of the proposal, and each request's managers hear whether it
 * got suggestions or none. Inside the run's transaction.
 */
export async function notifyMatchingRun(tx: Tx, runId: string, requestIds: readonly string[]) {
  const loans = await tx.loan.findMany({ where: { matchingRunId: runId, status: 'PROPOSED' }, select: loanFacts })
  const drafts = loans.flatMap((loan) => loanDrafts(loan, 'loan.proposed'))
  const byRequest = new Map<string, LoanFacts[]>()
  for (const loan of loans) byRequest.set(loan.requestId, [...(byRequest.get(loan.requestId) ?? []), loan])
  const requests = await tx.reinforcementRequest.findMany({
    where: { id: { in: [...requestIds] }, status: 'OPEN' },
    select: { id: true, unitId: true, fte10: true, startWeek: true, endWeek: true, unit: { select: unitRecipients } },
  })
  for (const request of requests) {
    const proposed = byRequest.get(request.id) ?? []
    const kind = proposed.length ? 'request.helpProposed' : 'request.unfilled'
    // The same outcome from a repeated run is told once.
    const outcome =
      proposed
        .map((l) => `${l.staffId}:${l.fte10}:${l.startWeek.getTime()}-${l.endWeek.getTime()}`)
        .sort()
        .join(',') || 'none'
    const params: NotificationParams = {
      unit: request.unit.name,
      startWeek: request.startWeek.toISOString(),
      endWeek: request.endWeek.toISOString(),
      fte10: request.fte10,
      count: proposed.length,
    }
    for (const m of request.unit.managers) {
      drafts.push({ userId: m.userId, kind, params, link: `/units/${request.unitId}`, dedupeKey: `${kind}:${request.id}:${hash(outcome)}:${m.userId}` })
    }
  }
  return notify(tx, drafts)
}

function hash(text: string) {
  // Short and stable: the key only tells outcomes apart.
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return `${text.length}-${h.toString(36)}`
}

// ---------------------------------------------------------------------------
// Daily checks (registry.server.ts)

const DAY_MS = 86_400_000
export const CERTIFICATE_NOTICE_DAYS = 30
export const STALE_FIGURE_DAYS = 14

/** Certificates and licences expiring within 30 days: the person and their manager, once per certificate and expiry date. */
export async function notifyExpiringCertificates(now: Date = clockNow()) {
  const from = today(now)
  const until = new Date(from.getTime() + CERTIFICATE_NOTICE_DAYS * DAY_MS)
  return prisma.$transaction(async (tx) => {
    const skills = await tx.staffSkill.findMany({
      where: { evidence: { in: ['CERTIFICATE', 'LICENCE'] }, validUntil: { gte: from, lte: until }, staff: { active: true } },
      select: {
        id: true,
        validUntil: true,
        skill: { select: { nameSv: true, nameEn: true } },
        staff: { select: staffRecipients },
      },
    })
    const drafts = skills.flatMap((s) => {
      const params: NotificationParams = {
        person: `${s.staff.firstName} ${s.staff.lastName}`,
        unit: s.staff.unit.name,
        skillSv: s.skill.nameSv,
        skillEn: s.skill.nameEn,
        date: s.validUntil!.toISOString(),
      }
      const recipients = new Map<string, string>()
      if (s.staff.user) recipients.set(s.staff.user.id, '/profile#skills-heading')
      for (const m of s.staff.unit.managers) if (!recipients.has(m.userId)) recipients.set(m.userId, `/units/${s.staff.unitId}`)
      return [...recipients].map(([userId, link]) => ({
        userId,
        kind: 'certificate.expiring' as const,
        params,
        link,
        dedupeKey: `certificate.expiring:${s.id}:${s.validUntil!.toISOString()}:${userId}`,
      }))
    })
    return notify(tx, drafts)
  })
}

/** Units whose open-case figure is 14 days old: their managers, once per stale spell (an update starts a new one). */
export async function notifyStaleCaseFigures(now: Date = clockNow()) {
  const before = new Date(now.getTime() - STALE_FIGURE_DAYS * DAY_MS)
  return prisma.$transaction(async (tx) => {
    const units = await tx.unit.findMany({
      where: { openCasesUpdatedAt: { lt: before }, managers: { some: {} } },
      select: { id: true, name: true, openCasesUpdatedAt: true, managers: { select: { userId: true } } },
    })
    const drafts = units.flatMap((u) =>
      u.managers.map((m) => ({
        userId: m.userId,
        kind: 'caseFigure.stale' as const,
        params: { unit: u.name, date: u.openCasesUpdatedAt.toISOString() },
        link: `/units/${u.id}`,
        dedupeKey: `caseFigure.stale:${u.id}:${u.openCasesUpdatedAt.toISOString()}:${m.userId}`,
      })),
    )
    return notify(tx, drafts)
  })
}

// ---------------------------------------------------------------------------
// The inbox: every user reads and marks only their own.

export const INBOX_LIMIT = 100

const inboxSelect = { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true } as const

/** The signed-in user's latest messages, newest first, with the unread count. */
export async function listNotifications(actor: Actor, options: { limit?: number } = {}) {
  const take = Math.min(Math.max(options.limit ?? INBOX_LIMIT, 1), INBOX_LIMIT)
  const [items, unread, total] = await Promise.all([
    prisma.notification.findMany({ where: { userId: actor.id }, select: inboxSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take }),
    unreadCount(actor),
    prisma.notification.count({ where: { userId: actor.id } }),
  ])
  return { items: items.map((n) => ({ ...n, params: n.params as NotificationParams })), unread, total }
}

export const unreadCount = (actor: Pick<Actor, 'id'>) => prisma.notification.count({ where: { userId: actor.id, readAt: null } })

/**
 * Marks the actor's messages read: the given ones, or all. Ids that are not
 * the actor's are not touched (and not told apart from unknown ones). Not
 * audited: reading one's own messages changes nothing anyone else sees.
 */
export async function markNotificationsRead(actor: Actor, ids: readonly string[] | 'all') {
  if (ids !== 'all' && (ids.length > INBOX_LIMIT || ids.some((id) => typeof id !== 'string' || id.length > 100)))
    throw new InputError('ids', 'notifications.invalidIds')
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(ids === 'all' ? {} : { id: { in: [...ids] } }) },
    data: { readAt: new Date() },
  })
  if (count) await dataChanged()
  return count
}

/** Turns the actor's e-mail notifications on or off (the inbox always stays). */
export async function setEmailNotifications(actor: Actor, on: boolean) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { emailNotifications: true } })
    await tx.user.update({ where: { id: actor.id }, data: { emailNotifications: on } })
    await audit(tx, actor, { action: 'user.emailNotifications', entity: 'User', entityId: actor.id, before, after: { emailNotifications: on } })
    return on
  })
}

export async function getEmailNotifications(actor: Pick<Actor, 'id'>) {
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { emailNotifications: true } })
  return user?.emailNotifications ?? true
}
