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

    // The last loan of the first page is withdrawn meanwhile: the next page still holds all the rest.
    await prisma.loan.update({ where: { id: first.next! }, data: { status: 'CANCELLED' } })
    const after = (await open(central.id, `?after=${first.next}`)).page!
    expect(after.loans).toHaveLength(4)
    expect(after.paged).toBe(true)

    const lent = (await open(central.id, `?unit=${lending.id}`)).page!
    expect(lent.loans).toHaveLength(100)
    expect(lent.loans.every((l) => l.staff.unitId === lending.id)).toBe(true)
    expect((await open(central.id, `?unit=${elsewhere.unitId}`)).page!.loans.map((l) => l.id)).toEqual([other.id])
    // A starting point that is no loan shows the list from the top, as its first page.
    const top = (await open(central.id, '?after=gone')).page!
    expect(top.paged).toBe(false)
    expect(top.loans.slice(0, 99).map((l) => l.id)).toEqual(first.loans.slice(0, 99).map((l) => l.id))
    expect((await open(manager.id)).status).toBe(403)
  })
})
