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
  const open = row.getByRole('link', { name: /^Ändra lånet för / })
  const person = (await open.getAttribute('aria-label'))!.replace(/^Ändra lånet för /, '').replace(/ till .*$/, '')
  await open.click()
  // The form opens in a row of its own; the link keeps focus and says it is open.
  await expect(open).toHaveAttribute('aria-expanded', 'true')
  await expect(open).toBeFocused()
  const first = await page.getByLabel(`Ny första vecka för ${person}`).inputValue()
  const dayBefore = new Date(new Date(`${first}T12:00:00Z`).getTime() - 7 * 86_400_000).toISOString().slice(0, 10)
  const lastWeek = page.getByLabel(`Ny sista vecka för ${person}`)
  const planned = (await lastWeek.getAttribute('value'))!
  await lastWeek.fill(dayBefore)
  await expectAccessible(page)
  await page.getByRole('button', { name: `Ändra lånet ${person}` }).click()
  await expect(toast(page)).toContainText('Sista veckan kan inte vara före den första.')
  // Refused, the form stays open with what was written, to be corrected.
  await expect(lastWeek).toHaveValue(dayBefore)
  await expect(page.getByRole('row', { name: new RegExp(person) }).first()).toContainText('0,3 heltid')

  await lastWeek.fill(planned)
  await page.getByLabel(`Omfattning för ${person} (heltid)`).fill('0,2')
  await page.getByRole('button', { name: `Ändra lånet ${person}` }).click()
  await expect(toast(page)).toContainText('Lånet är ändrat.')
  await expect(page.getByRole('row', { name: new RegExp(person) }).first()).toContainText('0,2 heltid, Godkänt')
  await expect(page.getByLabel(`Omfattning för ${person} (heltid)`)).toHaveCount(0)
})
