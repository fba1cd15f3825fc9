// `loans` and `requests` a page at a time: their history grows every year,
// and one answer must not grow with it. Paging through returns each once.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addWeeks } from '~/utils/weeks'
import { createRequest, createRoles, createStaff, createUnit } from '../tests/factories'
import { credentialsFor, gql } from './test-helpers'

const PAGE = 'query ($first: Int, $after: ID) { loans(first: $first, after: $after) { id startWeek } }'

async function sevenLoans() {
  const roles = await createRoles()
  const lending = await createUnit()
  const request = await createRequest({ unitId: roles.unit.id })
  const ids: string[] = []
  for (let i = 0; i < 7; i++) {
    const s = await createStaff({ unitId: lending.id })
    // Two share each first week, so the order needs its tie-breaks.
    const startWeek = addWeeks(request.startWeek, Math.floor(i / 2) % 2)
    const loan = await prisma.loan.create({ data: { staffId: s.id, requestId: request.id, fte10: 1, startWeek, endWeek: request.endWeek, status: 'COMPLETED' } })
    ids.push(loan.id)
  }
  return { ...roles, ids }
}

describe('loans, a page at a time', () => {
  test('pages of three, each after the last loan of the one before, hold every loan once, by first week', async () => {
    const { central, ids } = await sevenLoans()
    const credentials = await credentialsFor(central.id)
    const seen: { id: string; startWeek: string }[] = []
    const sizes: number[] = []
    let after: string | null = null
    for (;;) {
      const response = await gql(PAGE, { first: 3, after }, credentials)
      expect(response.errors).toEqual([])
      const page = response.data.loans as { id: string; startWeek: string }[]
      sizes.push(page.length)
      seen.push(...page)
      if (page.length < 3) break
      after = page[page.length - 1].id
    }
    expect(sizes).toEqual([3, 3, 1])
    expect(seen.map((l) => l.id).sort()).toEqual([...ids].sort())
    expect(seen.map((l) => l.startWeek)).toEqual([...seen.map((l) => l.startWeek)].sort())
  })

  test('without first, one page of up to 200 holds them all; a size out of range or an unknown loan is refused, naming the argument', async () => {
    const { central, manager, ids } = await sevenLoans()
    const credentials = await credentialsFor(central.id)
    expect((await gql(PAGE, {}, credentials)).data!.loans).toHaveLength(await prisma.loan.count())
    expect(ids).toHaveLength(7)
    for (const first of [0, 501]) {
      const response = await gql(PAGE, { first }, credentials)
      expect(response.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'first' }, message: 'Ange first som ett heltal från 1 till 500.' }])
    }
    expect((await gql(PAGE, { after: 'no-such-loan' }, credentials)).errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }])
    // A loan the caller may not see is no position either.
    const outsider = await createUnit()
    const request = await createRequest({ unitId: outsider.id })
    const hidden = await prisma.loan.create({
      data: { staffId: (await createStaff({ unitId: outsider.id })).id, requestId: request.id, fte10: 1, startWeek: request.startWeek, endWeek: request.endWeek, status: 'COMPLETED' },
    })
    const asManager = await credentialsFor(manager.id)
    expect((await gql(PAGE, { after: hidden.id }, asManager)).errors).toMatchObject([{ extensions: { field: 'after' } }])
    expect((await gql(PAGE, { after: ids[0] }, asManager)).errors).toEqual([])
  })
})

describe('requests, a page at a time', () => {
  test('pages of two hold every request the manager may see once; a request of another unit gives no position', async () => {
    const { unit, otherUnit, manager } = await createRoles()
    const mine: string[] = []
    for (let i = 0; i < 5; i++) mine.push((await createRequest({ unitId: unit.id })).id)
    const theirs = await createRequest({ unitId: otherUnit.id })
    const credentials = await credentialsFor(manager.id)
    const query = 'query ($after: ID) { requests(first: 2, after: $after) { id startWeek } }'
    const seen: string[] = []
    let after: string | null = null
    for (let n = 0; n < 10; n++) {
      const response = await gql(query, { after }, credentials)
      expect(response.errors).toEqual([])
      const page = response.data.requests as { id: string }[]
      seen.push(...page.map((r) => r.id))
      if (page.length < 2) break
      after = page[page.length - 1].id
    }
    expect(seen.sort()).toEqual([...mine].sort())
    expect((await gql(query, { after: theirs.id }, credentials)).errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }])
    expect((await gql('{ requests(first: 501) { id } }', {}, credentials)).errors).toMatchObject([{ extensions: { field: 'first' } }])
  })
})
