import { afterAll, describe, expect, test } from 'vitest'
import { createArea, createRequest, createSkill, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, isoWeek, today, weekStart } from '~/utils/weeks'
import { approveLoan, bookLoan, cancelLoan, changeLoan, endLoanEarly, rejectLoan } from './loan-lifecycle.server'
import { runMatching } from './matching.server'
import { closeMatchingPool } from './matching-pool.server'
import {
  listNotifications,
  markNotificationsRead,
  notifyExpiringCertificates,
  notifyStaleCaseFigures,
  setEmailNotifications,
  unreadCount,
} from './notifications.server'
import { notificationText } from './notifications-text'

afterAll(() => closeMatchingPool())

const actorOf = async (id: string) => (await getActorById(id))!
const monday = weekStart(today())
const week = (n: number) => addWeeks(monday, n)

/** A lender (with an account) in a quiet unit, a busy unit asking for help, a manager each, and central. */
async function world() {
  const area = await createArea({ casesPerFte: 10 })
  const receiving = await createUnit({ areaId: area.id, openCases: 60, name: `Behov ${Math.random().toString(36).slice(2, 6)}` })
  const lending = await createUnit({ areaId: area.id, openCases: 20, name: `Utrymme ${Math.random().toString(36).slice(2, 6)}` })
  for (let i = 0; i < 2; i++) await createStaff({ unitId: receiving.id, caseload: 10 })
  for (let i = 0; i < 3; i++) await createStaff({ unitId: lending.id, caseload: 5 })
  const skill = await createSkill()
  const lender = await createStaff({ unitId: lending.id, caseload: 5, firstName: 'Sara' })
  await prisma.staffSkill.create({ data: { staffId: lender.id, skillId: skill.id, level: 3 } })
  const person = await createUser({ role: 'STAFF', staffId: lender.id })
  const lendingManager = await createUser({ role: 'MANAGER', unitIds: [lending.id] })
  const receivingManager = await createUser({ role: 'MANAGER', unitIds: [receiving.id] })
  const outsider = await createUser({ role: 'MANAGER', unitIds: [(await createUnit({ areaId: area.id })).id] })
  const central = await createUser({ role: 'CENTRAL' })
  const request = await createRequest({ unitId: receiving.id, fte10: 5, weeks: 3, skills: [{ skillId: skill.id, minLevel: 2 }] })
  const loan = await prisma.loan.create({
    data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek },
  })
  return { area, receiving, lending, skill, lender, person, lendingManager, receivingManager, outsider, central: await actorOf(central.id), request, loan }
}

const inboxOf = (userId: string) => prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })
/** The mail jobs queued for these users' messages (the file's tests share one database). */
async function mailJobs(...userIds: string[]) {
  const ids = new Set((await prisma.notification.findMany({ where: { userId: { in: userIds } }, select: { id: true } })).map((n) => n.id))
  return (await prisma.job.findMany({ where: { name: 'notification.mail' } })).filter((j) =>
    ids.has((JSON.parse(j.payload) as { notificationId: string }).notificationId),
  )
}
const everyone = (w: Awaited<ReturnType<typeof world>>) => [w.person.id, w.lendingManager.id, w.receivingManager.id, w.outsider.id, w.central.id]

