// The inbox, the e-mail setting and the calendar feed through their routes:
// each user sees and marks only their own messages; the feed opens without a
// session, is a calendar node-ical reads, and a wrong or renewed token is 404.
import type { LoaderFunctionArgs } from '@remix-run/node'
import ical from 'node-ical'
import { describe, expect, test } from 'vitest'
import { call, createRequest, createRoles, createStaff, createUnit, createUser, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { getActorById } from '~/utils/auth.server'
import { notify } from '~/models/notifications.server'
import { addWeeks, isoWeek, today, weekStart } from '~/utils/weeks'
import { action as accountAction, loader as accountLoader } from './account'
import { loader as calendarLoader } from './calendar.$file'
import { action as inboxAction, loader as inboxLoader } from './inbox'
import { action as profileAction, loader as profileLoader } from './profile'

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>
const get = (loader: Handler, path: string, cookie?: string) => call(() => loader({ request: request(path, { cookie }), params: {}, context: {} }))
const post = (action: Handler, path: string, cookie: string, form: Record<string, string>) =>
  call(() => action({ request: request(path, { cookie, form }), params: {}, context: {} }))
const feed = (file: string) => call(() => calendarLoader({ request: request(`/calendar/${file}`), params: { file }, context: {} }))

async function message(userId: string, unit: string) {
  await prisma.$transaction((tx) => notify(tx, [{ userId, kind: 'caseFigure.stale', params: { unit, date: new Date().toISOString() }, link: '/situation' }]))
  return prisma.notification.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } })
}

describe('the inbox page', () => {
  test('every role has one; each user sees and marks only their own', async () => {
    const { staffUser, manager, central } = await createRoles()
    const mine = await message(manager.id, 'Enhet Norr')
    const theirs = await message(central.id, 'Enhet Syd')
    await message(staffUser.id, 'Enhet Väst')
    const managerCookie = await sessionCookie(manager.id)
    const page = await (await get(inboxLoader, '/inbox', managerCookie)).json()
    expect(page.unread).toBe(1)
    expect(page.items.map((n: { id: string }) => n.id)).toEqual([mine.id])
    expect(page.items[0].title).toBe('Ärendesiffran för Enhet Norr behöver uppdateras')
    for (const user of [staffUser, central]) expect((await (await get(inboxLoader, '/inbox', await sessionCookie(user.id))).json()).unread).toBe(1)

    // Marking central's message from the manager's session changes nothing.
    expect((await post(inboxAction, '/inbox', managerCookie, { intent: 'read', id: theirs.id })).status).toBe(302)
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull()
    await post(inboxAction, '/inbox', managerCookie, { intent: 'read', id: mine.id })
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull()
    expect((await (await get(inboxLoader, '/inbox', managerCookie)).json()).unread).toBe(0)
    await post(inboxAction, '/inbox', await sessionCookie(central.id), { intent: 'read-all' })
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).not.toBeNull()
  })

  test('signed out: sent to sign in', async () => {
    const response = await get(inboxLoader, '/inbox')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login/)
  })

  test('e-mail can be turned off under Mitt konto; the inbox message still comes, no mail job', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    expect((await (await get(accountLoader, '/account', cookie)).json()).emailNotifications).toBe(true)
    expect((await post(accountAction, '/account', cookie, { intent: 'notifications' })).status).toBe(302)
    expect((await (await get(accountLoader, '/account', cookie)).json()).emailNotifications).toBe(false)
    const n = await message(user.id, 'Enhet Öst')
    const jobs = await prisma.job.findMany({ where: { name: 'notification.mail' } })
    expect(jobs.some((j) => j.payload.includes(n.id))).toBe(false)
    await post(accountAction, '/account', cookie, { intent: 'notifications', emailNotifications: 'on' })
    const again = await message(user.id, 'Enhet Öst')
    expect((await prisma.job.findMany({ where: { name: 'notification.mail' } })).some((j) => j.payload.includes(again.id))).toBe(true)
  })
})

