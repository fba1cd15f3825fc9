// Central changes a decided loan from /loans: the new terms are kept, and a
// change that is malformed or breaks a rule is refused in words, changing nothing.
import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { call, request, sessionCookie } from '../../tests/factories'
import { bookLoan } from '~/models/loan-lifecycle.server'
import { prisma } from '~/utils/db.server'
import { getToast } from '~/utils/toast.server'
import { addWeeks, today, toYmd, weekStart } from '~/utils/weeks'
import { action } from './loans'

async function post(userId: string, form: Record<string, string>) {
  const response = await call(async () => action({ request: request('/loans', { cookie: await sessionCookie(userId), form }), params: {}, context: {} }))
  if (response.status !== 302) return { status: response.status }
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]
  return { status: 302, toast: (await getToast(new Request('http://localhost/', { headers: { Cookie: cookie } }))).toast }
}

describe('changing a loan on /loans', () => {
  test('central shortens an approved loan and changes its extent; bad or rule-breaking terms are refused, the loan unchanged', async () => {
    const { request: need, lender, actors, users } = await consultWorld()
    const loan = await bookLoan(actors.central, { staffId: lender.id, requestId: need.id, fte10: 5, startWeek: need.startWeek, endWeek: need.endWeek })
    const lastWeek = addWeeks(need.startWeek, 1)

    expect(await post(users.central.id, { intent: 'change', loanId: loan.id, fte: '0,3', startWeek: toYmd(need.startWeek), endWeek: toYmd(lastWeek) })).toMatchObject({
      toast: { type: 'success', message: 'consult.change.changed' },
    })
    expect(await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ fte10: 3, endWeek: lastWeek, status: 'APPROVED' })

    const refusals: [Record<string, string>, string][] = [
      [{ fte: '0,35' }, 'consult.errors.fte'],
      [{ fte: '0,9' }, 'consult.broken.size'],
      [{ endWeek: 'nästa vecka' }, 'consult.errors.week'],
      [{ endWeek: toYmd(addWeeks(need.endWeek, 1)) }, 'consult.broken.period'],
      [{ fte: '0,3' }, 'consult.errors.nothingChanged'],
    ]
    for (const [form, message] of refusals) {
      expect(await post(users.central.id, { intent: 'change', loanId: loan.id, ...form }), JSON.stringify(form)).toMatchObject({ toast: { type: 'error', message } })
    }
    expect(await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ fte10: 3, endWeek: lastWeek })
    expect(await prisma.auditLog.count({ where: { action: 'loan.change', entityId: loan.id } })).toBe(1)
  })

  test('a new extent for a loan under way applies from this week; its first week stays', async () => {
    const { request: need, lender, users } = await consultWorld()
    const begun = addWeeks(weekStart(today()), -2)
    await prisma.reinforcementRequest.update({ where: { id: need.id }, data: { startWeek: begun } })
    const active = await prisma.loan.create({ data: { staffId: lender.id, requestId: need.id, fte10: 3, startWeek: begun, endWeek: need.endWeek, status: 'ACTIVE' } })
    // The page sends no first week for a loan under way.
    expect(await post(users.central.id, { intent: 'change', loanId: active.id, fte: '0,2', endWeek: toYmd(need.endWeek) })).toMatchObject({ toast: { type: 'success' } })
    const loans = await prisma.loan.findMany({ where: { requestId: need.id }, orderBy: { startWeek: 'asc' }, select: { status: true, fte10: true, startWeek: true } })
    expect(loans).toEqual([
      { status: 'COMPLETED', fte10: 3, startWeek: begun },
      { status: 'ACTIVE', fte10: 2, startWeek: weekStart(today()) },
    ])
    expect(await post(users.central.id, { intent: 'change', loanId: active.id, fte: '0,1' })).toMatchObject({ toast: { type: 'error', message: 'consult.errors.notChangeable' } })
  })

  test('a change done closes its form (the page without ?change), a refused one leaves it open', async () => {
    const { request: need, lender, actors, users } = await consultWorld()
    const loan = await bookLoan(actors.central, { staffId: lender.id, requestId: need.id, fte10: 5, startWeek: need.startWeek, endWeek: need.endWeek })
    const cookie = await sessionCookie(users.central.id)
    const where = async (form: Record<string, string>) =>
      (await call(async () => action({ request: request(`/loans?status=APPROVED&change=${loan.id}`, { cookie, form }), params: {}, context: {} }))).headers.get('Location')
    expect(await where({ intent: 'change', loanId: loan.id, fte: '0,9' })).toBe(`/loans?status=APPROVED&change=${loan.id}`)
    expect(await where({ intent: 'change', loanId: loan.id, fte: '0,4' })).toBe('/loans?status=APPROVED')
  })

  test('a unit manager cannot change a loan', async () => {
    const { request: need, lender, actors, users } = await consultWorld()
    const loan = await bookLoan(actors.central, { staffId: lender.id, requestId: need.id, fte10: 5, startWeek: need.startWeek, endWeek: need.endWeek })
    expect((await post(users.needManager.id, { intent: 'change', loanId: loan.id, fte: '0,2' })).status).toBe(403)
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).fte10).toBe(5)
  })
})
