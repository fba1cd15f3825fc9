// /loans a page at a time, and for one unit: a large municipality has
// hundreds of loans in the weeks shown.
import { describe, expect, test } from 'vitest'
import { call, createRequest, createRoles, createStaff, createUnit, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { loader } from './loans'

type Page = { loans: { id: string; request: { unit: { id: string } }; staff: { unitId: string } }[]; next: string | null; paged: boolean }

async function open(userId: string, query = '') {
  const res = await call(async () => loader({ request: request(`/loans${query}`, { cookie: await sessionCookie(userId) }), params: {}, context: {} }))
  return { status: res.status, page: res.status === 200 ? ((await res.json()) as Page) : null }
}

describe('the loans page', () => {
  test('shows a hundred loans at a time, then the rest; a unit narrows to loans into or out of it', async () => {
    const { central, manager, unit } = await createRoles()
    const lending = await createUnit()
    const person = await createStaff({ unitId: lending.id })
    const need = await createRequest({ unitId: unit.id })
    await prisma.loan.createMany({
      data: Array.from({ length: 103 }, () => ({ staffId: person.id, requestId: need.id, fte10: 1, startWeek: need.startWeek, endWeek: need.endWeek, status: 'APPROVED' as const })),
    })
    const elsewhere = await createRequest({ unitId: (await createUnit()).id })
    const other = await prisma.loan.create({
      data: { staffId: (await createStaff()).id, requestId: elsewhere.id, fte10: 1, startWeek: elsewhere.startWeek, endWeek: elsewhere.endWeek, status: 'APPROVED' },
    })

    const first = (await open(central.id)).page!
    expect(first.loans).toHaveLength(100)
    expect(first.paged).toBe(false)
    const rest = (await open(central.id, `?after=${first.next}`)).page!
    expect(rest.loans).toHaveLength(4)
    expect(rest.next).toBeNull()
    expect(new Set([...first.loans, ...rest.loans].map((l) => l.id)).size).toBe(104)

    const lent = (await open(central.id, `?unit=${lending.id}&after=${first.next}`)).page!
    expect(lent.loans.every((l) => l.staff.unitId === lending.id)).toBe(true)
    expect((await open(central.id, `?unit=${elsewhere.unitId}`)).page!.loans.map((l) => l.id)).toEqual([other.id])
    // A stale starting point (the loan gone) shows the list from the top.
    expect((await open(central.id, '?after=gone')).page!.loans).toHaveLength(100)
    expect((await open(manager.id)).status).toBe(403)
  })
})
