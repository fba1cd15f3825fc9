import { createHash } from 'node:crypto'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { generate } from 'otplib'
import { getActorById, getUser, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { ForbiddenError, InputError } from '~/utils/errors'
import { createRoles, createUser, request, sessionCookie, TEST_PASSWORD } from '../../tests/factories'
import { authenticateApiToken, createApiToken } from './api-tokens.server'
import { changeOwnPassword, getSetPasswordLink, issueSetPasswordLink, LinkInvalidError, setPasswordWithLink } from './passwords.server'
import { confirmTwoFactor, disableTwoFactor, resetTwoFactor, spendTwoFactorCode, startTwoFactorEnrolment } from './two-factor.server'

const actorOf = async (id: string) => (await getActorById(id))!
const NEW_PASSWORD = 'Lingon-och-Gräddfil-9'
const tokenOf = (url: string) => url.split('/').at(-1)!

afterEach(() => {
  vi.useRealTimers()
})

describe('set-password links', () => {
  test('a link is stored hashed, works once, ends the person’s sessions and API tokens, and is audited', async () => {
    const { central, staffUser } = await createRoles()
    const old = await sessionCookie(staffUser.id)
    // Whoever had taken the account over may have made a token: it stops with the new password.
    const { token: apiToken } = await createApiToken(await actorOf(staffUser.id), 'Okänd')
    expect(await authenticateApiToken(apiToken)).not.toBeNull()
    const { url, expiresAt } = await issueSetPasswordLink(await actorOf(central.id), staffUser.id, 'https://avlast.kommun.se')
    expect(url).toMatch(/^https:\/\/avlast\.kommun\.se\/set-password\/[A-Za-z0-9_-]{43}$/)
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000)
    const token = tokenOf(url)
    const row = await prisma.setPasswordToken.findFirstOrThrow({ where: { userId: staffUser.id } })
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(await prisma.auditLog.findMany())).not.toContain(token)
    expect(await getSetPasswordLink(token)).toEqual({ email: staffUser.email, name: staffUser.name })

    await expect(setPasswordWithLink(token, 'password1234')).rejects.toMatchObject({ path: 'password', message: 'accounts.password.tooCommon' })
    await setPasswordWithLink(token, NEW_PASSWORD)
    expect(await verifyLogin(staffUser.email, NEW_PASSWORD)).toMatchObject({ id: staffUser.id })
    expect(await verifyLogin(staffUser.email, TEST_PASSWORD)).toBeNull()
    expect(await getUser(request('/', { cookie: old }))).toBeNull()
    expect(await authenticateApiToken(apiToken)).toBeNull()
    // Used: refused, the second time and every time after.
    await expect(getSetPasswordLink(token)).rejects.toBeInstanceOf(LinkInvalidError)
    await expect(setPasswordWithLink(token, 'Ett-Annat-Lösenord-77')).rejects.toBeInstanceOf(LinkInvalidError)
    expect(await verifyLogin(staffUser.email, NEW_PASSWORD)).not.toBeNull()
    expect(await prisma.auditLog.count({ where: { entityId: staffUser.id, action: { in: ['user.password.link', 'user.password.set'] } } })).toBe(2)
  })

  test('an expired link, an unknown one, one replaced by a newer link or one for a deactivated account is refused', async () => {
    const { central, staffUser } = await createRoles()
    const admin = await actorOf(central.id)
    const first = tokenOf((await issueSetPasswordLink(admin, staffUser.id, 'http://localhost')).url)
    const second = tokenOf((await issueSetPasswordLink(admin, staffUser.id, 'http://localhost')).url)
    await expect(getSetPasswordLink(first)).rejects.toBeInstanceOf(LinkInvalidError)
    await expect(getSetPasswordLink('x'.repeat(43))).rejects.toBeInstanceOf(LinkInvalidError)
    vi.useFakeTimers({ now: Date.now() + 24 * 3600_000 + 1000, toFake: ['Date'] })
    await expect(setPasswordWithLink(second, NEW_PASSWORD)).rejects.toBeInstanceOf(LinkInvalidError)
    vi.useRealTimers()
    const third = tokenOf((await issueSetPasswordLink(admin, staffUser.id, 'http://localhost')).url)
    await prisma.user.update({ where: { id: staffUser.id }, data: { active: false } })
    await expect(getSetPasswordLink(third)).rejects.toBeInstanceOf(LinkInvalidError)
    expect(await verifyLogin(staffUser.email, TEST_PASSWORD)).toBeNull()
  })

  test('only central issues links', async () => {
    const { manager, staffUser } = await createRoles()
    await expect(issueSetPasswordLink(await actorOf(manager.id), staffUser.id, 'http://localhost')).rejects.toBeInstanceOf(ForbiddenError)
    expect(await prisma.setPasswordToken.count({ where: { userId: staffUser.id } })).toBe(0)
  })
})

describe('changing one’s own password', () => {
  test('needs the current password, refuses weak ones, ends the other sessions but not this one, and the API tokens', async () => {
    const user = await createUser()
    const actor = await actorOf(user.id)
    const { token: apiToken } = await createApiToken(actor, 'Skript')
    const [here, elsewhere] = [await sessionCookie(user.id), await sessionCookie(user.id)]
    const hereId = (await prisma.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })).id
    await expect(changeOwnPassword(actor, { currentPassword: 'fel', password: NEW_PASSWORD })).rejects.toMatchObject({ path: 'currentPassword' })
    await expect(changeOwnPassword(actor, { currentPassword: TEST_PASSWORD, password: 'qwertyuiop123' })).rejects.toBeInstanceOf(InputError)
    await changeOwnPassword(actor, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD }, hereId)
    expect(await verifyLogin(user.email, NEW_PASSWORD)).not.toBeNull()
    const live = await Promise.all([here, elsewhere].map(async (cookie) => Boolean(await getUser(request('/', { cookie })))))
    expect(live.filter(Boolean)).toHaveLength(1)
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: hereId }])
    expect(await authenticateApiToken(apiToken)).toBeNull()
    expect((await prisma.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'user.password.change' } })).after).toEqual({ otherSessionsEnded: 1, tokensRevoked: 1 })
  })
})

describe('two-factor sign-in', () => {
  test('enrol with a code from the app, then each code works once; disable with a code; central can reset it', async () => {
    const { central } = await createRoles()
    const user = await createUser()
    const actor = await actorOf(user.id)
    const { secret, qrCode } = await startTwoFactorEnrolment(actor)
    expect(qrCode).toMatch(/^data:image\/png;base64,/)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toMatchObject({ twoFactor: false })
    await expect(confirmTwoFactor(actor, '000000')).rejects.toMatchObject({ path: 'code' })
    await confirmTwoFactor(actor, await generate({ secret }))
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toMatchObject({ twoFactor: true })
    // The code that confirmed is spent; the next step's code works once.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })
    expect(await spendTwoFactorCode(user.id, next)).toBe(true)
    expect(await spendTwoFactorCode(user.id, next)).toBe(false)
    expect(await spendTwoFactorCode(user.id, 'abcdef')).toBe(false)
    await expect(disableTwoFactor(actor, next)).rejects.toBeInstanceOf(InputError)
    await resetTwoFactor(await actorOf(central.id), user.id)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toMatchObject({ twoFactor: false })
    expect(await prisma.auditLog.count({ where: { entityId: user.id, action: { startsWith: 'user.twoFactor.' } } })).toBe(2)
  })
})
