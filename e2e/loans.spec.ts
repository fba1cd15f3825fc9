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

test('central changes an approved loan: a last week before the first is refused in words, a smaller extent is kept and shown', async ({ page }) => {
  await signIn(page, 'central')
  await page.goto('/loans')
  const row = page.getByRole('row').filter({ hasText: 'Godkänt' }).filter({ hasText: '0,3 heltid' }).first()
  const summary = row.getByText(/^Ändra lånet för /)
  const person = (await summary.innerText()).replace(/^Ändra lånet för /, '').replace(/ till .*$/, '')
  await summary.click()
  const first = await row.getByLabel(`Ny första vecka för ${person}`).inputValue()
  const dayBefore = new Date(new Date(`${first}T12:00:00Z`).getTime() - 7 * 86_400_000).toISOString().slice(0, 10)
  await row.getByLabel(`Ny sista vecka för ${person}`).fill(dayBefore)
  await expectAccessible(page)
  await row.getByRole('button', { name: `Ändra lånet ${person}` }).click()
  await expect(toast(page)).toContainText('Sista veckan kan inte vara före den första.')

  const again = page.getByRole('row', { name: new RegExp(person) })
  await expect(again).toContainText('0,3 heltid')
  // The form stays open with what was written, to be corrected.
  await expect(again.getByLabel(`Ny sista vecka för ${person}`)).toHaveValue(dayBefore)
  // Back to the loan's own last week (the value the page was sent with).
  await again.getByLabel(`Ny sista vecka för ${person}`).fill((await again.getByLabel(`Ny sista vecka för ${person}`).getAttribute('value'))!)
  await again.getByLabel(`Omfattning för ${person} (heltid)`).fill('0,2')
  await again.getByRole('button', { name: `Ändra lånet ${person}` }).click()
  await expect(toast(page)).toContainText('Lånet är ändrat.')
  await expect(page.getByRole('row', { name: new RegExp(person) })).toContainText('0,2 heltid, Godkänt')
})
