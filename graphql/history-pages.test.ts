// `loans` and `requests` a page at a time: their history grows every year,
// and one answer must not grow with it. Paging through, in the order the rows
// were made, meets each once, even while rows change between pages.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addWeeks } from '~/utils/weeks'
import { createRequest, createRoles, createStaff, createUnit } from '../tests/factories'
import { credentialsFor, gql, type Credentials } from './test-helpers'

const LOANS = 'query ($first: Int, $after: ID, $status: LoanStatus) { loans(first: $first, after: $after, status: $status) { id } }'
const REQUESTS = 'query ($first: Int, $after: ID, $status: RequestStatus) { requests(first: $first, after: $after, status: $status) { id } }'

/** Every page of `query` (pages of `first`), and the ids met on each; `between` runs after each page. */
async function pageThrough(
  query: string,
  field: 'loans' | 'requests',
  credentials: Credentials,
  variables: Record<string, unknown>,
  between?: (ids: string[]) => Promise<void>,
) {
  const pages: string[][] = []
  let after: string | null = null
  for (let n = 0; n < 20; n++) {
    const response: Awaited<ReturnType<typeof gql>> = await gql(query, { ...variables, after }, credentials)
    expect(response.errors).toEqual([])
    const ids: string[] = (response.data as Record<string, { id: string }[]>)[field].map((r) => r.id)
    pages.push(ids)
    if (ids.length < (variables.first as number)) break
    after = ids[ids.length - 1]
    await between?.(ids)
  }
  return pages
}

async function loanWorld(n: number) {
  const roles = await createRoles()
  const lending = await createUnit()
  const person = await createStaff({ unitId: lending.id })
  const request = await createRequest({ unitId: roles.unit.id })
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    // Made in one order, with first weeks in another.
    const startWeek = addWeeks(request.startWeek, (n - i) % 3)
    ids.push(
      (await prisma.loan.create({ data: { staffId: person.id, requestId: request.id, fte10: 1, startWeek, endWeek: request.endWeek, status: 'APPROVED' } })).id,
    )
  }
  return { ...roles, request, ids }
}

describe('loans, a page at a time', () => {
  test('every loan once, in the order made, though the last of a page is cancelled and another moved to other weeks in between', async () => {
    const { central, ids } = await loanWorld(7)
    const credentials = await credentialsFor(central.id)
    const pages = await pageThrough(LOANS, 'loans', credentials, { first: 3, status: 'APPROVED' }, async (page) => {
      // Between pages: the cursor's own loan leaves the filter, and a loan not yet read gets other weeks.
      await prisma.loan.update({ where: { id: page[page.length - 1] }, data: { status: 'CANCELLED' } })
      const unread = ids.find((id) => !page.includes(id) && id !== ids[0])!
      await prisma.loan.update({ where: { id: unread }, data: { startWeek: addWeeks(new Date(), -50) } })
    })
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1])
    expect(pages.flat()).toEqual(ids)
  })

  test('without first, a page of 200; a size out of range, an unknown loan or one the caller may not see is refused, naming the argument', async () => {
    const { central, manager, ids, request } = await loanWorld(1)
    const person = await prisma.loan.findUniqueOrThrow({ where: { id: ids[0] }, select: { staffId: true } })
    await prisma.loan.createMany({
      data: Array.from({ length: 200 }, () => ({
        ...person,
        requestId: request.id,
        fte10: 1,
        startWeek: request.startWeek,
        endWeek: request.endWeek,
        status: 'COMPLETED' as const,
      })),
    })
    const credentials = await credentialsFor(central.id)
    expect((await gql(LOANS, {}, credentials)).data!.loans).toHaveLength(200)
    expect((await gql(LOANS, { first: 500 }, credentials)).data!.loans).toHaveLength(await prisma.loan.count())
    for (const first of [0, 501]) {
      const response = await gql(LOANS, { first }, credentials)
      expect(response.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'first' }, message: 'Ange first som ett heltal från 1 till 500.' }])
    }
    expect((await gql(LOANS, { after: 'no-such-loan' }, credentials)).errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }])
    const outsider = await createUnit()
    const elsewhere = await createRequest({ unitId: outsider.id })
    const hidden = await prisma.loan.create({
      data: {
        staffId: (await createStaff({ unitId: outsider.id })).id,
        requestId: elsewhere.id,
        fte10: 1,
        startWeek: elsewhere.startWeek,
        endWeek: elsewhere.endWeek,
        status: 'COMPLETED',
      },
    })
    const asManager = await credentialsFor(manager.id)
    expect((await gql(LOANS, { after: hidden.id }, asManager)).errors).toMatchObject([{ extensions: { field: 'after' } }])
    expect((await gql(LOANS, { after: ids[0] }, asManager)).errors).toEqual([])
  })
})

describe('requests, a page at a time', () => {
  test('every open request the manager may see once, though the last of a page is cancelled in between; another unit’s gives no position', async () => {
    const { unit, otherUnit, manager } = await createRoles()
    const mine: string[] = []
    for (let i = 0; i < 5; i++) mine.push((await createRequest({ unitId: unit.id, startInWeeks: 5 - i })).id)
    const theirs = await createRequest({ unitId: otherUnit.id })
    const credentials = await credentialsFor(manager.id)
    const pages = await pageThrough(REQUESTS, 'requests', credentials, { first: 2, status: 'OPEN' }, async (page) => {
      await prisma.reinforcementRequest.update({ where: { id: page[page.length - 1] }, data: { status: 'CANCELLED' } })
    })
    expect(pages.flat()).toEqual(mine)
    expect((await gql(REQUESTS, { after: theirs.id }, credentials)).errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }])
    expect((await gql('{ requests(first: 501) { id } }', {}, credentials)).errors).toMatchObject([{ extensions: { field: 'first' } }])
  })
})