describe('the calendar feed', () => {
  test('made on the profile page, opens without a session, lists approved and current loans Monday to Friday; renewed, the old address is 404', async () => {
    const unit = await createUnit({ name: 'Vuxenenheten' })
    const receiving = await createUnit({ name: 'Barn och familj Centrum' })
    const staff = await createStaff({ unitId: unit.id, firstName: 'Åsa' })
    const user = await createUser({ role: 'STAFF', staffId: staff.id })
    const request1 = await createRequest({ unitId: receiving.id, weeks: 2 })
    const monday = weekStart(today())
    await prisma.loan.create({
      data: { staffId: staff.id, requestId: request1.id, fte10: 5, startWeek: addWeeks(monday, 1), endWeek: addWeeks(monday, 2), status: 'APPROVED' },
    })
    await prisma.loan.create({ data: { staffId: staff.id, requestId: request1.id, fte10: 3, startWeek: monday, endWeek: monday, status: 'ACTIVE' } })
    await prisma.loan.create({
      data: { staffId: staff.id, requestId: request1.id, fte10: 2, startWeek: addWeeks(monday, 3), endWeek: addWeeks(monday, 3), status: 'PROPOSED' },
    })
    await prisma.loan.create({
      data: { staffId: staff.id, requestId: request1.id, fte10: 2, startWeek: addWeeks(monday, 4), endWeek: addWeeks(monday, 4), status: 'CANCELLED' },
    })
    const cookie = await sessionCookie(user.id)
    expect((await (await get(profileLoader, '/profile', cookie)).json()).calendarFeed).toBe(false)

    const created = await post(profileAction, '/profile', cookie, { intent: 'renew-calendar' })
    expect(created.headers.get('Cache-Control')).toBe('no-store')
    const { calendarUrl } = (await created.json()) as { calendarUrl: string }
    expect(calendarUrl).toMatch(/^http:\/\/localhost\/calendar\/[\w-]{43}\.ics$/)
    expect((await (await get(profileLoader, '/profile', cookie)).json()).calendarFeed).toBe(true)
    // Only a hash is stored.
    const token = calendarUrl.split('/').pop()!.replace('.ics', '')
    expect(JSON.stringify(await prisma.user.findUniqueOrThrow({ where: { id: user.id } }))).not.toContain(token)

    const response = await feed(`${token}.ics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const events = Object.values(ical.sync.parseICS(await response.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
    // The active week and the approved loan's two weeks; not the proposal, not the cancelled loan.
    expect(events).toHaveLength(3)
    const byStart = events.sort((a, b) => +a.start - +b.start)
    expect(byStart.map((e) => isoWeek(new Date(Date.UTC(e.start.getFullYear(), e.start.getMonth(), e.start.getDate()))))).toEqual(
      [0, 1, 2].map((n) => isoWeek(addWeeks(monday, n))),
    )
    for (const e of byStart) {
      expect(e.datetype).toBe('date')
      expect(e.start.getDay()).toBe(1) // Monday
      expect(e.end!.getDay()).toBe(6) // to Friday inclusive: the end date is exclusive
      expect(e.location).toBe('Barn och familj Centrum')
    }
    expect(byStart[0].summary).toMatch(/^Utlån till Barn och familj Centrum \(30\s%\)$/)
    expect(byStart[1].summary).toMatch(/50\s%/)

    await post(profileAction, '/profile', cookie, { intent: 'renew-calendar' })
    expect((await feed(`${token}.ics`)).status).toBe(404)
    expect((await feed('x'.repeat(43) + '.ics')).status).toBe(404)
    expect((await feed(token)).status).toBe(404)
  })

  test('an account without a staff record has no feed to make (refused on the server)', async () => {
    const central = await createUser({ role: 'CENTRAL' })
    const response = await post(profileAction, '/profile', await sessionCookie(central.id), { intent: 'renew-calendar' })
    expect(response.status).toBe(403)
    expect((await getActorById(central.id))!.staffId).toBeNull()
    expect((await prisma.user.findUniqueOrThrow({ where: { id: central.id } })).calendarTokenHash).toBeNull()
  })
})
