import { describe, expect, test } from 'vitest'
import { call, createRoles, createUser, request, sessionCookie, TEST_PASSWORD } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { action, loader } from './login'

async function submit(form: Record<string, string>) {
  return call(() => action({ request: request('/login', { form }), params: {}, context: {} }))
}

async function errorsOf(response: Response) {
  const body = (await response.json()) as { error?: Record<string, string[] | null> }
  return body.error ?? {}
}

describe('POST /login', () => {
  test('empty fields get a message next to each field, not a server error', async () => {
    const response = await submit({ email: '', password: '' })
    expect(response.status).toBe(400)
    expect(await errorsOf(response)).toMatchObject({
      email: ['validation.emailRequired'],
      password: ['validation.passwordRequired'],
    })
  })

  test('a malformed e-mail address is refused with a clear message', async () => {
    const response = await submit({ email: 'inte-en-adress', password: 'x' })
    expect(response.status).toBe(400)
    expect((await errorsOf(response)).email).toEqual(['validation.emailInvalid'])
  })

  test('unknown user and wrong password get the same message and no session', async () => {
    await createUser({ email: 'kim@test.avlast.se' })
    for (const form of [
      { email: 'kim@test.avlast.se', password: 'fel' },
      { email: 'ingen@test.avlast.se', password: TEST_PASSWORD },
    ]) {
      const response = await submit(form)
      expect(response.status).toBe(400)
      expect((await errorsOf(response))['']).toEqual(['login.invalidCredentials'])
      expect(response.headers.get('Set-Cookie')).toBeNull()
    }
  })

  test('each role lands on its own start page with an httpOnly SameSite cookie', async () => {
    const { unit, staffUser, manager, central } = await createRoles()
    const landing = [
      [staffUser.email, '/profile'],
      [manager.email, `/units/${unit.id}`],
      [central.email, '/situation'],
    ]
    for (const [email, path] of landing) {
      const response = await submit({ email, password: TEST_PASSWORD })
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toBe(path)
      const cookie = response.headers.get('Set-Cookie') ?? ''
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      expect(cookie).toMatch(/Max-Age=\d+/)
    }
  })

  test('a safe redirectTo is honoured, another origin is not', async () => {
    const { central } = await createRoles()
    const ok = await submit({ email: central.email, password: TEST_PASSWORD, redirectTo: '/units' })
    expect(ok.headers.get('Location')).toBe('/units')
    const evil = await submit({ email: central.email, password: TEST_PASSWORD, redirectTo: '//evil.example' })
    expect(evil.headers.get('Location')).toBe('/situation')
  })

  test('signing in rotates the session: the old one stops working', async () => {
    const user = await createUser()
    const old = await sessionCookie(user.id)
    const response = await call(() =>
      action({ request: request('/login', { cookie: old, form: { email: user.email, password: TEST_PASSWORD } }), params: {}, context: {} }),
    )
    expect(response.status).toBe(302)
    const oldId = await prisma.session.count({ where: { userId: user.id } })
    expect(oldId).toBe(1)
  })

  test('after ten failures in a row the e-mail is throttled, even with the right password', async () => {
    const user = await createUser()
    for (let i = 0; i < 10; i++) await submit({ email: user.email, password: 'fel' })
    const response = await submit({ email: user.email, password: TEST_PASSWORD })
    expect(response.status).toBe(400)
    expect((await errorsOf(response))['']).toEqual(['login.tooManyAttempts'])
  })

  test('a signed-in user who opens /login goes to their start page', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const response = await call(() => loader({ request: request('/login', { cookie }), params: {}, context: {} }))
    expect(response.headers.get('Location')).toBe('/situation')
  })
})
