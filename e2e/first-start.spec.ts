// Putting Avlast into service: an empty database, no demo data, the first
// administrator from the command line, then everyone else from the pages.
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, toast } from './fixtures'
import { runScript, startApp, type App } from './support/app'

const ADMIN = { email: 'it@kommun.example.se', password: 'Första-Dagen-I-Tjänst-7' }
const MANAGER_PASSWORD = 'Chefens-Eget-Lösenord-42'

let app: App
test.beforeAll(async () => {
  test.setTimeout(180_000)
  app = await startApp('first-start', { SEED_DEMO: '0' }, { start: true })
})
test.afterAll(async () => app?.stop())

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/login`)
  await page.getByLabel('E-postadress').fill(email)
  await page.getByLabel('Lösenord').fill(password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

test('on an empty database, user:create makes the first central user, who creates a manager that lands on their unit; deactivating ends the manager’s open session', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  // Nothing was seeded: not even the demo accounts can sign in.
  await page.goto(`${app.url}/login`)
  await page.getByLabel('E-postadress').fill('central@demo.avlast.se')
  await page.getByLabel('Lösenord').fill('avlast-demo')
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByText('Fel e-postadress eller lösenord.')).toBeVisible()

  const out = runScript(
    app,
    'scripts/user-create.ts',
    ['--email', ADMIN.email, '--name', 'Ida IT', '--role', 'CENTRAL', '--password-stdin'],
    `${ADMIN.password}\n`,
  )
  expect(out).toContain(`Användaren ${ADMIN.email} är skapad (Central enhet).`)

  await signIn(page, ADMIN.email, ADMIN.password)
  await expect(page).toHaveURL(/\/situation$/)

  // The first unit: an area of work, then the unit from the HR system's file.
  await page.goto(`${app.url}/taxonomy`, { waitUntil: 'networkidle' })
  const areaForm = page.locator('form').filter({ hasText: 'Nytt verksamhetsområde' })
  await areaForm.getByLabel('Nyckel').fill('ivo')
  await areaForm.getByLabel('Namn på svenska').fill('Individ och familj')
  await areaForm.getByLabel('Namn på engelska').fill('Individual and family')
  await areaForm.getByLabel('Rimlig ärendebelastning').fill('25')
  await areaForm.getByRole('button', { name: 'Lägg till område' }).click()
  await expect(toast(page)).toBeVisible()
  await page.goto(`${app.url}/admin/import`, { waitUntil: 'networkidle' })
  const csv =
    'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Anställningsdatum\r\nSara;Berg;sara.berg@kommun.example.se;Socialsekreterare;Mottagningen;mott;Individ och familj;1;2020-01-01\r\n'
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'hr.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  await page.getByRole('button', { name: 'Genomför importen' }).click()
  await expect(toast(page)).toContainText('Importen är genomförd')

  // A manager for the unit, from the menu's Användare.
  await page.getByRole('link', { name: 'Användare', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Ny användare' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ny användare' })).toBeVisible()
  // Typed before the page's scripts start, a value can be reset by them.
  await page.waitForLoadState('networkidle')
  await page.getByLabel('E-postadress').fill('chef.mott@kommun.example.se')
  await page.getByLabel('Namn', { exact: true }).fill('Maja Chef')
  await page.getByLabel('Roll').selectOption('MANAGER')
  await page.getByRole('button', { name: 'Skapa användaren' }).click()
  await expect(page.getByText('En enhetschef behöver minst en enhet.')).toBeVisible()
  await page.getByLabel(/Mottagningen/).check()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Skapa användaren' }).click()
  await expect(toast(page)).toContainText('Användaren Maja Chef är skapad.')
  await page.getByRole('button', { name: 'Skapa länk för att välja lösenord' }).click()
  const link = await page.getByLabel('Länk för att välja lösenord').inputValue()
  expect(link).toMatch(new RegExp(`^${app.url}/set-password/`))
  await expectAccessible(page)

  // The manager chooses a password through the link, signs in and lands on their unit.
  const managerContext = await browser.newContext()
  const manager = await managerContext.newPage()
  await manager.goto(link, { waitUntil: 'networkidle' })
  await expect(manager.getByRole('heading', { name: 'Välj lösenord' })).toBeVisible()
  await manager.getByLabel('Nytt lösenord').fill('password1234')
  await manager.getByLabel('Upprepa lösenordet').fill('password1234')
  await manager.getByRole('button', { name: 'Spara lösenordet' }).click()
  await expect(manager.getByText('Lösenordet är för vanligt eller lätt att gissa.')).toBeVisible()
  await manager.getByLabel('Nytt lösenord').fill(MANAGER_PASSWORD)
  await manager.getByLabel('Upprepa lösenordet').fill(MANAGER_PASSWORD)
  await manager.getByRole('button', { name: 'Spara lösenordet' }).click()
  await expect(toast(manager)).toContainText('Lösenordet är sparat.')
  await manager.getByLabel('E-postadress').fill('chef.mott@kommun.example.se')
  await manager.getByLabel('Lösenord').fill(MANAGER_PASSWORD)
  await manager.getByRole('button', { name: 'Logga in' }).click()
  await expect(manager).toHaveURL(/\/units\/[\w-]+$/)
  await expect(manager.getByRole('heading', { level: 1, name: 'Mottagningen' })).toBeVisible()

  // The used link is refused.
  const again = await manager.goto(link)
  expect(again?.status()).toBe(410)
  await expect(manager.getByText('Länken gäller inte längre')).toBeVisible()

  // Central deactivates the manager: the manager's open session stops at the next request.
  await page.getByRole('button', { name: 'Stäng av kontot' }).click()
  await expect(toast(page)).toContainText('Kontot är avstängt.')
  await manager.goto(`${app.url}/situation`)
  await expect(manager).toHaveURL(/\/login\?redirectTo=%2Fsituation&expired=1/)
  await managerContext.close()
})
