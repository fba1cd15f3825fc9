// User administration pages: central only (403 for everyone else, loaders and
// actions alike), and the forms answer bad input next to its field.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { call, createRoles, createUnit, createUser, request, sessionCookie } from '../../tests/factories'
import { action as integrationsAction, loader as integrationsLoader } from './admin.integrations'
import { loader as listLoader } from './admin.users'
import { action as editAction, loader as editLoader } from './admin.users_.$userId'
import { action as newAction, loader as newLoader } from './admin.users_.new'

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} })
const as = async (userId: string, path: string, form?: Record<string, string>) =>
  request(path, { cookie: await sessionCookie(userId), form, headers: form ? { Origin: 'http://localhost' } : undefined })

function formBody(values: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) body.append(k, item)
  return body
}

async function post(userId: string, path: string, values: Record<string, string | string[]>) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Cookie: await sessionCookie(userId), Origin: 'http://localhost' },
    body: formBody(values),
  })
}

describe('/admin/users', () => {
  test('managers and staff get 403 on every page and action; signed-out visitors are sent to sign in', async () => {
    const { staffUser, manager, central } = await createRoles()
    for (const userId of [staffUser.id, manager.id]) {
      expect((await call(async () => listLoader(args(await as(userId, '/admin/users'))))).status).toBe(403)
      expect((await call(async () => newLoader(args(await as(userId, '/admin/users/new'))))).status).toBe(403)
      expect((await call(async () => editLoader(args(await as(userId, `/admin/users/${central.id}`), { userId: central.id })))).status).toBe(403)
      const created = await call(async () => newAction(args(await post(userId, '/admin/users/new', { email: 'x@kommun.se', name: 'X', role: 'CENTRAL' }))))
      expect(created.status).toBe(403)
      const deactivated = await call(async () =>
        editAction(args(await post(userId, `/admin/users/${central.id}`, { intent: 'deactivate' }), { userId: central.id })),
      )
      expect(deactivated.status).toBe(403)
      expect((await call(async () => integrationsLoader(args(await as(userId, '/admin/integrations'))))).status).toBe(403)
      const integration = await call(async () =>
        integrationsAction(args(await post(userId, '/admin/integrations', { intent: 'create', name: 'HR', role: 'CENTRAL' }))),
      )
      expect(integration.status).toBe(403)
    }
    expect(await prisma.user.count({ where: { kind: 'INTEGRATION' } })).toBe(0)
    expect(await prisma.user.count({ where: { email: 'x@kommun.se' } })).toBe(0)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: central.id } })).active).toBe(true)
    expect((await call(() => listLoader(args(request('/admin/users'))))).headers.get('Location')).toMatch(/^\/login/)
  })

  test('central creates a manager of two units; bad input is answered next to its field', async () => {
    const { central } = await createRoles()
    const [a, b] = [await createUnit(), await createUnit()]
    const bad = await call(async () => newAction(args(await post(central.id, '/admin/users/new', { email: 'chef@kommun.se', name: 'Chef', role: 'MANAGER' }))))
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { result: { error: Record<string, string[]> } }).result.error).toEqual({ managedUnitIds: ['accounts.errors.unitsRequired'] })
    const ok = await call(async () =>
      newAction(args(await post(central.id, '/admin/users/new', { email: 'chef@kommun.se', name: 'Chef', role: 'MANAGER', managedUnitIds: [a.id, b.id] }))),
    )
    expect(ok.status).toBe(302)
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'chef@kommun.se' }, select: { id: true, managedUnits: { select: { unitId: true } } } })
    expect(ok.headers.get('Location')).toBe(`/admin/users/${user.id}`)
    expect(user.managedUnits.map((m) => m.unitId).sort()).toEqual([a.id, b.id].sort())
    const taken = await call(async () => newAction(args(await post(central.id, '/admin/users/new', { email: 'CHEF@kommun.se', name: 'Chef', role: 'STAFF' }))))
    expect(taken.status).toBe(400)
    expect(((await taken.json()) as { result: { error: Record<string, string[]> } }).result.error).toEqual({ email: ['accounts.errors.emailTaken'] })
  })

  test('the set-password link is shown once, never cached; deactivating oneself is refused with a message', async () => {
    const { central, staffUser } = await createRoles()
    const link = await call(async () => editAction(args(await post(central.id, `/admin/users/${staffUser.id}`, { intent: 'link' }), { userId: staffUser.id })))
    expect(link.headers.get('Cache-Control')).toBe('no-store')
    expect(((await link.json()) as { link: { url: string } }).link.url).toMatch(/^http:\/\/localhost\/set-password\/[A-Za-z0-9_-]{43}$/)
    const self = await call(async () =>
      editAction(args(await post(central.id, `/admin/users/${central.id}`, { intent: 'deactivate' }), { userId: central.id })),
    )
    expect(self.status).toBe(409)
    expect(await self.json()).toEqual({ intent: 'deactivate', error: 'accounts.errors.cannotDeactivateSelf' })
  })

  test('a deactivated central user’s open session is sent to sign in from every page and action, and nothing is written', async () => {
    const { central, staffUser } = await createRoles()
    const other = await createUser({ role: 'CENTRAL' })
    const cookie = await sessionCookie(other.id)
    await prisma.user.update({ where: { id: other.id }, data: { active: false } })
    const withCookie = (path: string, form?: Record<string, string | string[]>) =>
      new Request(
        `http://localhost${path}`,
        form ? { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' }, body: formBody(form) } : { headers: { Cookie: cookie } },
      )
    for (const response of [
      await call(() => listLoader(args(withCookie('/admin/users')))),
      await call(() => newAction(args(withCookie('/admin/users/new', { email: 'x@kommun.se', name: 'X', role: 'CENTRAL' })))),
      await call(() => editAction(args(withCookie(`/admin/users/${central.id}`, { intent: 'deactivate' }), { userId: central.id }))),
      await call(() => editAction(args(withCookie(`/admin/users/${staffUser.id}`, { intent: 'link' }), { userId: staffUser.id }))),
    ]) {
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toMatch(/^\/login/)
    }
    expect(await prisma.user.count({ where: { email: 'x@kommun.se' } })).toBe(0)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: central.id } })).active).toBe(true)
    expect(await prisma.setPasswordToken.count({ where: { userId: staffUser.id } })).toBe(0)
  })
})