describe('loan events', () => {
  test('an approval tells the person, the lending manager and the receiving manager, in the inbox and by a queued e-mail each', async () => {
    const w = await world()
    await approveLoan(w.central, w.loan.id)
    for (const user of [w.person, w.lendingManager, w.receivingManager]) {
      const inbox = await inboxOf(user.id)
      expect(inbox.map((n) => n.kind)).toEqual(['loan.approved'])
      const { title, text } = notificationText(inbox[0].kind, inbox[0].params as never, 'sv')
      expect(title).toBe(`Utlån godkänt: Sara ${w.lender.lastName} till ${w.receiving.name}`)
      expect(text).toContain(`v. ${isoWeek(w.request.startWeek)}–${isoWeek(w.request.endWeek)}`)
      expect(text).toMatch(/50\s%/)
      expect(text).toContain(w.lending.name)
    }
    expect(await inboxOf(w.outsider.id)).toEqual([])
    const jobs = await mailJobs(...everyone(w))
    expect(jobs).toHaveLength(3)
    const ids = (await prisma.notification.findMany({ where: { userId: { in: everyone(w) } }, select: { id: true } })).map((n) => n.id).sort()
    expect(jobs.map((j) => (JSON.parse(j.payload) as { notificationId: string }).notificationId).sort()).toEqual(ids)
    // Links lead each to their own page.
    expect((await inboxOf(w.person.id))[0].link).toBe('/profile#loans-heading')
    expect((await inboxOf(w.receivingManager.id))[0].link).toBe(`/units/${w.receiving.id}`)
  })

  test('a recipient with e-mail off gets the inbox message and no e-mail', async () => {
    const w = await world()
    await setEmailNotifications(await actorOf(w.person.id), false)
    expect(await prisma.auditLog.count({ where: { action: 'user.emailNotifications', entityId: w.person.id } })).toBe(1)
    await rejectLoan(w.central, w.loan.id, 'Inte nu')
    expect((await inboxOf(w.person.id)).map((n) => n.kind)).toEqual(['loan.rejected'])
    expect(await mailJobs(...everyone(w))).toHaveLength(2)
  })

  test('a change that fails tells nobody (the outbox is in its transaction)', async () => {
    const w = await world()
    // Approving a loan that is not proposed fails inside the transaction.
    await prisma.loan.update({ where: { id: w.loan.id }, data: { status: 'REJECTED' } })
    await expect(approveLoan(w.central, w.loan.id)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await prisma.notification.count({ where: { userId: { in: everyone(w) } } })).toBe(0)
    expect(await mailJobs(...everyone(w))).toHaveLength(0)
  })

  test('cancelled and ended early are told with their own words; ended early names the last week worked', async () => {
    const w = await world()
    await approveLoan(w.central, w.loan.id)
    await cancelLoan(w.central, w.loan.id)
    expect((await inboxOf(w.receivingManager.id)).map((n) => n.kind)).toEqual(['loan.approved', 'loan.cancelled'])

    const running = await prisma.loan.create({
      data: { staffId: w.lender.id, requestId: w.request.id, fte10: 5, startWeek: week(-2), endWeek: week(3), status: 'ACTIVE' },
    })
    await endLoanEarly(w.central, running.id, { lastWeek: week(-1) })
    const ended = (await inboxOf(w.person.id)).find((n) => n.kind === 'loan.endedEarly')!
    expect(notificationText(ended.kind, ended.params as never, 'sv').text).toContain(
      `Sista veckan var v. ${isoWeek(week(-1))} (planerat v. ${isoWeek(week(-2))}–${isoWeek(week(3))})`,
    )
  })
})

describe('manual decisions', () => {
  test('a manual booking and a change to a loan tell the person and both managers, naming the new extent', async () => {
    const w = await world()
    await prisma.loan.delete({ where: { id: w.loan.id } })
    const booked = await bookLoan(w.central, {
      staffId: w.lender.id,
      requestId: w.request.id,
      fte10: 3,
      startWeek: w.request.startWeek,
      endWeek: w.request.endWeek,
    })
    await changeLoan(w.central, booked.id, { fte10: 2 })
    for (const user of [w.person, w.lendingManager, w.receivingManager]) {
      const inbox = await inboxOf(user.id)
      expect(inbox.map((n) => n.kind)).toEqual(['loan.approved', 'loan.changed'])
      expect(notificationText(inbox[0].kind, inbox[0].params as never, 'sv').text).toMatch(/30\s%/)
      expect(notificationText(inbox[1].kind, inbox[1].params as never, 'sv').text).toMatch(/20\s%/)
    }
    expect(await inboxOf(w.outsider.id)).toEqual([])
  })
})

describe('matching', () => {
  test('a proposal tells the person and their manager; the request’s manager hears it got help, or that none was found; a repeated run tells nothing new', async () => {
    const w = await world()
    await prisma.loan.delete({ where: { id: w.loan.id } })
    const lonely = await createRequest({ unitId: w.receiving.id, fte10: 5, weeks: 2, skills: [{ skillId: (await createSkill()).id, minLevel: 2 }] })
    const { loans } = await runMatching(w.central, { timeLimitMs: 300 })
    expect(loans.filter((l) => l.requestId === w.request.id).map((l) => l.staffId)).toEqual([w.lender.id])
    expect((await inboxOf(w.person.id)).map((n) => n.kind)).toEqual(['loan.proposed'])
    expect((await inboxOf(w.lendingManager.id)).map((n) => n.kind)).toEqual(['loan.proposed'])
    const receiving = await inboxOf(w.receivingManager.id)
    expect(receiving.map((n) => [n.kind, n.link]).sort()).toEqual([
      ['request.helpProposed', `/units/${w.receiving.id}`],
      ['request.unfilled', `/units/${w.receiving.id}`],
    ])
    const unfilled = receiving.find((n) => n.kind === 'request.unfilled')!
    expect(notificationText(unfilled.kind, unfilled.params as never, 'sv').text).toContain(`v. ${isoWeek(lonely.startWeek)}–${isoWeek(lonely.endWeek)}`)

    const before = await prisma.notification.count()
    await runMatching(w.central, { timeLimitMs: 300 })
    expect(await prisma.notification.count()).toBe(before)
  })
})

