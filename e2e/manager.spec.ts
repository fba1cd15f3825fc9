import { expect, expectAccessible, test, toast } from './fixtures'

test('a manager updates the caseload and creates a reinforcement request', async ({ page, loginAs }) => {
  await loginAs('manager')
  await expect(page.getByRole('heading', { level: 1, name: 'Barn och unga Utredning Norr' })).toBeVisible()
  await expectAccessible(page)

  // Counts per case type are covered in situation.spec.ts.
  await expect(page.getByRole('group', { name: 'Öppna ärenden per ärendetyp' })).toBeVisible()

  await page.getByRole('link', { name: 'Nytt förstärkningsbehov' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt förstärkningsbehov' })).toBeVisible()
  await page.getByLabel('Omfattning i heltid').fill('0,5')
  await page.getByRole('button', { name: 'Skicka behovet' }).click()
  await expect(page.getByText('Skriv en motivering.')).toBeVisible()
  await expect(page.getByText('Välj en kompetens.')).toBeVisible()
  await page.getByLabel('Motivering').fill('Två vakanser och ökat inflöde av orosanmälningar.')
  await page.getByLabel('Kompetens 1', { exact: true }).selectOption({ label: 'Barnsamtal' })
  await page.getByLabel('Lägsta nivå för kompetens 1').selectOption('2')
  await page.getByRole('button', { name: 'Lägg till kompetenskrav' }).click()
  await page.getByLabel('Kompetens 2', { exact: true }).selectOption({ label: 'Socialtjänstlagen (SoL)' })
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Skicka behovet' }).click()
  await expect(toast(page)).toContainText('Förstärkningsbehovet är skickat.')
  const card = page.getByRole('article').filter({ hasText: 'Två vakanser och ökat inflöde' })
  await expect(card).toContainText('0,5 heltid')
  await expect(card).toContainText('Barnsamtal minst nivå 2')
  await expect(card).toContainText('Öppen')
})

test('a manager cannot open another unit or central pages', async ({ page, loginAs }) => {
  await loginAs('manager')
  await page.goto('/situation')
  const otherUnit = page.getByRole('row', { name: /Ekonomiskt bistånd Väster/ })
  await expect(otherUnit.getByRole('link')).toHaveCount(0)
  for (const path of ['/matching', '/taxonomy', '/audit']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
  }
})

test('the request form works without JavaScript, errors next to each field', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill('chef@demo.avlast.se')
  await page.getByLabel('Lösenord').fill('avlast-demo')
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.getByRole('link', { name: 'Nytt förstärkningsbehov' }).click()
  await page.getByLabel('Omfattning i heltid').fill('25')
  await page.getByRole('button', { name: 'Skicka behovet' }).click()
  await expect(page.getByText('Omfattningen ska vara mellan 0,1 och 20 heltider.')).toBeVisible()
  await expect(page.getByLabel('Omfattning i heltid')).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('button', { name: 'Lägg till kompetenskrav' }).click()
  await expect(page.getByLabel('Kompetens 2', { exact: true })).toBeVisible()
  await page.getByLabel('Omfattning i heltid').fill('1')
  await page.getByLabel('Motivering').fill('Fler orosanmälningar än någonsin tidigare.')
  await page.getByLabel('Kompetens 1', { exact: true }).selectOption({ label: 'Barnsamtal' })
  await page.getByLabel('Kompetens 2', { exact: true }).selectOption({ label: 'LVU – vård av unga' })
  await page.getByRole('button', { name: 'Skicka behovet' }).click()
  await expect(page.getByText('Förstärkningsbehovet är skickat.')).toBeVisible()
  await expect(page.getByRole('article').filter({ hasText: 'Fler orosanmälningar' })).toContainText('LVU – vård av unga minst nivå 2')
  await context.close()
})

test('the unit page draws the forecast as a dashed continuation with its band, and gives its figures as a table', async ({ page, loginAs }) => {
  await loginAs('manager')
  const chart = page.getByRole('figure', { name: 'Poäng och prognos för de kommande 8 veckorna' })
  await expect(chart).toBeVisible()
  // The drawn chart (recharts, once scripts run): the history, the dashed forecast and the shaded band.
  await expect(chart.locator('path.recharts-curve[stroke-dasharray="6 4"]')).toHaveCount(1)
  await expect(chart.locator('.recharts-area-area')).toHaveCount(1)
  await expect(chart.getByText('Prognos', { exact: true })).toBeVisible()
  // The same figures for screen readers: eight forecast weeks, each with its 80 % range.
  await chart.getByText('Visa siffrorna som tabell').click()
  const forecastRows = chart.getByRole('row').filter({ hasText: '(prognos)' })
  await expect(forecastRows).toHaveCount(8)
  await expect(forecastRows.first().getByRole('cell').last()).toHaveText(/^[−-]?\d[\d\s]*(,\d+)?–[−-]?\d[\d\s]*(,\d+)?$/)
})
