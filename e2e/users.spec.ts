// User administration and local passwords on the demo municipality: who is
// refused, and two-factor sign-in from enrolling to signing in with a code.
import { generate } from 'otplib'
import { withDatabase } from './database'
import { DEMO_PASSWORD, expect, expectAccessible, signIn, test, toast } from './fixtures'

const CREATE_USER = { query: 'mutation { createUser(input: { email: "ny@kommun.se", name: "Ny", role: CENTRAL }) { id } }' }

for (const role of ['manager', 'staff'] as const) {
  test(`a ${role} is refused /admin/users (403) and createUser (FORBIDDEN), and has no menu item for it`, async ({ page, loginAs }) => {
    await loginAs(role)
    await expect(page.getByRole('link', { name: 'Användare', exact: true })).toHaveCount(0)
    for (const path of ['/admin/users', '/admin/users/new']) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(403)
      await expect(page.getByText('Du har inte behörighet till den här sidan.')).toBeVisible()
    }
    const api = await page.request.post('/graphql', { data: CREATE_USER, headers: { Origin: new URL(page.url()).origin } })
    expect((await api.json()).errors[0].extensions.code).toBe('FORBIDDEN')
  })
}

test('an unknown set-password link is refused with a clear message', async ({ page }) => {
  const response = await page.goto(`/set-password/${'x'.repeat(43)}`)
  expect(response?.status()).toBe(410)
  await expect(page.getByText('Länken gäller inte längre: den har redan använts eller gått ut.')).toBeVisible()
})

test('central finds a user and changes their units; a manager of two units sees both in the menu', async ({ page, browser }) => {
  await signIn(page, 'central')
  await page.getByRole('link', { name: 'Användare', exact: true }).click()
  await page.getByLabel('Sök på namn eller e-postadress').fill('chef.lss')
  await page.getByRole('button', { name: 'Sök' }).click()
  await page
    .getByRole('row', { name: /chef\.lss@demo\.avlast\.se/ })
    .getByRole('link')
    .click()
  await page.waitForLoadState('networkidle')
  await page.getByLabel(/Vuxen Socialpsykiatri/).check()
  await page.getByRole('button', { name: 'Spara' }).click()
  await expect(toast(page)).toContainText('Ändringarna är sparade.')
  await expectAccessible(page)

  const context = await browser.newContext()
  const manager = await context.newPage()
  await manager.goto('/login')
  await manager.getByLabel('E-postadress').fill('chef.lss@demo.avlast.se')
  await manager.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await manager.getByRole('button', { name: 'Logga in' }).click()
  const menu = manager.getByRole('navigation', { name: 'Huvudmeny' })
  await expect(menu.getByRole('link', { name: 'LSS-handläggning' })).toBeVisible()
  await menu.getByRole('link', { name: 'Vuxen Socialpsykiatri' }).click()
  await expect(manager.getByRole('heading', { level: 1, name: 'Vuxen Socialpsykiatri' })).toBeVisible()
  await context.close()
})

test('two-factor sign-in: enrol by QR code or key, then signing in asks for the code', async ({ page }) => {
  const email = 'chef.eb-vaster@demo.avlast.se'
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill(email)
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.getByRole('link', { name: 'Mitt konto' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible()
  await page.getByRole('button', { name: 'Aktivera tvåstegsverifiering' }).click()
  await expect(page.getByRole('img', { name: 'QR-kod för att lägga till Avlast i autentiseringsappen' })).toBeVisible()
  await expectAccessible(page)
  const secret = await page.getByLabel('Nyckel att skriva in för hand').inputValue()
  await page.getByLabel('Kod från appen (6 siffror)').fill('000000')
  await page.getByRole('button', { name: 'Bekräfta och aktivera' }).click()
  await expect(page.getByText('Koden stämmer inte')).toBeVisible()
  await page.getByLabel('Kod från appen (6 siffror)').fill(await generate({ secret }))
  await page.getByRole('button', { name: 'Bekräfta och aktivera' }).click()
  await expect(toast(page)).toContainText('Tvåstegsverifiering är aktiverad.')
  await page.getByRole('button', { name: 'Logga ut' }).click()

  // The browser that signed in is remembered for the sign-in throttle; forget it, to see the code step remember it again.
  const deviceCookie = async () => (await page.context().cookies()).find((c) => c.name === '__avlast_device')
  expect(await deviceCookie()).toMatchObject({ httpOnly: true, path: '/login', sameSite: 'Lax' })
  await page.context().clearCookies({ name: '__avlast_device' })
  await page.getByLabel('E-postadress').fill(email)
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('heading', { name: 'Kod från autentiseringsappen' })).toBeVisible()
  await expectAccessible(page)
  // A code from the next 30 seconds: the one that enrolled is used up.
  await page.getByLabel('Kod från appen (6 siffror)').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }))
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page).toHaveURL(/\/units\/[\w-]+$/)
  expect(await deviceCookie()).toMatchObject({ httpOnly: true })
})

