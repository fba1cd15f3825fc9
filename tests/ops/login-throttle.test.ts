// Sign-in throttling (finding 7), as an attacker would meet it through the
// login form: parallel guesses, aimed lock-outs, forged proxy headers.
import { describe, expect, test } from 'vitest'
import { call, createUser, request, TEST_PASSWORD } from '../factories'
import { addressBlock, deleteExpiredThrottleRows, LOGIN_LIMITS, throttleRowKeys } from '~/models/login-throttle.server'
import { RECURRING_TASKS } from '~/jobs/registry.server'
import { action } from '~/routes/login'
import { prisma } from '~/utils/db.server'

/** A sign-in through the form's action, from the address the server found for the client, with the browser's cookies. */
async function signIn(email: string, password: string, clientIp = '198.51.100.1', cookie?: string) {
  const response = await call(() => action({ request: request('/login', { form: { email, password }, cookie }), params: {}, context: { clientIp } }))
  const body = response.status === 400 ? ((await response.json()) as { error?: Record<string, string[]> }) : null
  return { status: response.status, error: body?.error?.['']?.[0], deviceCookie: deviceCookieOf(response) }
}

/** The device cookie a response sets, as the browser sends it back. */
function deviceCookieOf(response: Response) {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('__avlast_device='))
  return set?.split(';')[0]
}

const addresses = (n: number, net = '100.64.7') => Array.from({ length: n }, (_, i) => `${net}.${i + 1}`)

describe('sign-in throttling', () => {
  test('30 parallel wrong guesses: exactly the limit are checked, the rest refused unchecked', async () => {
    const user = await createUser()
    const results = await Promise.all(Array.from({ length: 30 }, () => signIn(user.email, 'fel')))
    expect(results.filter((r) => r.error === 'login.invalidCredentials')).toHaveLength(LOGIN_LIMITS.accountAndAddress)
    expect(results.filter((r) => r.error === 'login.tooManyAttempts')).toHaveLength(30 - LOGIN_LIMITS.accountAndAddress)
    // Even the right password is not checked from this address for this account now.
    expect(await signIn(user.email, TEST_PASSWORD)).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
    expect(await signIn(user.email.toUpperCase(), TEST_PASSWORD)).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
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
    expect(await signIn(user.email, TEST_PASSWORD, '203.0.113.7')).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
    expect((await signIn(user.email, TEST_PASSWORD, '198.51.100.2')).status).toBe(302)
  })

  test('IPv6 addresses count by their /64: rotating through one network gives no fresh guesses', async () => {
    const user = await createUser()
    const network = (i: number) => `2001:db8:aa:bb::${(i + 1).toString(16)}`
    for (let i = 0; i < LOGIN_LIMITS.accountAndAddress; i++) expect((await signIn(user.email, 'fel', network(i))).error).toBe('login.invalidCredentials')
    expect(await signIn(user.email, TEST_PASSWORD, '2001:db8:aa:bb:ffff:1:2:3')).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
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

  test('guesses spread over many addresses: new browsers are refused after the account’s limit, the owner’s own browser still gets in', async () => {
    const owner = await createUser()
    const other = await createUser()
    // The owner signed in on their own browser last week; so did a colleague on theirs.
    const { status, deviceCookie } = await signIn(owner.email, TEST_PASSWORD, '192.0.2.10')
    expect(status).toBe(302)
    expect(deviceCookie).toMatch(/^__avlast_device=/)
    const colleagues = (await signIn(other.email, TEST_PASSWORD, '192.0.2.11')).deviceCookie
    // A botnet: a few guesses from each of many addresses, under every per-address limit.
    for (const ip of addresses(LOGIN_LIMITS.accountOnNewDevices / 5)) for (let i = 0; i < 5; i++) expect((await signIn(owner.email, 'fel', ip)).error).toBe('login.invalidCredentials')
    // Its next guess is not checked, even the right one, from yet another address.
    expect(await signIn(owner.email, TEST_PASSWORD, '198.51.100.200')).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
    // A forged device cookie, or another account's, is a new browser.
    expect(await signIn(owner.email, TEST_PASSWORD, '198.51.100.201', '__avlast_device=WyJ4Il0%3D.forged')).toMatchObject({ status: 400, error: 'login.tooManyAttempts' })
    expect((await signIn(owner.email, TEST_PASSWORD, '198.51.100.202', colleagues)).error).toBe('login.tooManyAttempts')
    // The owner's browser, even from a new address (at home), signs in; so does anyone else's account.
    expect((await signIn(owner.email, TEST_PASSWORD, '198.51.100.203', deviceCookie)).status).toBe(302)
    expect((await signIn(other.email, TEST_PASSWORD, '198.51.100.204')).status).toBe(302)
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
    // A fresh failure (another account, another address) keeps its three counters: (account, address), address, account on new browsers.
    await signIn((await createUser()).email, 'fel', '203.0.113.10')
    expect(await deleteExpiredThrottleRows()).toBe(rows.length)
    expect(await prisma.rateLimiterFlexible.count()).toBe(3)
  })
})
