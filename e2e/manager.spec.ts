import { expect, expectAccessible, test, toast } from './fixtures'

test('a manager updates the caseload and creates a reinforcement request', async ({ page, loginAs }) => {
  await loginAs('manager')
  await expect(page.getByRole('heading', { level: 1, name: 'Barn och unga Utredning Norr' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Öppna ärenden just nu').fill('-3')
  await page.getByRole('button', { name: 'Spara ärendeantal' }).click()
  await expect(page.getByText('Ange antalet öppna ärenden som ett heltal från 0.')).toBeVisible()
  await page.getByLabel('Öppna ärenden just nu').fill('275')
  await page.getByRole('button', { name: 'Spara ärendeantal' }).click()
  await expect(toast(page)).toContainText('Ärendeantalet är uppdaterat.')
  await expect(page.getByText('275', { exact: true })).toBeVisible()

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
