// User administration over the API: central only (FORBIDDEN for managers and
// staff, nothing written), bad input names its field, and a deactivated
// account's token and session stop at once.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createRoles, createStaff, createUnit, createUser, sessionCookie } from '../tests/factories'
import { codes, credentialsFor, expectNothingWritten, gql } from './test-helpers'

const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email role active hasPassword twoFactor managedUnits { id } staff { id } } }`
const UPDATE = `mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role managedUnits { id } staff { id } } }`

describe('users and their mutations', () => {
  test('managers and staff are FORBIDDEN every query and mutation, and nothing is written', async () => {
    const { staffUser, manager, central } = await createRoles()
    for (const userId of [staffUser.id, manager.id]) {
      for (const via of ['token', 'cookie'] as const) {
        const credentials = await credentialsFor(userId, via)
        await expectNothingWritten(async () => {
          expect(codes((await gql('{ users { id } }', {}, credentials)).errors)).toEqual(['FORBIDDEN'])
          expect(codes((await gql(CREATE, { input: { email: 'ny@kommun.se', name: 'Ny', role: 'CENTRAL' } }, credentials)).errors)).toEqual(['FORBIDDEN'])
          expect(codes((await gql(UPDATE, { id: userId, input: { role: 'CENTRAL' } }, credentials)).errors)).toEqual(['FORBIDDEN'])
          expect(codes((await gql('mutation ($id: ID!) { deactivateUser(id: $id) { id } }', { id: central.id }, credentials)).errors)).toEqual(['FORBIDDEN'])
          expect(codes((await gql('mutation ($id: ID!) { issueSetPasswordLink(id: $id) { url } }', { id: central.id }, credentials)).errors)).toEqual([
            'FORBIDDEN',
          ])
        })
      }
    }
  })

  test('central creates a manager of two units who is also staff, lists and changes them', async () => {
    const { central } = await createRoles()
    const credentials = await credentialsFor(central.id)
    const [a, b] = [await createUnit({ name: 'A-enheten' }), await createUnit({ name: 'B-enheten' })]
    const staff = await createStaff({ unitId: a.id })
    const created = await gql(
      CREATE,
      { input: { email: 'Chef.Ny@Kommun.se', name: 'Chef Ny', role: 'MANAGER', managedUnitIds: [b.id, a.id], staffEmail: staff.email } },
      credentials,
    )
    expect(created.errors).toEqual([])
    expect(created.data.createUser).toMatchObject({
      email: 'chef.ny@kommun.se',
      role: 'MANAGER',
      active: true,
      hasPassword: false,
      twoFactor: false,
      managedUnits: [{ id: a.id }, { id: b.id }],
      staff: { id: staff.id },
    })
    const id = created.data.createUser.id
    const listed = await gql('query ($q: String) { users(search: $q) { id name } }', { q: 'chef ny' }, credentials)
    expect(listed.data.users).toEqual([{ id, name: 'Chef Ny' }])
    const updated = await gql(UPDATE, { id, input: { managedUnitIds: [a.id], staffEmail: null } }, credentials)
    expect(updated.data.updateUser).toEqual({ id, role: 'MANAGER', managedUnits: [{ id: a.id }], staff: null })
    const link = await gql('mutation ($id: ID!) { issueSetPasswordLink(id: $id) { url expiresAt } }', { id }, credentials)
    expect(link.data.issueSetPasswordLink.url).toMatch(/^http:\/\/localhost\/set-password\/[A-Za-z0-9_-]{43}$/)
  })

  test('a search for % or _ finds those characters, not every account', async () => {
    const { central } = await createRoles()
    const credentials = await credentialsFor(central.id)
    const underscore = await createUser({ role: 'STAFF', email: 'anna_berg@kommun.se', name: 'Anna Berg' })
    await createUser({ role: 'STAFF', email: 'anna.berg@kommun.se', name: 'Anna Berg' })
    const search = async (q: string) => ((await gql('query ($q: String) { users(search: $q) { id } }', { q }, credentials)).data.users as { id: string }[]).map((u) => u.id)
    expect(await search('%')).toEqual([])
    expect(await search('_')).toEqual([underscore.id])
    expect(await search('anna_berg')).toEqual([underscore.id])
    expect(await search('100%')).toEqual([])
    expect(await search('\\')).toEqual([])
  })

  test('bad input is BAD_USER_INPUT naming the field under input, and writes nothing', async () => {
    const { central, unit } = await createRoles()
    const credentials = await credentialsFor(central.id)
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'inte-en-adress', name: 'N', role: 'STAFF' }, 'input.email'],
      [{ email: central.email, name: 'N', role: 'STAFF' }, 'input.email'],
      [{ email: 'ny@kommun.se', name: '', role: 'STAFF' }, 'input.name'],
      [{ email: 'ny@kommun.se', name: 'N', role: 'MANAGER' }, 'input.managedUnitIds'],
      [{ email: 'ny@kommun.se', name: 'N', role: 'STAFF', managedUnitIds: [unit.id] }, 'input.managedUnitIds'],
      [{ email: 'ny@kommun.se', name: 'N', role: 'STAFF', staffEmail: 'ingen@kommun.se' }, 'input.staffEmail'],
    ]
    await expectNothingWritten(async () => {
      for (const [input, field] of cases) {
        const response = await gql(CREATE, { input }, credentials)
        expect(
          response.errors.map((e) => e.extensions),
          JSON.stringify(input),
        ).toMatchObject([{ code: 'BAD_USER_INPUT', field }])
      }
    })
  })

  test('deactivateUser ends the person’s token and session at once; reactivateUser lets them sign in again', async () => {
    const { central, manager } = await createRoles()
    const admin = await credentialsFor(central.id)
    const token = await credentialsFor(manager.id)
    const cookie = { cookie: await sessionCookie(manager.id), origin: 'http://localhost' }
    expect((await gql('{ me { id } }', {}, cookie)).data.me.id).toBe(manager.id)
    const off = await gql('mutation ($id: ID!) { deactivateUser(id: $id) { id active deactivatedAt } }', { id: manager.id }, admin)
    expect(off.data.deactivateUser).toMatchObject({ id: manager.id, active: false, deactivatedAt: expect.any(String) })
    const refused = await gql('{ me { id } }', {}, token)
    expect(refused.status).toBe(401)
    expect(codes(refused.errors)).toEqual(['UNAUTHENTICATED'])
    expect(codes((await gql('{ me { id } }', {}, cookie)).errors)).toEqual(['UNAUTHENTICATED'])
    expect((await gql('query { users(status: INACTIVE) { id } }', {}, admin)).data.users).toEqual([{ id: manager.id }])
    expect((await gql('mutation ($id: ID!) { reactivateUser(id: $id) { active } }', { id: manager.id }, admin)).data.reactivateUser).toEqual({ active: true })
    expect(await prisma.auditLog.count({ where: { entityId: manager.id, action: { in: ['user.deactivate', 'user.reactivate'] } } })).toBe(2)
  })

  test('a deactivated central user’s token and session are refused createUser and users (UNAUTHENTICATED), and nothing is written', async () => {
    const { central } = await createRoles()
    const other = await createUser({ role: 'CENTRAL' })
    const token = await credentialsFor(other.id)
    const cookie = { cookie: await sessionCookie(other.id), origin: 'http://localhost' }
    expect(codes((await gql('mutation ($id: ID!) { deactivateUser(id: $id) { active } }', { id: other.id }, await credentialsFor(central.id))).errors)).toEqual(
      [],
    )
    await expectNothingWritten(async () => {
      for (const credentials of [token, cookie]) {
        const created = await gql(CREATE, { input: { email: 'ny@kommun.se', name: 'Ny', role: 'CENTRAL' } }, credentials)
        expect(codes(created.errors)).toEqual(['UNAUTHENTICATED'])
        expect(codes((await gql('{ users { id } }', {}, credentials)).errors)).toEqual(['UNAUTHENTICATED'])
      }
    })
  })

  test('me tells its own sign-in methods', async () => {
    const { staffUser } = await createRoles()
    expect((await gql('{ me { active hasPassword twoFactor } }', {}, await credentialsFor(staffUser.id))).data.me).toEqual({
      active: true,
      hasPassword: true,
      twoFactor: false,
    })
  })
})
