import { describe, expect, test } from 'vitest'
import { authenticateApiToken, createApiToken } from '~/models/api-tokens.server'
import { getActorById, getUser, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import { createRoles, createStaff, createUnit, createUser as createUserRow, request, sessionCookie, TEST_PASSWORD } from '../../tests/factories'
import { createUser, deactivateUser, getUserAccount, listUsers, reactivateUser, updateUser } from './users.server'

const actorOf = async (id: string) => (await getActorById(id))!

async function central() {
  return actorOf((await createUserRow({ role: 'CENTRAL' })).id)
}

async function inputError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(InputError)
  return { field: (error as InputError).path, message: (error as InputError).message }
}

describe('creating users', () => {
  test('central creates a manager of two units linked to their staff record; audited without personal data', async () => {
    const admin = await central()
    const [a, b] = [await createUnit({ name: 'Barn Norr' }), await createUnit({ name: 'Barn Syd' })]
    const staff = await createStaff({ unitId: a.id })
    const user = await createUser(admin, { email: ' Karin.Holm@Kommun.se ', name: 'Karin Holm', role: 'MANAGER', managedUnitIds: [b.id, a.id], staffEmail: staff.email })
    expect(user).toMatchObject({ email: 'karin.holm@kommun.se', role: 'MANAGER', staffId: staff.id, active: true, hasPassword: false, managedUnits: [{ id: a.id, name: 'Barn Norr' }, { id: b.id, name: 'Barn Syd' }] })
    // A manager who is also staff keeps the staff profile.
    expect(await actorOf(user.id)).toMatchObject({ role: 'MANAGER', staffId: staff.id, managedUnitIds: [a.id, b.id] })
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: user.id } })
    expect(entry).toMatchObject({ actorId: admin.id, after: { role: 'MANAGER', staffId: staff.id, password: false } })
    expect(JSON.stringify(entry)).not.toMatch(/karin|Holm/i)
  })

  test('bad input names its field and writes nothing', async () => {
    const admin = await central()
    const unit = await createUnit()
    const taken = await createUserRow()
    const linked = await createStaff()
    await createUserRow({ staffId: linked.id })
    const before = await prisma.user.count()
    const cases: [Parameters<typeof createUser>[1], string, string][] = [
      [{ email: 'inte-en-adress', name: 'A', role: 'STAFF' }, 'email', 'accounts.errors.emailInvalid'],
      [{ email: taken.email.toUpperCase(), name: 'A', role: 'STAFF' }, 'email', 'accounts.errors.emailTaken'],
      [{ email: 'ny@kommun.se', name: ' ', role: 'STAFF' }, 'name', 'accounts.errors.nameRequired'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'ADMIN' as 'STAFF' }, 'role', 'accounts.errors.roleInvalid'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'MANAGER' }, 'managedUnitIds', 'accounts.errors.unitsRequired'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'STAFF', managedUnitIds: [unit.id] }, 'managedUnitIds', 'accounts.errors.unitsOnlyForManagers'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'MANAGER', managedUnitIds: ['nope'] }, 'managedUnitIds', 'accounts.errors.unitUnknown'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'STAFF', staffEmail: 'ingen@kommun.se' }, 'staffEmail', 'accounts.errors.staffUnknown'],
      [{ email: 'ny@kommun.se', name: 'A', role: 'STAFF', staffEmail: linked.email }, 'staffEmail', 'accounts.errors.staffLinked'],
    ]
    for (const [values, field, message] of cases) expect(await inputError(createUser(admin, values)), JSON.stringify(values)).toEqual({ field, message })
    expect(await inputError(createUser(admin, { email: 'ny@kommun.se', name: 'A', role: 'CENTRAL' }, { password: 'kort' }))).toEqual({ field: 'password', message: 'accounts.password.tooShort' })
    expect(await inputError(createUser(admin, { email: 'ny@kommun.se', name: 'A', role: 'CENTRAL' }, { password: 'password1234' }))).toEqual({ field: 'password', message: 'accounts.password.tooCommon' })
    expect(await prisma.user.count()).toBe(before)
  })

  test('with a password the new user signs in; managers and staff may not create users', async () => {
    const { manager, staffUser } = await createRoles()
    const admin = await central()
    const user = await createUser(admin, { email: 'ny.central@kommun.se', name: 'Ny Central', role: 'CENTRAL' }, { password: 'Blåbär-i-Skogen-42' })
    expect(user.hasPassword).toBe(true)
    expect(await verifyLogin('ny.central@kommun.se', 'Blåbär-i-Skogen-42')).toEqual({ id: user.id, twoFactor: false })
    for (const id of [manager.id, staffUser.id]) {
      const actor = await actorOf(id)
      await expect(createUser(actor, { email: 'x@kommun.se', name: 'X', role: 'STAFF' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError)
      await expect(updateUser(actor, user.id, { role: 'STAFF' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(deactivateUser(actor, user.id)).rejects.toBeInstanceOf(ForbiddenError)
    }
  })
})

describe('listing and changing users', () => {
  test('search by words of the name or e-mail, whatever the case; integrations are not listed', async () => {
    const admin = await central()
    const a = await createUser(admin, { email: 'asa.oberg@kommun.se', name: 'Åsa Öberg', role: 'STAFF' })
    await createUser(admin, { email: 'bo.ek@kommun.se', name: 'Bo Ek', role: 'STAFF' })
    await prisma.user.create({ data: { email: 'hr.x@integration.avlast.invalid', name: 'Åsa-systemet', kind: 'INTEGRATION', role: 'CENTRAL' } })
    expect((await listUsers(admin, { q: 'åsa' })).map((u) => u.id)).toEqual([a.id])
    expect((await listUsers(admin, { q: 'ÖBERG' })).map((u) => u.id)).toEqual([a.id])
    expect((await listUsers(admin, { q: 'oberg@' })).map((u) => u.id)).toEqual([a.id])
    expect((await listUsers(admin, { q: 'ek kommun' })).map((u) => u.name)).toEqual(['Bo Ek'])
  })

  test('role and units change at the user’s next request; the change is audited', async () => {
    const admin = await central()
    const [a, b] = [await createUnit({ name: 'A' }), await createUnit({ name: 'B' })]
    const user = await createUserRow({ role: 'STAFF' })
    const cookie = await sessionCookie(user.id)
    await updateUser(admin, user.id, { role: 'MANAGER', managedUnitIds: [a.id, b.id] })
    expect(await getUser(request('/', { cookie }))).toMatchObject({ role: 'MANAGER', managedUnitIds: [a.id, b.id] })
    await updateUser(admin, user.id, { managedUnitIds: [b.id] })
    expect((await getUser(request('/', { cookie })))?.managedUnitIds).toEqual([b.id])
    const entries = await prisma.auditLog.findMany({ where: { action: 'user.update', entityId: user.id }, orderBy: { at: 'asc' } })
    expect(entries.map((e) => e.after)).toEqual([
      { role: 'MANAGER', unitIds: [a.id, b.id].sort() },
      { unitIds: [b.id] },
    ])
    expect(await inputError(updateUser(admin, user.id, { role: 'STAFF' }))).toEqual({ field: 'managedUnitIds', message: 'accounts.errors.unitsOnlyForManagers' })
    const unchanged = await prisma.auditLog.count()
    await updateUser(admin, user.id, { role: 'MANAGER', managedUnitIds: [b.id] })
    expect(await prisma.auditLog.count()).toBe(unchanged)
  })

  test('the staff link can be set and removed', async () => {
    const admin = await central()
    const staff = await createStaff()
    const user = await createUserRow({ role: 'MANAGER', unitIds: [staff.unitId] })
    expect((await updateUser(admin, user.id, { staffEmail: staff.email })).staff).toMatchObject({ id: staff.id })
    expect((await updateUser(admin, user.id, { staffEmail: null })).staffId).toBeNull()
  })

  test('the last active central user cannot be demoted or deactivated, nor can anyone deactivate themselves', async () => {
    const admin = await central()
    await prisma.user.updateMany({ where: { role: 'CENTRAL', id: { not: admin.id } }, data: { role: 'STAFF' } })
    await expect(updateUser(admin, admin.id, { role: 'STAFF' })).rejects.toBeInstanceOf(ConflictError)
    await expect(deactivateUser(admin, admin.id)).rejects.toBeInstanceOf(ConflictError)
    const other = await central()
    await expect(deactivateUser(other, admin.id)).resolves.toMatchObject({ active: false })
    await expect(getUserAccount(other, 'nope')).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('deactivation', () => {
  test('ends sessions and API tokens at once, refuses sign-in; reactivation lets the person sign in again', async () => {
    const admin = await central()
    const user = await createUserRow({ role: 'STAFF' })
    const cookie = await sessionCookie(user.id)
    const { token } = await createApiToken(await actorOf(user.id), 'HR')
    expect(await getUser(request('/', { cookie }))).not.toBeNull()
    const account = await deactivateUser(admin, user.id)
    expect(account).toMatchObject({ active: false, deactivatedAt: expect.any(Date) })
    expect(await getUser(request('/', { cookie }))).toBeNull()
    expect(await authenticateApiToken(token)).toBeNull()
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.auditLog.findFirst({ where: { action: 'user.deactivate', entityId: user.id } })).toMatchObject({ after: { sessionsEnded: 1, tokensRevoked: 1 } })

    await reactivateUser(admin, user.id)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toMatchObject({ id: user.id })
    // Tokens ended by deactivation stay ended.
    expect(await authenticateApiToken(token)).toBeNull()
    expect(await prisma.auditLog.count({ where: { action: 'user.reactivate', entityId: user.id } })).toBe(1)
  })

  test('even a session row left behind opens nothing for a deactivated account (checked in the one session query)', async () => {
    const user = await createUserRow()
    const cookie = await sessionCookie(user.id)
    await prisma.user.update({ where: { id: user.id }, data: { active: false } })
    expect(await getUser(request('/', { cookie }))).toBeNull()
  })
})
