// Every page's loader checks who is asking, on the server.
import { describe, expect, test } from 'vitest'
import { call, createRoles, request, sessionCookie } from '../../tests/factories'
import { loader as indexLoader } from './_index'
import { loader as profileLoader } from './profile'
import { loader as situationLoader } from './situation'
import { loader as unitLoader } from './units.$unitId'

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} })

describe('page guards', () => {
  test('signed-out visitors are sent to /login from every page', async () => {
    const { unit } = await createRoles()
    for (const [fn, path, params] of [
      [indexLoader, '/', {}],
      [profileLoader, '/profile', {}],
      [situationLoader, '/situation', {}],
      [unitLoader, `/units/${unit.id}`, { unitId: unit.id }],
    ] as const) {
      const response = await call(() => fn(args(request(path), params)))
      expect(response.status, path).toBe(302)
      expect(response.headers.get('Location'), path).toMatch(/^\/login\?redirectTo=/)
    }
  })

  test('a unit page is refused to staff and to managers of other units', async () => {
    const { unit, staffUser, otherManager, manager, central } = await createRoles()
    const open = async (userId: string) =>
      call(async () => unitLoader(args(request(`/units/${unit.id}`, { cookie: await sessionCookie(userId) }), { unitId: unit.id })))
    expect((await open(staffUser.id)).status).toBe(403)
    expect((await open(otherManager.id)).status).toBe(403)
    expect((await open(manager.id)).status).toBe(200)
    expect((await open(central.id)).status).toBe(200)
  })

  test('an unknown unit is 404 for central', async () => {
    const { central } = await createRoles()
    const response = await call(async () =>
      unitLoader(args(request('/units/nope', { cookie: await sessionCookie(central.id) }), { unitId: 'nope' })),
    )
    expect(response.status).toBe(404)
  })

  test('the profile shows only the signed-in person', async () => {
    const { staff, staffUser } = await createRoles()
    const response = await call(async () => profileLoader(args(request('/profile', { cookie: await sessionCookie(staffUser.id) }))))
    const body = (await response.json()) as { profile: { id: string; email: string } }
    expect(body.profile.id).toBe(staff.id)
  })

  test('the situation picture is open to every signed-in role, linking only units the user may open', async () => {
    const { unit, otherUnit, staffUser, manager, central } = await createRoles()
    for (const user of [staffUser, manager, central]) {
      const response = await call(async () => situationLoader(args(request('/situation', { cookie: await sessionCookie(user.id) }))))
      expect(response.status).toBe(200)
      const { rows } = (await response.json()) as { rows: { id: string; linkable: boolean }[] }
      const linkable = Object.fromEntries(rows.map((r) => [r.id, r.linkable]))
      expect(linkable[unit.id]).toBe(user.role !== 'STAFF')
      expect(linkable[otherUnit.id]).toBe(user.role === 'CENTRAL')
    }
  })
})
