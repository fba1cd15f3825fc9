// Single sign-on against a real OpenID provider on the loopback (oidc-provider),
// in Chromium: a known e-mail signs in and lands where a password sign-in
// would, an unknown one is refused, a closed account is refused, a tampered state or nonce is refused, and
// with AUTH_PASSWORD=off the password form is gone and a posted password refused.
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, toast } from './fixtures'
import { freePort, runScript, startApp, type App } from './support/app'
import { startOidcProvider, type TestProvider } from './support/oidc-provider'

let provider: TestProvider
let app: App
let ssoOnly: App

test.beforeAll(async () => {
  test.setTimeout(180_000)
  const [port, ssoOnlyPort] = [await freePort(), await freePort()]
  provider = await startOidcProvider([`http://localhost:${port}/auth/oidc/callback`, `http://localhost:${ssoOnlyPort}/auth/oidc/callback`])
  const oidc = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret }
  ;[app, ssoOnly] = await Promise.all([startApp('sso', oidc, { port }), startApp('sso-only', { ...oidc, AUTH_PASSWORD: 'off' }, { port: ssoOnlyPort })])
  for (const target of [app, ssoOnly]) runScript(target, 'scripts/user-create.ts', ['--email', 'Anna.SSO@kommun.example.se', '--name', 'Anna SSO', '--role', 'CENTRAL'])
  runScript(app, 'scripts/user-create.ts', ['--email', 'borta@kommun.example.se', '--name', 'Bo Borta', '--role', 'STAFF'])
})

test.afterAll(async () => {
  await Promise.all([app?.stop(), ssoOnly?.stop()])
  await provider?.stop()
})

