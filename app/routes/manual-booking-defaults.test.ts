// Booking by hand on /matching/book: the form's first week is the request's
// own start, or this week for a request already under way (a first week in the
// past is refused), and a booking with the weeks the form offers goes through.
import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { call, createRequest, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, toYmd, weekStart } from '~/utils/weeks'
import { action, loader } from './matching_.book'

type Options = { defaults: { startWeek: string; endWeek: string } | null }

async function formFor(userId: string, requestId: string) {
  const response = await call(async () => loader({ request: request(`/matching/book?requestId=${requestId}`, { cookie: await sessionCookie(userId) }), params: {}, context: {} }))
  return ((await response.json()) as Options).defaults
}

describe('the weeks a booking by hand starts with', () => {
  const thisWeek = () => weekStart(today())

  test('a request that began two weeks ago starts this week, and the booking with those weeks is made', async () => {
    const { need, lender, bbic, users } = await consultWorld()
    const begun = await createRequest({ unitId: need.id, fte10: 5, startInWeeks: -2, weeks: 6, skills: [{ skillId: bbic.id, minLevel: 2 }] })
    const defaults = await formFor(users.central.id, begun.id)
    expect(defaults).toEqual({ startWeek: toYmd(thisWeek()), endWeek: toYmd(addWeeks(thisWeek(), 3)) })
    const booked = await call(async () =>
      action({
        request: request('/matching/book', { cookie: await sessionCookie(users.central.id), form: { requestId: begun.id, staffId: lender.id, fte: '0,5', ...defaults! } }),
        params: {},
        context: {},
      }),
    )
    expect(booked.status).toBe(302)
    expect(await prisma.loan.findFirstOrThrow({ where: { requestId: begun.id } })).toMatchObject({ startWeek: thisWeek(), manual: true })
  })

  test('a request that starts in three weeks starts at its own first week', async () => {
    const { need, users } = await consultWorld()
    const future = await createRequest({ unitId: need.id, startInWeeks: 3, weeks: 4 })
    expect(await formFor(users.central.id, future.id)).toEqual({ startWeek: toYmd(addWeeks(thisWeek(), 3)), endWeek: toYmd(addWeeks(thisWeek(), 6)) })
  })

  test('a request that starts this week starts this week', async () => {
    const { need, users } = await consultWorld()
    const now = await createRequest({ unitId: need.id, startInWeeks: 0, weeks: 2 })
    expect((await formFor(users.central.id, now.id))?.startWeek).toBe(toYmd(thisWeek()))
  })
})
