// Integration accounts: tokens that belong to a system, with a scope and an
// expiry, created and revoked by central only, used over the real API.
import { describe, expect, test } from 'vitest'
import { createIntegration, createIntegrationToken, deactivateIntegration, listIntegrations, revokeIntegrationToken } from '~/models/integrations.server'
import { getActorById, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { ForbiddenError } from '~/utils/errors'
import { toYmd, today } from '~/utils/weeks'
import { createRoles } from '../tests/factories'
import { codes, gql } from './test-helpers'

const actorOf = async (id: string) => (await getActorById(id))!
const inDays = (days: number) => toYmd(new Date(today().getTime() + days * 86_400_000))
const SET_CASES = 'mutation ($id: ID!) { setUnitOpenCases(unitId: $id, openCases: 42) { openCases } }'

describe('integration accounts', () => {
  test('a read-only token reads but every mutation is FORBIDDEN; a role token acts with the integration’s role', async () => {
    const { central, unit } = await createRoles()
    const admin = await actorOf(central.id)
    const integration = await createIntegration(admin, { name: 'Verksamhetssystemet', role: 'MANAGER', managedUnitIds: [unit.id] })
    expect(integration.email).toMatch(/^verksamhetssystemet\.[0-9a-f]{6}@integration\.avlast\.invalid$/)
    const reader = await createIntegrationToken(admin, { integrationId: integration.id, name: 'Läs', scope: 'READ_ONLY', expiresOn: inDays(30) })
    const writer = await createIntegrationToken(admin, { integrationId: integration.id, name: 'Skriv', scope: 'ROLE', expiresOn: inDays(30) })

    const read = await gql('{ me { name role managedUnits { id } } }', {}, { token: reader.token })
    expect(read.data.me).toEqual({ name: 'Verksamhetssystemet', role: 'MANAGER', managedUnits: [{ id: unit.id }] })
    const refused = await gql(SET_CASES, { id: unit.id }, { token: reader.token })
    expect(codes(refused.errors)).toEqual(['FORBIDDEN'])
    expect(refused.errors[0].message).toContain('får bara läsa')
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).openCases).toBe(100)
    const written = await gql(SET_CASES, { id: unit.id }, { token: writer.token })
    expect(written.errors).toEqual([])
    expect(written.data.setUnitOpenCases).toEqual({ openCases: 42 })

    // The list shows scope, expiry and when each token was last used.
    const [listed] = (await listIntegrations(admin)).filter((i) => i.id === integration.id)
    expect(listed.apiTokens.map((t) => [t.name, t.scope, Boolean(t.lastUsedAt)])).toEqual([
      ['Skriv', 'ROLE', true],
      ['Läs', 'READ_ONLY', true],
    ])
    // An integration never signs in on the web.
    expect(await verifyLogin(integration.email, 'whatever-it-is-123')).toBeNull()
  })

  test('an expired token stops; a revoked one and a deactivated integration’s stop at once', async () => {
    const { central, unit } = await createRoles()
    const admin = await actorOf(central.id)
    const integration = await createIntegration(admin, { name: 'HR', role: 'CENTRAL' })
    const token = await createIntegrationToken(admin, { integrationId: integration.id, name: 'Natt', scope: 'ROLE', expiresOn: inDays(1) })
    expect((await gql('{ me { id } }', {}, { token: token.token })).status).toBe(200)
    await prisma.apiToken.update({ where: { id: token.apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await gql('{ me { id } }', {}, { token: token.token })
    expect([expired.status, codes(expired.errors)]).toEqual([401, ['UNAUTHENTICATED']])

    const second = await createIntegrationToken(admin, { integrationId: integration.id, name: 'Dag', scope: 'ROLE', expiresOn: inDays(10) })
    await revokeIntegrationToken(admin, second.apiToken.id)
    expect((await gql('{ me { id } }', {}, { token: second.token })).status).toBe(401)
    const third = await createIntegrationToken(admin, { integrationId: integration.id, name: 'Kväll', scope: 'READ_ONLY', expiresOn: inDays(10) })
    await deactivateIntegration(admin, integration.id)
    expect((await gql('{ units { id } }', {}, { token: third.token })).status).toBe(401)
    expect(unit.id).toBeTruthy()
    expect(await prisma.auditLog.count({ where: { action: { in: ['integration.create', 'integration.deactivate'] }, entityId: integration.id } })).toBe(2)
  })

  test('bad input names its field; managers and staff may not create or revoke', async () => {
    const { central, manager, staffUser } = await createRoles()
    const admin = await actorOf(central.id)
    const integration = await createIntegration(admin, { name: 'HR', role: 'CENTRAL' })
    await expect(createIntegration(admin, { name: '', role: 'CENTRAL' })).rejects.toMatchObject({ path: 'name' })
    await expect(createIntegration(admin, { name: 'X', role: 'STAFF' })).rejects.toMatchObject({ path: 'role' })
    await expect(createIntegration(admin, { name: 'X', role: 'MANAGER' })).rejects.toMatchObject({ path: 'managedUnitIds' })
    await expect(createIntegrationToken(admin, { integrationId: integration.id, name: 'T', scope: 'ROLE', expiresOn: inDays(0) })).rejects.toMatchObject({
      path: 'expiresOn',
    })
    await expect(createIntegrationToken(admin, { integrationId: integration.id, name: 'T', scope: 'ROLE', expiresOn: inDays(800) })).rejects.toMatchObject({
      path: 'expiresOn',
    })
    await expect(createIntegrationToken(admin, { integrationId: integration.id, name: 'T', scope: 'ALL', expiresOn: inDays(5) })).rejects.toMatchObject({
      path: 'scope',
    })
    const token = await createIntegrationToken(admin, { integrationId: integration.id, name: 'T', scope: 'ROLE', expiresOn: inDays(5) })
    for (const id of [manager.id, staffUser.id]) {
      const actor = await actorOf(id)
      await expect(createIntegration(actor, { name: 'X', role: 'CENTRAL' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(createIntegrationToken(actor, { integrationId: integration.id, name: 'T', scope: 'ROLE', expiresOn: inDays(5) })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
      await expect(revokeIntegrationToken(actor, token.apiToken.id)).rejects.toBeInstanceOf(ForbiddenError)
      await expect(listIntegrations(actor)).rejects.toBeInstanceOf(ForbiddenError)
    }
  })
})
