import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { InputError, NotFoundError } from '~/utils/errors'
import { createStaff, createUnit, createUser } from '../../tests/factories'
import { authenticateApiToken, createApiToken, listApiTokens, MAX_ACTIVE_TOKENS, revokeApiToken } from './api-tokens.server'

async function actor(role: 'STAFF' | 'MANAGER' | 'CENTRAL' = 'STAFF') {
  return (await getActorById((await createUser({ role })).id))!
}

describe('API tokens', () => {
  test('the plaintext is returned once; only its SHA-256 and a prefix are stored; creation is audited', async () => {
    const user = await actor()
    const { token, apiToken } = await createApiToken(user, '  Lönesystemet  ')
    expect(token).toMatch(/^avl_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({ name: 'Lönesystemet', prefix: token.slice(0, 12), lastUsedAt: null })
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'apiToken.create', entityId: apiToken.id } })
    expect(entry).toMatchObject({ actorId: user.id, after: { name: 'Lönesystemet', prefix: apiToken.prefix } })
    expect(JSON.stringify(entry)).not.toContain(token)
    expect(await listApiTokens(user)).toEqual([apiToken])
  })

  test('a token authenticates its user, exactly as getActorById sees them; another user’s list does not show it', async () => {
    const units = [await createUnit({ name: 'Öst' }), await createUnit({ name: 'Norr' }), await createUnit({ name: 'Aspudden' })]
    const manager = await createUser({ role: 'MANAGER', unitIds: units.map((u) => u.id) })
    const user = (await getActorById(manager.id))!
    expect(user.managedUnitIds).toEqual([units[2].id, units[1].id, units[0].id])
    const other = await actor()
    const { token } = await createApiToken(user, 'HR')
    expect((await authenticateApiToken(token))?.actor).toEqual(user)
    expect(await listApiTokens(other)).toEqual([])
    const staff = await createStaff()
    const staffUser = (await getActorById((await createUser({ staffId: staff.id })).id))!
    expect(await authenticateApiToken((await createApiToken(staffUser, 'HR')).token)).toEqual({ actor: staffUser, readOnly: false })
  })

  test('unknown and malformed tokens authenticate nobody', async () => {
    for (const token of ['', 'avl_', `avl_${'x'.repeat(43)}`, `avl_${'x'.repeat(44)}`, 'Bearer avl_abc', `${'a'.repeat(10_000)}`]) {
      expect(await authenticateApiToken(token)).toBeNull()
    }
  })

  test('revoking stops the token at once, is audited, and only works on one’s own tokens', async () => {
    const user = await actor()
    const other = await actor()
    const { token, apiToken } = await createApiToken(user, 'HR')
    await expect(revokeApiToken(other, apiToken.id)).rejects.toBeInstanceOf(NotFoundError)
    expect(await authenticateApiToken(token)).not.toBeNull()
    await revokeApiToken(user, apiToken.id)
    expect(await authenticateApiToken(token)).toBeNull()
    expect(await listApiTokens(user)).toEqual([])
    expect(await prisma.auditLog.count({ where: { action: 'apiToken.revoke', entityId: apiToken.id, actorId: user.id } })).toBe(1)
    await expect(revokeApiToken(user, apiToken.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('names are required and short; at most ten tokens in force', async () => {
    const user = await actor()
    await expect(createApiToken(user, '   ')).rejects.toMatchObject({ path: 'name', message: 'api.tokens.nameRequired' })
    await expect(createApiToken(user, 'x'.repeat(61))).rejects.toMatchObject({ path: 'name', message: 'api.tokens.nameTooLong' })
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await createApiToken(user, `System ${i}`)
    await expect(createApiToken(user, 'En för mycket')).rejects.toBeInstanceOf(InputError)
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(MAX_ACTIVE_TOKENS)
    await revokeApiToken(user, (await listApiTokens(user))[0].id)
    await expect(createApiToken(user, 'Nu går det')).resolves.toMatchObject({ apiToken: { name: 'Nu går det' } })
  })

  test('a deleted user’s tokens go with them', async () => {
    const user = await actor()
    const { token } = await createApiToken(user, 'HR')
    await prisma.user.delete({ where: { id: user.id } })
    expect(await authenticateApiToken(token)).toBeNull()
  })
})
