import { withDatabase } from './database'
import { expect, expectAccessible, signIn, test, toast } from './fixtures'

const NORR = 'Barn och unga Utredning Norr'

test('central runs matching, reads an explanation, approves one loan and rejects another; the manager sees it', async ({ page, browser }) => {
  // A run and four accessibility scans of pages that now carry answers and change forms per suggestion: more than 30 s on a busy machine.
  test.setTimeout(120_000)
  await signIn(page, 'central')
  const report = page.getByRole('region', { name: /Veckorapport/ })
  const upcomingBefore = Number(await report.getByText('Godkända lån som börjar senare').locator('xpath=following-sibling::dd').innerText())

  await page.getByRole('link', { name: 'Matchning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Matchning' })).toBeVisible()
  await page.getByRole('button', { name: 'Kör matchning' }).click()
  await expect(toast(page).filter({ hasText: 'Matchningen är klar' })).toBeVisible({ timeout: 20_000 })
  await expectAccessible(page)

  const toNorr = page.getByRole('article').filter({ hasText: `till ${NORR}` }).first()
  await expect(toNorr).toBeVisible()
  const title = await toNorr.getByRole('heading', { level: 3 }).innerText()
  const person = title.split(' från ')[0]
  // By keyboard: focus stays on the toggle as the explanation opens and closes (WCAG 2.4.3).
  await toNorr.getByRole('link', { name: /^Varför det här förslaget\?/ }).focus()
  await page.keyboard.press('Enter')
  await expect(toNorr.getByRole('region', { name: 'Varför den här personen' })).toContainText('krav minst')
  await expect(toNorr.getByRole('link', { name: /^Dölj förklaringen/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(toNorr.getByRole('link', { name: /^Varför det här förslaget\?/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(toNorr.getByRole('region', { name: 'Varför den här personen' })).toContainText('krav minst')
  await expect(toNorr.getByRole('region', { name: `Varför ${NORR}` })).toContainText('Belastning efter')
  await expectAccessible(page)

  await toNorr.getByLabel(`Kommentar om ${person} (valfri)`).fill('Godkänt efter samråd med enheten.')
  await toNorr.getByRole('button', { name: `Godkänn ${person}` }).click()
  await expect(toast(page)).toContainText('Lånet är godkänt.')

  const other = page.getByRole('article').first()
  const otherTitle = await other.getByRole('heading', { level: 3 }).innerText()
  const otherPerson = otherTitle.split(' från ')[0]
  const otherUnit = otherTitle.split(' till ')[1]
  await other.getByRole('button', { name: `Avslå ${otherPerson}` }).click()
  await expect(toast(page)).toContainText('Förslaget är avslaget.')

  // The next run does not propose the rejected suggestion again (the same
  // person may still be proposed for another request), and offers to.
  const rejected = await withDatabase((db) => db.loan.findFirstOrThrow({ where: { status: 'REJECTED', decidedAt: { not: null } }, orderBy: { decidedAt: 'desc' }, select: { staffId: true, requestId: true } }))
  await page.getByRole('button', { name: 'Kör matchning' }).click()
  await expect(toast(page).filter({ hasText: 'Matchningen är klar' })).toBeVisible({ timeout: 20_000 })
  expect(await withDatabase((db) => db.loan.count({ where: { ...rejected, status: 'PROPOSED' } })), 'the rejected person proposed again for the same request').toBe(0)
  const again = page.getByRole('group', { name: 'Avvisade förslag föreslås inte igen för samma förfrågan' })
  await expect(again.getByRole('checkbox', { name: new RegExp(`^Föreslå avvisade igen: ${otherUnit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first()).toBeVisible()

  await page.getByRole('link', { name: 'Lån', exact: true }).click()
  await expect(page.getByRole('row', { name: new RegExp(person) })).toContainText('Godkänt')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Lägesbild' }).click()
  await expect(report.getByText('Godkända lån som börjar senare').locator('xpath=following-sibling::dd')).toHaveText(String(upcomingBefore + 1))

  await page.getByRole('link', { name: 'Logg' }).click()
  await expect(page.getByRole('cell', { name: 'loan.approve' }).first()).toBeVisible()
  await expectAccessible(page)

  const managerContext = await browser.newContext()
  const manager = await managerContext.newPage()
  await signIn(manager, 'manager')
  await expect(manager.getByRole('article').filter({ hasText: `Godkänt: ${person}` })).toBeVisible()
  await managerContext.close()
})

test('central’s other pages are accessible', async ({ page }) => {
  await signIn(page, 'central')
  for (const [link, heading] of [
    ['Uppföljning', 'Uppföljning'],
    ['Kompetenser', 'Kompetenser, områden och policy'],
  ]) {
    await page.getByRole('link', { name: link, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expectAccessible(page)
  }
})

test('a manager cannot approve a loan', async ({ page }) => {
  await signIn(page, 'manager')
  const response = await page.request.post('/matching', { form: { intent: 'approve', loanId: 'any' } })
  expect(response.status()).toBe(403)
})