test('everyone changes their own password under Mitt konto', async ({ page }) => {
  // A demo account no other test signs in with: its password stays changed.
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill('central2@demo.avlast.se')
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.getByRole('link', { name: 'Mitt konto' }).click()
  await page.waitForLoadState('networkidle')
  await page.getByLabel('Nuvarande lösenord').fill('fel-lösenord')
  await page.getByLabel('Nytt lösenord').fill('Kanel-Bulle-I-Kyrkan-5')
  await page.getByLabel('Upprepa det nya lösenordet').fill('Kanel-Bulle-I-Kyrkan-5')
  await page.getByRole('button', { name: 'Byt lösenord' }).click()
  await expect(page.getByText('Det nuvarande lösenordet stämmer inte.')).toBeVisible()
  await page.getByLabel('Nuvarande lösenord').fill(DEMO_PASSWORD)
  await page.getByLabel('Nytt lösenord').fill('kort')
  await page.getByLabel('Upprepa det nya lösenordet').fill('kort')
  await page.getByRole('button', { name: 'Byt lösenord' }).click()
  await expect(page.getByText('Lösenordet behöver vara minst 12 tecken.')).toBeVisible()
  await page.getByLabel('Nytt lösenord').fill('Kanel-Bulle-I-Kyrkan-5')
  await page.getByLabel('Upprepa det nya lösenordet').fill('Kanel-Bulle-I-Kyrkan-5')
  await page.getByRole('button', { name: 'Byt lösenord' }).click()
  await expect(toast(page)).toContainText('Lösenordet är bytt.')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Logga ut' }).click()
  await page.getByLabel('E-postadress').fill('central2@demo.avlast.se')
  await page.getByLabel('Lösenord').fill('Kanel-Bulle-I-Kyrkan-5')
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page).toHaveURL(/\/situation$/)
})

test('central creates an integration and a read-only token for it: the token reads the API and is refused changes', async ({ page, request }) => {
  await signIn(page, 'central')
  await page.getByRole('link', { name: 'Integrationer' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Integrationer' })).toBeVisible()
  await page.waitForLoadState('networkidle')
  await page.getByLabel('Namn på integrationen').fill('Ärendesystemet')
  await page.getByRole('button', { name: 'Skapa integrationen' }).click()
  await expect(toast(page)).toContainText('Integrationen är skapad.')
  const form = page.getByRole('form', { name: 'Ny nyckel för Ärendesystemet' })
  await form.getByLabel('Namn på nyckeln').fill('Nattlig läsning')
  const lastDay = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
  await form.getByLabel('Gäller till och med').fill(lastDay)
  await form.getByRole('button', { name: 'Skapa nyckel' }).click()
  const token = await page.getByLabel('Den nya API-nyckeln').inputValue()
  expect(token).toMatch(/^avl_/)
  await expect(page.getByRole('row', { name: /Nattlig läsning/ })).toContainText('Bara läsa')
  await expectAccessible(page)

  const read = await request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: { query: '{ me { name role } }' } })
  expect(await read.json()).toEqual({ data: { me: { name: 'Ärendesystemet', role: 'CENTRAL' } } })
  const write = await request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: { query: 'mutation { runMatching { run { id } } }' } })
  expect((await write.json()).errors[0].extensions.code).toBe('FORBIDDEN')
  await page.reload()
  await expect(page.getByRole('row', { name: /Nattlig läsning/ })).not.toContainText('Aldrig')
})

