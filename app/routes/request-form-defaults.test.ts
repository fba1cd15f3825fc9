// The request forms are prefilled in the user's own number format: an English
// user reads and edits "0.2", a Swedish one "0,2".
import { describe, expect, test } from 'vitest'
import { call, createRequest, createUnit, createUser, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { loader as editLoader } from './requests.$requestId.edit'
import { loader as newLoader } from './units.$unitId_.requests.new'

type Defaults = { defaults: { fte: string; minChunk: string } }

async function managerIn(locale: 'sv' | 'en') {
  const unit = await createUnit()
  const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
  await prisma.user.update({ where: { id: manager.id }, data: { locale } })
  return { unit, cookie: await sessionCookie(manager.id) }
}

describe('the request forms’ prefilled numbers', () => {
  test.each([
    ['en', '0.2'],
    ['sv', '0,2'],
  ] as const)('a new request in %s suggests a smallest useful part of %s', async (locale, minChunk) => {
    const { unit, cookie } = await managerIn(locale)
    const response = await call(() => newLoader({ request: request(`/units/${unit.id}/requests/new`, { cookie }), params: { unitId: unit.id }, context: {} }))
    expect(((await response.json()) as Defaults).defaults.minChunk).toBe(minChunk)
  })

  test.each([
    ['en', '0.5', '0.2'],
    ['sv', '0,5', '0,2'],
  ] as const)('editing a request in %s shows %s FTE and %s as the smallest part', async (locale, fte, minChunk) => {
    const { unit, cookie } = await managerIn(locale)
    const need = await createRequest({ unitId: unit.id, fte10: 5, startInWeeks: 2 })
    const response = await call(() => editLoader({ request: request(`/requests/${need.id}/edit`, { cookie }), params: { requestId: need.id }, context: {} }))
    expect(((await response.json()) as Defaults).defaults).toMatchObject({ fte, minChunk })
  })
})
