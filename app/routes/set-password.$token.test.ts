// The set-password page: an expired, used or unknown link is refused (410)
// when opened and when posted, and nothing changes.
import { describe, expect, test } from 'vitest'
import { getActorById, verifyLogin } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { issueSetPasswordLink } from '~/models/passwords.server'
import { call, createRoles, request, TEST_PASSWORD } from '../../tests/factories'
import { action, loader } from './set-password.$token'

const NEW_PASSWORD = 'Lingon-och-Gräddfil-9'
const tokenOf = (url: string) => url.split('/').at(-1)!
const open = (token: string) => call(() => loader({ request: request(`/set-password/${token}`), params: { token }, context: {} }))
const submit = (token: string, password = NEW_PASSWORD) =>
  call(() => action({ request: request(`/set-password/${token}`, { form: { password, confirm: password } }), params: { token }, context: {} }))

describe('/set-password/:token', () => {
  test('a good link shows the e-mail and sets the password once; used, it is refused (410) when opened and when posted', async () => {
    const { central, staffUser } = await createRoles()
    const token = tokenOf((await issueSetPasswordLink((await getActorById(central.id))!, staffUser.id, 'http://localhost')).url)
    const page = await open(token)
    expect(page.status).toBe(200)
    expect(await page.json()).toEqual({ email: staffUser.email })
    const done = await submit(token)
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/login')

    const reopened = await open(token)
    expect(reopened.status).toBe(410)
    expect(reopened.headers.get('Cache-Control')).toBe('no-store')
    expect(await reopened.json()).toEqual({ message: 'accounts.setPassword.linkInvalid' })
    expect((await submit(token, 'Ett-Annat-Lösenord-77')).status).toBe(410)
    expect(await verifyLogin(staffUser.email, NEW_PASSWORD)).not.toBeNull()
    expect(await verifyLogin(staffUser.email, 'Ett-Annat-Lösenord-77')).toBeNull()
  })

  test('an expired link (its expiry moved into the past) is refused when opened and when posted, and the password stays', async () => {
    const { central, staffUser } = await createRoles()
    const token = tokenOf((await issueSetPasswordLink((await getActorById(central.id))!, staffUser.id, 'http://localhost')).url)
    await prisma.setPasswordToken.updateMany({ where: { userId: staffUser.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const audits = await prisma.auditLog.count()
    expect((await open(token)).status).toBe(410)
    const posted = await submit(token)
    expect(posted.status).toBe(410)
    expect(await posted.json()).toEqual({ message: 'accounts.setPassword.linkInvalid' })
    expect(await verifyLogin(staffUser.email, TEST_PASSWORD)).toMatchObject({ id: staffUser.id })
    expect(await verifyLogin(staffUser.email, NEW_PASSWORD)).toBeNull()
    expect(await prisma.auditLog.count()).toBe(audits)
    expect((await open('x'.repeat(43))).status).toBe(410)
  })
})
