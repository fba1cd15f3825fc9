// Sign-in throttling (finding 7), as an attacker would meet it through the
// login form: parallel guesses, aimed lock-outs, forged proxy headers.
import { describe, expect, test } from 'vitest'
import { call, createUser, TEST_PASSWORD } from '../factories'
import { addressBlock, deleteExpiredThrottleRows, LOGIN_LIMITS, throttleRowKeys } from '~/models/login-throttle.server'
import { RECURRING_TASKS } from '~/jobs/registry.server'
import { action } from '~/routes/login'
import { prisma } from '~/utils/db.server'

/** A sign-in through the form's action, from the address the server found for the client. */
async function signIn(email: string, password: string, clientIp = '198.51.100.1') {
  const request = new Request('http://localhost/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password }) })
  const response = await call(() => action({ request, params: {}, context: { clientIp } }))
  const body = response.status === 400 ? ((await response.json()) as { error?: Record<string, string[]> }) : null
  return { status: response.status, error: body?.error?.['']?.[0] }
}

describe('sign-in throttling', () => {
  test('30 parallel wrong guesses: exactly the limit are checked, the rest refused unchecked', async () => {
    const user = await createUser()
    const results = await Promise.all(Array.from({ length: 30 }, () => signIn(user.email, 'fel')))
    expect(results.filter((r) => r.error === 'login.invalidCredentials')).toHaveLength(LOGIN_LIMITS.accountAndAddress)
    expect(results.filter((r) => r.error === 'login.tooManyAttempts')).toHaveLength(30 - LOGIN_LIMITS.accountAndAddress)
    // Even the right password is not checked from this address for this account now.
    expect(await signIn(user.email, TEST_PASSWORD)).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    expect(await signIn(user.email.toUpperCase(), TEST_PASSWORD)).toEqual({ status: 400, error: 'login.tooManyAttempts' })
  })

  test('an attacker cannot lock anyone else out: the owner signs in from their own address', async () => {
    const victim = await createUser()
    for (let i = 0; i < 15; i++) await signIn(victim.email, 'fel', '203.0.113.66')
    expect((await signIn(victim.email, TEST_PASSWORD, '203.0.113.66')).error).toBe('login.tooManyAttempts')
    expect((await signIn(victim.email, TEST_PASSWORD, '192.0.2.10')).status).toBe(302)
  })

  test('one address guessing across many accounts is limited for every account, other addresses are not', async () => {
    const user = await createUser()
    // The address has failed for many accounts already; its last allowed guess goes through the form.
    const key = throttleRowKeys('', '203.0.113.7').address
    await prisma.rateLimiterFlexible.create({ data: { key, points: LOGIN_LIMITS.address - 1, expire: new Date(Date.now() + 600_000) } })
    expect((await signIn('gissning@kommun.se', 'fel', '203.0.113.7')).error).toBe('login.invalidCredentials')
    expect(await signIn(user.email, TEST_PASSWORD, '203.0.113.7')).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    expect((await signIn(user.email, TEST_PASSWORD, '198.51.100.2')).status).toBe(302)
  })

  test('IPv6 addresses count by their /64: rotating through one network gives no fresh guesses', async () => {
    const user = await createUser()
    const network = (i: number) => `2001:db8:aa:bb::${(i + 1).toString(16)}`
    for (let i = 0; i < LOGIN_LIMITS.accountAndAddress; i++) expect((await signIn(user.email, 'fel', network(i))).error).toBe('login.invalidCredentials')
    expect(await signIn(user.email, TEST_PASSWORD, '2001:db8:aa:bb:ffff:1:2:3')).toEqual({ status: 400, error: 'login.tooManyAttempts' })
    // Another /64 is another client; an IPv4 address in IPv6 form is that IPv4 address.
    expect((await signIn(user.email, TEST_PASSWORD, '2001:db8:aa:bc::1')).status).toBe(302)
    expect(['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:0:0:0:ffff', '::ffff:198.51.100.1', '198.51.100.1', 'unknown-proxy'].map(addressBlock)).toEqual([
      '2001:db8:aa:bb::/64',
      '2001:db8:aa:bb::/64',
      '198.51.100.1',
      '198.51.100.1',
      'unknown-proxy',
    ])
  })

  test('a correct password clears its failures; the window passes', async () => {
    const user = await createUser()
    for (let i = 0; i < LOGIN_LIMITS.accountAndAddress - 1; i++) await signIn(user.email, 'fel')
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(302)
    for (let i = 0; i < LOGIN_LIMITS.accountAndAddress - 1; i++) expect((await signIn(user.email, 'fel')).error).toBe('login.invalidCredentials')
    await prisma.rateLimiterFlexible.updateMany({ data: { expire: new Date(Date.now() - 1000) } })
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(302)
  })

  test('counters hold no e-mail or address, and a daily job deletes expired ones', async () => {
    const user = await createUser()
    await signIn(user.email, 'fel', '203.0.113.9')
    const rows = await prisma.rateLimiterFlexible.findMany()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.key).not.toMatch(/@|203\.0\.113|kommun/)
    expect(RECURRING_TASKS.map((t) => t.name)).toContain('login-throttle.retention')
    await prisma.rateLimiterFlexible.updateMany({ data: { expire: new Date(Date.now() - 1000) } })
    await signIn(user.email, 'fel', '203.0.113.10')
    expect(await deleteExpiredThrottleRows()).toBe(rows.length)
    expect(await prisma.rateLimiterFlexible.count()).toBe(2)
  })
})
