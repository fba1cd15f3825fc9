// Manual bookings, answers and volunteering through the pages' actions: the refusals on the server, as a browser meets them.
import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { call, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { toYmd } from '~/utils/weeks'
import { action as bookAction } from './matching_.book'
import { action as profileAction } from './profile'
import { action as unitAction } from './units.$unitId'

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} })

describe('booking by hand on /matching/book', () => {
  test('a booking over the cap on the person is refused with the rule; a manager is refused with 403; a good one is booked', async () => {
    const { request: need, lender, users } = await consultWorld()
    const form = { requestId: need.id, staffId: lender.id, fte: '0,8', startWeek: toYmd(need.startWeek), endWeek: toYmd(need.endWeek) }
    const post = async (userId: string, values: Record<string, string>) =>
      call(async () => bookAction(args(request('/matching/book', { cookie: await sessionCookie(userId), form: values }))))

    const refused = await post(users.central.id, form)
    expect(refused.status).toBe(409)
    expect(JSON.stringify(await refused.json())).toContain('consult.broken.size')
    expect((await post(users.needManager.id, { ...form, fte: '0,5' })).status).toBe(403)
    const bad = await post(users.central.id, { ...form, fte: 'mycket' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('consult.errors.fte')
    expect(await prisma.loan.count({ where: { requestId: need.id } })).toBe(0)

    const booked = await post(users.central.id, { ...form, fte: '0,5' })
    expect(booked.status).toBe(302)
    expect(await prisma.loan.findFirstOrThrow({ where: { requestId: need.id } })).toMatchObject({ status: 'APPROVED', manual: true, fte10: 5 })
  })
})

describe('answering a proposal on the profile and the unit page', () => {
  test('the person answers on their profile; staff answering someone else’s proposal and a manager of another unit get 403', async () => {
    const { request: need, lender, slack, elsewhere, users } = await consultWorld()
    const loan = await prisma.loan.create({ data: { staffId: lender.id, requestId: need.id, fte10: 5, startWeek: need.startWeek, endWeek: need.endWeek } })
    const answer = { intent: 'answer', loanId: loan.id, answer: 'OBJECTION', comment: 'Utbildning vecka två' }
    const onProfile = async (userId: string) =>
      call(async () => profileAction(args(request('/profile', { cookie: await sessionCookie(userId), form: answer }))))
    const onUnit = async (userId: string, unitId: string) =>
      call(async () => unitAction(args(request(`/units/${unitId}`, { cookie: await sessionCookie(userId), form: { ...answer, answer: 'OK' } }), { unitId })))

    expect((await onProfile(users.colleague.id)).status).toBe(403)
    expect((await onUnit(users.otherManager.id, elsewhere.id)).status).toBe(403)
    expect(await prisma.proposalAnswer.count({ where: { loanId: loan.id } })).toBe(0)

    expect((await onProfile(users.lender.id)).status).toBe(302)
    expect((await onUnit(users.slackManager.id, slack.id)).status).toBe(302)
    const answers = await prisma.proposalAnswer.findMany({ where: { loanId: loan.id }, orderBy: { role: 'asc' }, select: { role: true, answer: true } })
    expect(answers.map((a) => `${a.role}:${a.answer}`).sort()).toEqual(['LENDING_MANAGER:OK', 'PERSON:OBJECTION'])
  })

  test('volunteering from the profile; a request that does not fit is refused with a message, nothing stored', async () => {
    const { request: need, users } = await consultWorld()
    const post = async (userId: string, intent: string) =>
      call(async () => profileAction(args(request('/profile', { cookie: await sessionCookie(userId), form: { intent, requestId: need.id } }))))
    expect((await post(users.lender.id, 'volunteer')).status).toBe(302)
    expect(await prisma.volunteer.count({ where: { requestId: need.id } })).toBe(1)
    const refused = await post(users.colleague.id, 'volunteer')
    expect(refused.status).toBe(302)
    expect(await prisma.volunteer.count({ where: { requestId: need.id } })).toBe(1)
    expect((await post(users.lender.id, 'withdraw-volunteer')).status).toBe(302)
    expect(await prisma.volunteer.count({ where: { requestId: need.id } })).toBe(0)
  })
})