describe('daily checks', () => {
  test('a certificate expiring within 30 days: the person and their manager, once per certificate and expiry', async () => {
    const w = await world()
    const soon = new Date(today().getTime() + 20 * 86_400_000)
    await prisma.staffSkill.updateMany({ where: { staffId: w.lender.id }, data: { evidence: 'CERTIFICATE', validUntil: soon } })
    const later = await createSkill()
    await prisma.staffSkill.create({
      data: { staffId: w.lender.id, skillId: later.id, level: 2, evidence: 'CERTIFICATE', validUntil: new Date(today().getTime() + 60 * 86_400_000) },
    })
    expect(await notifyExpiringCertificates()).toBe(2)
    expect(await notifyExpiringCertificates()).toBe(0)
    const [mine] = await inboxOf(w.person.id)
    expect(notificationText(mine.kind, mine.params as never, 'sv').title).toBe(`Intyg går ut: ${w.skill.nameSv}`)
    expect(notificationText(mine.kind, mine.params as never, 'en').title).toBe(`Certificate expiring: ${w.skill.nameEn}`)
    expect((await inboxOf(w.lendingManager.id)).map((n) => n.kind)).toEqual(['certificate.expiring'])
    // Renewed to a new date that is again near: told again.
    await prisma.staffSkill.updateMany({ where: { staffId: w.lender.id, skillId: w.skill.id }, data: { validUntil: new Date(soon.getTime() + 86_400_000) } })
    expect(await notifyExpiringCertificates()).toBe(2)
  })

  test('an open-case figure 14 days old: the unit’s managers, once per stale spell', async () => {
    const w = await world()
    await prisma.unit.updateMany({ data: { openCasesUpdatedAt: new Date() } })
    await prisma.unit.update({ where: { id: w.receiving.id }, data: { openCasesUpdatedAt: new Date(Date.now() - 15 * 86_400_000) } })
    expect(await notifyStaleCaseFigures()).toBe(1)
    expect(await notifyStaleCaseFigures()).toBe(0)
    expect((await inboxOf(w.receivingManager.id)).map((n) => n.kind)).toEqual(['caseFigure.stale'])
    expect(await inboxOf(w.lendingManager.id)).toEqual([])
    // Updated, then stale again: a new spell.
    await prisma.unit.update({ where: { id: w.receiving.id }, data: { openCasesUpdatedAt: new Date(Date.now() - 14.5 * 86_400_000) } })
    expect(await notifyStaleCaseFigures()).toBe(1)
  })
})

describe('the inbox', () => {
  test('each user reads and marks only their own', async () => {
    const w = await world()
    await approveLoan(w.central, w.loan.id)
    const person = await actorOf(w.person.id)
    const manager = await actorOf(w.receivingManager.id)
    const mine = await listNotifications(person)
    expect(mine).toMatchObject({ unread: 1, total: 1 })
    expect(mine.items[0].kind).toBe('loan.approved')
    // The manager marks the person's message: nothing happens to it.
    expect(await markNotificationsRead(manager, [mine.items[0].id])).toBe(0)
    expect(await unreadCount(person)).toBe(1)
    expect((await listNotifications(manager)).items.map((n) => n.id)).not.toContain(mine.items[0].id)
    expect(await markNotificationsRead(person, [mine.items[0].id])).toBe(1)
    expect(await unreadCount(person)).toBe(0)
    expect(await unreadCount(manager)).toBe(1)
    expect(await markNotificationsRead(manager, 'all')).toBe(1)
    expect(await unreadCount(manager)).toBe(0)
    await expect(
      markNotificationsRead(
        person,
        Array.from({ length: 101 }, (_, i) => `id${i}`),
      ),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', path: 'ids' })
  })
})