/** Through the provider's own login page, as a person would (its development login takes any password). */
async function signInAtProvider(page: Page, target: App, login: string, tamper?: { state?: string; nonce?: string }) {
  if (tamper) {
    // The app's redirect to the provider, with a parameter changed on the way (as an attacker in the middle would).
    await page.route((url) => url.href.startsWith(`${target.url}/auth/oidc?`) || url.href === `${target.url}/auth/oidc`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 })
      const location = new URL(response.headers()['location'])
      for (const [key, value] of Object.entries(tamper)) location.searchParams.set(key, value!)
      await route.fulfill({ response, headers: { ...response.headers(), location: location.href } })
    })
  }
  await page.goto(`${target.url}/login`)
  await page.getByRole('link', { name: 'Logga in med kommunens konto' }).click()
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`))
  await page.getByPlaceholder('Enter any login').fill(login)
  await page.getByPlaceholder('and password').fill('vad-som-helst')
  await page.getByRole('button', { name: 'Sign-in' }).click()
}

async function expectSignedOut(page: Page, target: App) {
  await page.goto(`${target.url}/situation`)
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsituation/)
}

test('a known e-mail signs in with the municipality account and lands on the start page; signing out ends the local session', async ({ page }) => {
  await page.goto(`${app.url}/login`)
  await expect(page.getByRole('link', { name: 'Logga in med kommunens konto' })).toBeVisible()
  await expect(page.getByLabel('Lösenord')).toBeVisible()
  await expectAccessible(page)
  await signInAtProvider(page, app, 'anna.sso@kommun.example.se')
  await expect(page).toHaveURL(`${app.url}/situation`)
  await expect(page.getByRole('heading', { level: 1, name: 'Lägesbild' })).toBeVisible()
  await expect(page.getByText('Inloggad som Anna SSO')).toBeVisible()
  await page.getByRole('button', { name: 'Logga ut' }).click()
  await expect(page).toHaveURL(`${app.url}/login`)
  await expectSignedOut(page, app)
})

test('an unknown e-mail is refused with a clear message, and no account is created', async ({ page }) => {
  await signInAtProvider(page, app, 'okand@kommun.example.se')
  await expect(page).toHaveURL(`${app.url}/login?sso=unknown`)
  await expect(page.getByRole('alert').filter({ hasText: 'Du har inget konto i Avlast med den e-postadress som kommunens inloggning uppgav.' })).toBeVisible()
  await expectAccessible(page)
  await expectSignedOut(page, app)
  const created = runScript(app, 'scripts/user-create.ts', ['--email', 'okand@kommun.example.se', '--name', 'Ny', '--role', 'STAFF'])
  expect(created).toContain('är skapad')
})

test('central closes an account; its owner is then refused at the SSO callback with a clear message', async ({ page, browser }) => {
  // Bo signs in with the municipality account while the account is open.
  const bo = await browser.newPage()
  await signInAtProvider(bo, app, 'borta@kommun.example.se')
  await bo.waitForURL((url) => url.href.startsWith(app.url) && !url.pathname.startsWith('/login'))
  await bo.close()
  // Anna, central, closes it on the admin page.
  await signInAtProvider(page, app, 'anna.sso@kommun.example.se')
  await expect(page).toHaveURL(`${app.url}/situation`)
  await page.goto(`${app.url}/admin/users?q=borta`)
  await page
    .getByRole('row', { name: /borta@kommun\.example\.se/ })
    .getByRole('link')
    .click()
  await page.getByRole('button', { name: 'Stäng av kontot' }).click()
  await expect(toast(page)).toContainText('Kontot är avstängt.')
  await page.getByRole('button', { name: 'Logga ut' }).click()
  // The provider still knows Bo, Avlast no longer lets him in.
  const again = await browser.newPage()
  await signInAtProvider(again, app, 'borta@kommun.example.se')
  await expect(again).toHaveURL(`${app.url}/login?sso=inactive`)
  await expect(again.getByRole('alert').filter({ hasText: 'Ditt konto i Avlast är avstängt. Kontakta den centrala enheten.' })).toBeVisible()
  await expectSignedOut(again, app)
  await again.close()
})

test('signing in again with SSO rotates the session: the earlier session cookie stops working', async ({ page, playwright }) => {
  await signInAtProvider(page, app, 'anna.sso@kommun.example.se')
  await expect(page).toHaveURL(`${app.url}/situation`)
  const session = async () => (await page.context().cookies(app.url)).find((c) => c.name === '__avlast_session')?.value
  const first = await session()
  expect(first).toBeTruthy()
  // Signed in, /login sends her on, so she follows the sign-in link's address itself. The
  // provider remembers her now and may send her straight back without its login page.
  await page.goto(`${app.url}/auth/oidc`)
  await page.waitForURL((url) => url.href.startsWith(app.url) || url.href.startsWith(provider.issuer))
  if (page.url().startsWith(provider.issuer) && (await page.getByPlaceholder('Enter any login').count())) {
    await page.getByPlaceholder('Enter any login').fill('anna.sso@kommun.example.se')
    await page.getByPlaceholder('and password').fill('vad-som-helst')
    await page.getByRole('button', { name: 'Sign-in' }).click()
  }
  await expect(page).toHaveURL(`${app.url}/situation`)
  const second = await session()
  expect(second).toBeTruthy()
  expect(second).not.toBe(first)
  const old = await playwright.request.newContext({ extraHTTPHeaders: { Cookie: `__avlast_session=${first}` } })
  const answer = await old.get(`${app.url}/situation`, { maxRedirects: 0 })
  expect(answer.status()).toBe(302)
  expect(answer.headers()['location']).toMatch(/^\/login/)
  await old.dispose()
})

test('a tampered state is refused', async ({ page }) => {
  await signInAtProvider(page, app, 'anna.sso@kommun.example.se', { state: 'inte-det-vi-skickade' })
  await expect(page).toHaveURL(`${app.url}/login?sso=failed`)
  await expect(page.getByText('Inloggningen med kommunens konto kunde inte slutföras.')).toBeVisible()
  await expectSignedOut(page, app)
})

test('a tampered nonce is refused', async ({ page }) => {
  await signInAtProvider(page, app, 'anna.sso@kommun.example.se', { nonce: 'inte-det-vi-skickade' })
  await expect(page).toHaveURL(`${app.url}/login?sso=failed`)
  await expectSignedOut(page, app)
})

test('with AUTH_PASSWORD=off the password form is gone, a posted password is refused, and SSO still signs in', async ({ page }) => {
  await page.goto(`${ssoOnly.url}/login`)
  await expect(page.getByRole('link', { name: 'Logga in med kommunens konto' })).toBeVisible()
  await expect(page.getByLabel('Lösenord')).toHaveCount(0)
  await expect(page.getByLabel('E-postadress')).toHaveCount(0)
  await expectAccessible(page)
  const posted = await page.request.post(`${ssoOnly.url}/login`, { form: { email: 'anna.sso@kommun.example.se', password: 'vad-som-helst-123' }, headers: { Origin: ssoOnly.url }, maxRedirects: 0 })
  expect(posted.status()).toBe(403)
  await expectSignedOut(page, ssoOnly)
  await signInAtProvider(page, ssoOnly, 'anna.sso@kommun.example.se')
  await expect(page).toHaveURL(`${ssoOnly.url}/situation`)
})
