// Consultation end to end: the person proposed answers "Jag har invändningar"
// with a comment on her profile, central reads it on the matching page and
// approves with a changed extent; a loan central books by hand over the cap
// on the person is refused with the rule named.
import { addWeeks, isoWeek, today, weekStart } from '../app/utils/weeks'
import { withDatabase } from './database'
import { expect, expectAccessible, signIn, test, toast } from './fixtures'
import { herSuggestion, lendablePersonWithAccount, NORR, signInInOwnBrowser, type LendablePerson } from './support/lendable-person'

const EMAIL = 'samrad@e2e.avlast.se'
const SKILL = 'Samrådsmetod (e2e)'
const COMMENT = 'Jag har en utbildning vecka två.'
const monday = weekStart(today())
const week = (n: number) => String(isoWeek(addWeeks(monday, n)))
let her: LendablePerson

test.beforeAll(async () => {
  her = await withDatabase((db) =>
    lendablePersonWithAccount(db, {
      email: EMAIL,
      skill: { key: 'e2e-samrad', nameSv: SKILL, nameEn: 'Consultation method (e2e)' },
      motivations: ['Ett ärende som kräver samrådsmetoden (e2e).', 'Ytterligare ett ärende med samrådsmetoden (e2e).'],
    }),
  )
})

test('the person objects with a comment, central sees it and approves with a changed extent; a manual booking over the cap is refused with the reason', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000)
  await signIn(page, 'central')
  await page.goto('/matching')
  await page.getByRole('button', { name: 'Kör matchning' }).click()
  await expect(toast(page).filter({ hasText: 'Matchningen är klar' })).toBeVisible({ timeout: 60_000 })

  // She signs in and answers on her profile, with the engine's reasons at hand.
  const { context: staffContext, page: staff } = await signInInOwnBrowser(browser, EMAIL)
  await staff.goto('/profile')
  const proposals = staff.getByRole('region', { name: 'Förslag som gäller dig' })
  const proposal = proposals
    .getByRole('article')
    .filter({ hasText: `${her.name} till ${NORR}` })
    .first()
  await expect(proposal).toContainText(`v. ${week(1)}`)
  await proposal.getByText('Varför föreslås lånet?').click()
  await expect(proposal.getByRole('region', { name: 'Varför den här personen' })).toContainText(SKILL)
  await proposal.getByLabel('Jag har invändningar').check()
  await proposal.getByLabel(/Kommentar/).fill(COMMENT)
  await proposal.getByRole('button', { name: /Skicka svar/ }).click()
  await expect(toast(staff)).toContainText('Ditt svar är sparat.')
  await expect(staff.getByRole('region', { name: 'Förslag som gäller dig' })).toContainText('Ditt svar: Jag har invändningar')
  await expectAccessible(staff)
  await staffContext.close()

  // Central sees the answer before deciding, and approves with 0,2 instead.
  await page.goto('/matching')
  const suggestion = await herSuggestion(page, her, SKILL)
  await expect(suggestion.getByRole('region', { name: 'Svar före beslut' })).toContainText(`Medarbetaren ${her.name}: Jag har invändningar – ”${COMMENT}”`)
  await suggestion.getByText('Godkänn med ändrad omfattning eller andra veckor').click()
  await suggestion.getByLabel(`Omfattning för ${her.name} (heltid)`).fill('0,2')
  await suggestion.getByRole('button', { name: `Godkänn med ändringarna ${her.name}` }).click()
  await expect(toast(page)).toContainText('Förslaget är godkänt med ändringarna.')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Lån', exact: true }).click()
  await expect(page.getByRole('row', { name: new RegExp(her.name) }).filter({ hasText: 'Godkänt' })).toContainText('0,2')

  // A full post booked by hand to the other request on top of that: over the cap on the person, refused with the rule named.
  const approved = await withDatabase((db) =>
    db.loan.findFirstOrThrow({ where: { staffId: her.id, status: { in: ['APPROVED', 'ACTIVE'] } }, select: { requestId: true } }),
  )
  const other = her.requestIds.find((id) => id !== approved.requestId)!
  await page.goto('/matching/book')
  await expect(page.getByRole('heading', { level: 1, name: 'Boka ett lån manuellt' })).toBeVisible()
  await page.getByLabel('Behov').selectOption(other)
  await page.getByRole('button', { name: 'Visa medarbetare som passar' }).click()
  await page.getByLabel('Medarbetare').selectOption({ label: her.option })
  await page.getByLabel('Omfattning (heltid, t.ex. 0,5)').fill('1,0')
  await page.getByRole('button', { name: 'Boka lånet' }).click()
  await expect(page.getByRole('alert')).toContainText('Lånet kan inte bokas: Taket för personens belastning')
  expect(await withDatabase((db) => db.loan.count({ where: { staffId: her.id, requestId: other, status: { in: ['APPROVED', 'ACTIVE'] } } }))).toBe(0)
  await expectAccessible(page)
})
