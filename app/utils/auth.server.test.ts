import { describe, expect, test } from 'vitest'
import { call, createRoles, createUnit, createUser, request, sessionCookie, TEST_PASSWORD } from '../../tests/factories'
import { getUser, logout, requireRole, requireUnitManager, requireUser, verifyLogin } from './auth.server'
import { prisma } from './db.server'

describe('sign-in', () => {
  test('the right password signs in; a wrong one or an unknown e-mail does not', async () => {
    const user = await createUser({ email: 'anna.svensson@test.avlast.se' })
    expect(await verifyLogin('anna.svensson@test.avlast.se', TEST_PASSWORD)).toEqual({ id: user.id, twoFactor: false })
    expect(await verifyLogin('  ANNA.svensson@test.avlast.se ', TEST_PASSWORD)).toEqual({ id: user.id, twoFactor: false })
    expect(await verifyLogin('anna.svensson@test.avlast.se', 'fel-lösenord')).toBeNull()
    expect(await verifyLogin('okand@test.avlast.se', TEST_PASSWORD)).toBeNull()
  })

  test('passwords are stored as slow hashes, never in clear text', async () => {
    const user = await createUser()
    const { hash } = await prisma.password.findUniqueOrThrow({ where: { userId: user.id } })
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$/)
    expect(hash).not.toContain(TEST_PASSWORD)
  })
})

describe('sessions', () => {
  test('a live session identifies the user; an expired one does not', async () => {
    const user = await createUser()
    const live = await sessionCookie(user.id)
    expect((await getUser(request('/', { cookie: live })))?.id).toBe(user.id)
    const expired = await sessionCookie(user.id, new Date(Date.now() - 1000))
    expect(await getUser(request('/', { cookie: expired }))).toBeNull()
    // The expired one is gone from the server, the live one is kept.
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
  })

  test('a manager comes with the units they manage, by name', async () => {
    const [b, a] = [await createUnit({ name: 'B-enheten' }), await createUnit({ name: 'A-enheten' })]
    const manager = await createUser({ role: 'MANAGER', unitIds: [b.id, a.id] })
    const actor = await getUser(request('/', { cookie: await sessionCookie(manager.id) }))
    expect(actor).toMatchObject({ id: manager.id, role: 'MANAGER', managedUnitIds: [a.id, b.id] })
  })

  test('a tampered cookie is ignored', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    const [name, value] = cookie.split('=')
    const tampered = `${name}=${value.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`
    expect(await getUser(request('/', { cookie: tampered }))).toBeNull()
  })

  test('signing out ends the session on the server', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    const response = await logout(request('/logout', { cookie, form: {} }))
    expect(response.headers.get('Location')).toBe('/login')
    expect(await getUser(request('/', { cookie }))).toBeNull()
  })

  test('an expired session is sent to sign in again, with a note that it expired', async () => {
    const user = await createUser()
    const expired = await sessionCookie(user.id, new Date(Date.now() - 1000))
    const response = await call(() => requireUser(request('/situation', { cookie: expired })))
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fsituation&expired=1')
  })

  test('without a session every guarded request is sent to the sign-in page', async () => {
    const response = await call(() => requireUser(request('/situation?x=1')))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fsituation%3Fx%3D1')
  })
})

describe('role guards', () => {
  test('requireRole refuses other roles with 403', async () => {
    const { staffUser, manager, central } = await createRoles()
    const as = async (id: string) => request('/', { cookie: await sessionCookie(id) })
    expect((await call(async () => requireRole(await as(staffUser.id), 'CENTRAL'))).status).toBe(403)
    expect((await call(async () => requireRole(await as(manager.id), 'CENTRAL'))).status).toBe(403)
    expect((await requireRole(await as(central.id), 'CENTRAL')).id).toBe(central.id)
  })

  test('requireUnitManager accepts only a manager of that very unit', async () => {
    const { unit, staffUser, manager, otherManager, central } = await createRoles()
    const as = async (id: string) => request('/', { cookie: await sessionCookie(id) })
    expect((await requireUnitManager(await as(manager.id), unit.id)).id).toBe(manager.id)
    for (const refused of [staffUser, otherManager, central]) {
      expect((await call(async () => requireUnitManager(await as(refused.id), unit.id))).status).toBe(403)
    }
  })
})
