// Sign-in rate limiting, as an attacker would meet it through the login form.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { call, createUser, TEST_PASSWORD } from '../factories'
import { prisma } from '~/utils/db.server'
import * as login from '~/routes/login'

let action = login.action

async function signIn(email: string, password: string, ip?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (ip) headers['X-Forwarded-For'] = `${ip}, 10.0.0.1`
  const request = new Request('http://localhost/login', { method: 'POST', headers, body: new URLSearchParams({ email, password }) })
  const response = await call(() => action({ request, params: {}, context: {} }))
  const body = response.status === 400 ? ((await response.json()) as { error?: Record<string, string[]> }) : null
  return { status: response.status, error: body?.error?.['']?.[0] }
}

afterEach(() => {
  delete process.env.TRUST_PROXY
  action = login.action
})

describe('sign-in throttling', () => {
  test('ten failures lock the e-mail for 15 minutes; older failures no longer count', async () => {
    const user = await createUser()
    for (let i = 0; i < 10; i++) expect((await signIn(user.email, 'fel')).error).toBe('login.invalidCredentials')
    expect(await signIn(user.email, TEST_PASSWORD)).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    expect(await signIn(user.email.toUpperCase(), TEST_PASSWORD)).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    await prisma.loginAttempt.updateMany({ where: { key: `email:${user.email}` }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } })
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(302)
  })

  test('behind a trusted proxy, 50 failures from one address lock that address for every account, not others', async () => {
    process.env.TRUST_PROXY = '1'
    vi.resetModules()
    action = (await import('~/routes/login')).action
    const victim = await createUser()
    // 49 recent failures from the address, then the 50th through the form.
    await prisma.loginAttempt.createMany({ data: Array.from({ length: 49 }, () => ({ key: 'ip:203.0.113.7', success: false })) })
    expect((await signIn('gissning@kommun.se', 'fel', '203.0.113.7')).error).toBe('login.invalidCredentials')
    expect(await signIn(victim.email, TEST_PASSWORD, '203.0.113.7')).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    expect((await signIn(victim.email, TEST_PASSWORD, '198.51.100.2')).status).toBe(302)
  })

  test('without a trusted proxy a forged X-Forwarded-For is ignored, so it cannot lock anyone out', async () => {
    const victim = await createUser()
    for (let i = 0; i < 3; i++) await signIn(`gissning${i}@kommun.se`, 'fel', '203.0.113.8')
    expect((await signIn(victim.email, TEST_PASSWORD, '203.0.113.8')).status).toBe(302)
    expect(await prisma.loginAttempt.count({ where: { key: 'ip:203.0.113.8' } })).toBe(0)
  })
})
