import { expect, expectAccessible, signIn, test, toast } from './fixtures'

test('central ends a loan under way early; it shows its last week and the planned one, and stays among the lent loans', async ({ page }) => {
  await signIn(page, 'central')
  await page.getByRole('link', { name: 'Lån', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lån' })).toBeVisible()
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: /i förtid$/ }) }).first()
  const button = row.getByRole('button', { name: /i förtid$/ })
  const person = (await button.innerText()).replace(/^Avsluta lånet för /, '').replace(/ i förtid$/, '')
  await expect(row.getByLabel(`Sista veckan för ${person}`)).toBeVisible()
  await expectAccessible(page)
  await button.click()
  await expect(toast(page)).toContainText('Lånet är avslutat i förtid.')

  const ended = page.getByRole('row', { name: new RegExp(person) })
  await expect(ended).toContainText('Avslutat i förtid')
  await expect(ended).toContainText(/Avslutat i förtid vecka \d+ \(planerat till vecka \d+\)/)
  await expect(ended.getByRole('button')).toHaveCount(0)

  await page.getByLabel('Visa').selectOption('ENDED_EARLY')
  await page.getByRole('button', { name: 'Visa' }).click()
  await expect(page.getByRole('row', { name: new RegExp(person) })).toBeVisible()
  await expectAccessible(page)
})