test('a deactivated person: their open session stops at the next request, their API token at once, and they cannot sign in; reactivated, they can', async ({
  page,
  browser,
  request,
}) => {
  const email = 'chef.aldre-ost@demo.avlast.se'
  const context = await browser.newContext()
  const person = await context.newPage()
  await person.goto('/login')
  await person.getByLabel('E-postadress').fill(email)
  await person.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await person.getByRole('button', { name: 'Logga in' }).click()
  await expect(person).toHaveURL(/\/units\/[\w-]+$/)
  await person.goto('/profile/tokens')
  await person.getByLabel('Namn på nyckeln').fill('Verksamhetssystemet')
  await person.getByRole('button', { name: 'Skapa nyckel' }).click()
  const token = await person.getByLabel('Din nya API-nyckel').inputValue()
  const me = () => request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: { query: '{ me { email } }' } })
  expect(await (await me()).json()).toEqual({ data: { me: { email } } })

  await signIn(page, 'central')
  await page.goto('/admin/users?q=chef.aldre-ost')
  await page
    .getByRole('row', { name: /chef\.aldre-ost@demo\.avlast\.se/ })
    .getByRole('link')
    .click()
  await page.getByRole('button', { name: 'Stäng av kontot' }).click()
  await expect(toast(page)).toContainText('Kontot är avstängt.')

  await person.goto('/situation')
  await expect(person).toHaveURL(/\/login\?redirectTo=%2Fsituation&expired=1/)
  const refused = await me()
  expect(refused.status()).toBe(401)
  expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED')
  await person.getByLabel('E-postadress').fill(email)
  await person.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await person.getByRole('button', { name: 'Logga in' }).click()
  await expect(person.getByText('Fel e-postadress eller lösenord.')).toBeVisible()

  await page.getByRole('button', { name: 'Aktivera kontot igen' }).click()
  await expect(toast(page)).toContainText('Kontot är aktivt igen.')
  await person.getByLabel('E-postadress').fill(email)
  await person.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await person.getByRole('button', { name: 'Logga in' }).click()
  await expect(person).toHaveURL(/\/situation$/)
  // The old token stays revoked.
  expect((await me()).status()).toBe(401)
  await context.close()
})

test('an expired set-password link is refused (410) with the same message as a used one', async ({ page, browser }) => {
  await signIn(page, 'central')
  await page.goto('/admin/users?q=chef.vuxen-beroende')
  await page
    .getByRole('row', { name: /chef\.vuxen-beroende@demo\.avlast\.se/ })
    .getByRole('link')
    .click()
  await page.getByRole('button', { name: 'Skapa länk för att välja lösenord' }).click()
  const link = await page.getByLabel('Länk för att välja lösenord').inputValue()
  const context = await browser.newContext()
  const person = await context.newPage()
  await person.goto(link, { waitUntil: 'networkidle' })
  await expect(person.getByRole('heading', { name: 'Välj lösenord' })).toBeVisible()
  // A day later, as far as the link knows: its expiry moved into the past in the app's database.
  await withDatabase(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: 'chef.vuxen-beroende@demo.avlast.se' }, select: { id: true } })
    await db.setPasswordToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 60_000) } })
  })
  // The page opened before the expiry cannot save either.
  await person.getByLabel('Nytt lösenord').fill('Kanel-Bulle-I-Kyrkan-5')
  await person.getByLabel('Upprepa lösenordet').fill('Kanel-Bulle-I-Kyrkan-5')
  await person.getByRole('button', { name: 'Spara lösenordet' }).click()
  await expect(person.getByText('Länken gäller inte längre: den har redan använts eller gått ut.')).toBeVisible()
  const reopened = await person.goto(link)
  expect(reopened?.status()).toBe(410)
  await expect(person.getByText('Länken gäller inte längre: den har redan använts eller gått ut.')).toBeVisible()
  await context.close()
  // The old password still works.
  const check = await browser.newContext()
  const again = await check.newPage()
  await again.goto('/login')
  await again.getByLabel('E-postadress').fill('chef.vuxen-beroende@demo.avlast.se')
  await again.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await again.getByRole('button', { name: 'Logga in' }).click()
  await expect(again).toHaveURL(/\/units\/[\w-]+$/)
  await check.close()
})

test('the demo has an integration with a read-only token and a deactivated person, listed on the admin pages', async ({ page }) => {
  await signIn(page, 'central')
  await page.goto('/admin/integrations')
  await expect(page.getByRole('row', { name: /Personallista varje natt/ })).toContainText('Bara läsa')
  await page.goto('/admin/users?status=inactive')
  await expect(page.getByRole('row', { name: /karin\.ekholm@demo\.avlast\.se/ })).toContainText('Avstängd')
})
