// The people a loan moves are told, and can answer (issue #12), end to end
// against a real SMTP server on the loopback (smtp-server, run for the whole
// e2e run by e2e/support/mail-drop-server.ts, read back with mailparser):
// central runs matching; the person proposed finds the proposal in her inbox
// and answers; central approves with a changed extent; the person, the
// lending manager and the receiving manager each get a Swedish e-mail naming
// the person, the unit, the weeks and the extent, and an inbox message; the
// person's calendar feed holds the loan (read with node-ical).
import ical from 'node-ical'
import { addWeeks, isoWeek, today, weekStart } from '../app/utils/weeks'
import { withDatabase } from './database'
import { DEMO, expect, signIn, test, toast } from './fixtures'
import { herSuggestion, lendablePersonWithAccount, NORR, signInInOwnBrowser, type LendablePerson } from './support/lendable-person'
import { deliveredMails } from './support/smtp'

const EMAIL = 'avisering@e2e.avlast.se'
const SKILL = 'Aviseringsmetod (e2e)'
const monday = weekStart(today())
const weeks = `v. ${isoWeek(addWeeks(monday, 1))}–${isoWeek(addWeeks(monday, 4))}`
let her: LendablePerson
let lendingManagers: string[] = []

test.beforeAll(async () => {
  her = await withDatabase((db) =>
    lendablePersonWithAccount(db, {
      email: EMAIL,
      skill: { key: 'e2e-avisering', nameSv: SKILL, nameEn: 'Notice method (e2e)' },
      motivations: ['Ett ärende som kräver aviseringsmetoden (e2e).'],
    }),
  )
  lendingManagers = await withDatabase(async (db) =>
    (await db.unitManager.findMany({ where: { unit: { name: her.unitName } }, select: { user: { select: { email: true } } } })).map((m) => m.user.email),
  )
})

const mailTo = async (address: string, subject: RegExp, since: number) =>
  (await deliveredMails(since)).find((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '').includes(address) && subject.test(m.subject ?? ''))

test('a proposal reaches the person’s inbox, she answers; the approval with a changed extent is mailed to her and both managers, and lands in her calendar', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  // Mail of this attempt only (a retry finds the first attempt's mail in the drop too).
  const started = Date.now()
  expect(lendingManagers.length, 'her unit has a manager').toBeGreaterThan(0)
  await signIn(page, 'central')
  await page.goto('/matching')
  await page.getByRole('button', { name: 'Kör matchning' }).click()
  await expect(toast(page).filter({ hasText: 'Matchningen är klar' })).toBeVisible({ timeout: 60_000 })

  // Her inbox tells her of the proposal and leads to it; she answers there.
  const { context: staffContext, page: staff } = await signInInOwnBrowser(browser, EMAIL)
  await expect(staff.getByRole('link', { name: /Meddelanden, \d+ oläst/ })).toBeVisible()
  await staff
    .getByRole('link', { name: /Meddelanden/ })
    .first()
    .click()
  const proposed = staff.getByRole('article').filter({ hasText: `Förslag om utlån: ${her.name} till ${NORR}` })
  await expect(proposed).toContainText(weeks)
  await proposed.getByRole('link').first().click()
  await staff.waitForURL((url) => url.pathname === '/profile')
  const proposal = staff
    .getByRole('region', { name: 'Förslag som gäller dig' })
    .getByRole('article')
    .filter({ hasText: `${her.name} till ${NORR}` })
    .first()
  await proposal.getByLabel('Det fungerar').check()
  await proposal.getByRole('button', { name: /Skicka svar/ }).click()
  await expect(toast(staff)).toContainText('Ditt svar är sparat.')

  // Central sees her yes and approves 0,3 of a post instead of what was proposed.
  await page.goto('/matching')
  const suggestion = await herSuggestion(page, her, SKILL)
  await expect(suggestion.getByRole('region', { name: 'Svar före beslut' })).toContainText(`Medarbetaren ${her.name}: Det fungerar`)
  await suggestion.getByText('Godkänn med ändrad omfattning eller andra veckor').click()
  await suggestion.getByLabel(`Omfattning för ${her.name} (heltid)`).fill('0,3')
  await suggestion.getByRole('button', { name: `Godkänn med ändringarna ${her.name}` }).click()
  await expect(toast(page)).toContainText('Förslaget är godkänt med ändringarna.')

  // Three e-mails in Swedish: the person, the lending manager, the receiving manager.
  const approved = new RegExp(`Utlån godkänt: ${her.name} till ${NORR}`)
  for (const address of [EMAIL, lendingManagers[0], DEMO.manager]) {
    await expect.poll(async () => Boolean(await mailTo(address, approved, started)), { message: `an e-mail to ${address}`, timeout: 60_000 }).toBe(true)
    const text = (await mailTo(address, approved, started))!.text ?? ''
    expect(text).toContain(her.name)
    expect(text).toContain(NORR)
    expect(text).toContain(weeks)
    expect(text).toMatch(/30\s%/)
    expect(text).toMatch(/Öppna i Avlast: http/)
  }

  // And in her inbox.
  await staff.reload()
  await staff.goto('/inbox')
  await expect(staff.getByRole('article').filter({ hasText: `Utlån godkänt: ${her.name} till ${NORR}` })).toContainText(/30\s%/)

  // And in the inbox of both managers, each signed in on their own.
  for (const manager of [lendingManagers[0], DEMO.manager]) {
    const { context, page: inbox } = await signInInOwnBrowser(browser, manager)
    await inbox.goto('/inbox')
    await expect(inbox.getByRole('article').filter({ hasText: `Utlån godkänt: ${her.name} till ${NORR}` }), `the inbox of ${manager}`).toContainText(/30\s%/)
    await context.close()
  }

  // Her calendar feed: made on her profile, fetched as a calendar program would (no session).
  await staff.goto('/profile')
  await staff.getByRole('button', { name: 'Skapa kalenderadress' }).click()
  const feedUrl = await staff.getByLabel('Kalenderadress').inputValue()
  await staffContext.close()
  const response = await fetch(feedUrl)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/calendar')
  const events = Object.values(ical.sync.parseICS(await response.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
  const loanEvents = events.filter((e) => String(e.location) === NORR)
  expect(loanEvents.length).toBeGreaterThan(0)
  const first = new Date(Math.min(...loanEvents.map((e) => new Date(e.start).getTime())))
  expect(isoWeek(first)).toBe(isoWeek(addWeeks(monday, 1)))
  expect(String(loanEvents[0].summary)).toMatch(/30\s%/)
})
