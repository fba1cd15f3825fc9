import { expect, expectAccessible, test } from './fixtures'

test.describe('sign-in', () => {
  test('the sign-in page is in Swedish and accessible', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/login/)
    await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv')
    await expectAccessible(page)
  })

  test('empty fields get a Swedish message next to each field', async ({ page }) => {
    await page.goto('/login')
    await page.getByRole('button', { name: 'Logga in' }).click()
    await expect(page.getByText('Ange din e-postadress.')).toBeVisible()
    await expect(page.getByText('Ange ditt lösenord.')).toBeVisible()
    await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true')
  })

  test('a wrong password gets a clear message, without JavaScript too', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('E-postadress').fill('chef@demo.avlast.se')
    await page.getByLabel('Lösenord').fill('fel-lösenord')
    await page.getByRole('button', { name: 'Logga in' }).click()
    await expect(page.getByText('Fel e-postadress eller lösenord.')).toBeVisible()
    await expect(page).toHaveURL(/\/login/)
    await context.close()
  })

  test('staff land on their profile', async ({ page, loginAs }) => {
    await loginAs('staff')
    await expect(page).toHaveURL(/\/profile$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Sara Nilsson' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Mina kompetenser' })).toBeVisible()
    await expectAccessible(page)
  })

  test('a manager lands on their unit under pressure', async ({ page, loginAs }) => {
    await loginAs('manager')
    await expect(page).toHaveURL(/\/units\/[\w-]+$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Barn och unga Utredning Norr' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Förstärkningsbehov' })).toBeVisible()
    await expectAccessible(page)
  })

  test('central lands on the situation picture, and can sign out', async ({ page, loginAs }) => {
    await loginAs('central')
    await expect(page).toHaveURL(/\/situation$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Lägesbild' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Logga ut' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/situation')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsituation/)
  })

  test('staff are refused a unit page', async ({ page, loginAs }) => {
    await loginAs('staff')
    await page.goto('/situation')
    const unitLink = await page.locator('a[href^="/units/"]').count()
    expect(unitLink).toBe(0)
    const response = await page.goto('/units/any-unit')
    expect(response?.status()).toBe(403)
    await expect(page.getByText('Du har inte behörighet till den här sidan.')).toBeVisible()
  })

  test('the interface switches to English and back', async ({ page }) => {
    await page.goto('/login')
    await page.getByRole('button', { name: 'In English' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.getByRole('button', { name: 'På svenska' }).click()
    await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  })
})
