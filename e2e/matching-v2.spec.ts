// SPEC version 2 end to end: a loan for the weeks a person is present, and a
// person the recovery rule keeps out, said on the page.
import type { Page } from '@playwright/test'
import { addWeeks, isoWeek, isoWeekId, today, weekStart } from '../app/utils/weeks'
import { withDatabase } from './database'
import { expect, expectAccessible, signIn, test, toast } from './fixtures'

const NORR = 'Barn och unga Utredning Norr'
const monday = weekStart(today())
const week = (n: number) => String(isoWeek(addWeeks(monday, n)))
const people = { present: '', resting: '' }

test.beforeAll(async () => {
  await withDatabase(async (db) => {
    const norr = await db.unit.findFirstOrThrow({ where: { name: NORR }, select: { id: true } })
    // Two people with room, from units with slack, never lent: each the only holder of a new skill.
    const candidates = await db.staff.findMany({
      where: { active: true, lendingConsent: true, unitId: { not: norr.id }, hireDate: { lt: addWeeks(monday, -60) }, loans: { none: {} }, user: null },
      select: { id: true, firstName: true, lastName: true, fte10: true, caseload: true, unit: { select: { openCases: true, casesPerFte: true, area: { select: { casesPerFte: true } }, staff: { select: { fte10: true } } } } },
      orderBy: { id: 'asc' },
    })
    const roomy = candidates.filter((s) => {
      const cpf = s.unit.casesPerFte ?? s.unit.area.casesPerFte
      const unitFte = s.unit.staff.reduce((sum, x) => sum + x.fte10 / 10, 0)
      return s.unit.openCases / cpf / unitFte < 0.85 && s.fte10 - (10 * s.caseload) / cpf >= 2
    })
    const [present, resting] = roomy
    people.present = `${present.firstName} ${present.lastName}`
    people.resting = `${resting.firstName} ${resting.lastName}`
    for (const [key, person] of [['a', present], ['b', resting]] as const) {
      // No cases of their own: all their working time is spare (the engine reads weighted case points).
      await db.staff.update({ where: { id: person.id }, data: { caseload: 0, caseloadPoints: 0 } })
      const skill = await db.skill.create({ data: { key: `e2e-ovanlig-${key}`, nameSv: `Ovanlig metod ${key.toUpperCase()} (e2e)`, nameEn: `Rare method ${key.toUpperCase()} (e2e)`, category: 'METHOD' } })
      await db.staffSkill.create({ data: { staffId: person.id, skillId: skill.id, level: 3 } })
    }
    // Away the whole of week 3.
    await db.absence.create({ data: { staffId: present.id, startDate: addWeeks(monday, 3), endDate: new Date(addWeeks(monday, 3).getTime() + 4 * 86_400_000) } })
    // Lent in each of the last 12 weeks: at the limit of 12 in 26 until week 14.
    const past = await db.reinforcementRequest.create({
      data: { unitId: norr.id, fte10: 2, startWeek: addWeeks(monday, -12), endWeek: addWeeks(monday, -1), motivation: 'Tidigare förstärkning (e2e).', status: 'CLOSED' },
    })
    await db.loan.create({ data: { staffId: resting.id, requestId: past.id, fte10: 2, startWeek: past.startWeek, endWeek: past.endWeek, status: 'COMPLETED' } })
  })
})

async function askFor(page: Page, skill: string, from: number, to: number) {
  await page.getByRole('link', { name: 'Nytt förstärkningsbehov' }).click()
  await page.getByLabel('Omfattning i heltid').fill('0,5')
  await page.getByLabel('Första vecka').fill(isoWeekId(addWeeks(monday, from)))
  await page.getByLabel('Sista vecka').fill(isoWeekId(addWeeks(monday, to)))
  await page.getByLabel('Kortaste användbara period (veckor)').fill('2')
  await page.getByLabel('Motivering').fill('Ett ärende som kräver en ovanlig metod (e2e).')
  await page.getByLabel('Kompetens 1', { exact: true }).selectOption({ label: skill })
  await page.getByLabel('Lägsta nivå för kompetens 1').selectOption('2')
  await page.getByRole('button', { name: 'Skicka behovet' }).click()
  await expect(toast(page)).toContainText('Förstärkningsbehovet är skickat.')
}

test('a loan for the weeks the only qualified person is present; a person at the recovery limit is not proposed, and the page says why', async ({ page, browser }) => {
  test.setTimeout(120_000)
  const managerContext = await browser.newContext()
  const manager = await managerContext.newPage()
  await signIn(manager, 'manager')
  await askFor(manager, 'Ovanlig metod A (e2e)', 1, 6)
  await askFor(manager, 'Ovanlig metod B (e2e)', 1, 4)
  await managerContext.close()

  await signIn(page, 'central')
  await page.getByRole('link', { name: 'Matchning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Matchning' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText(/Återhämtning: ingen är utlånad mer än 12 veckor under 26 veckor i följd/)).toBeAttached()
  await page.getByRole('button', { name: 'Kör matchning' }).click()
  await expect(toast(page).filter({ hasText: 'Matchningen är klar' })).toBeVisible({ timeout: 60_000 })
  await expectAccessible(page)

  // The suggestion may be on any page of them.
  // Her suggestion for the request that asks for method A (with no cases of her own she may be suggested elsewhere too).
  const hers = () => page.getByRole('article').filter({ hasText: `${people.present} från` }).filter({ hasText: 'Ovanlig metod A (e2e)' })
  let suggestion = hers()
  for (let n = 2; !(await suggestion.count()) && (await page.getByRole('link', { name: `Sida ${n}`, exact: true }).count()); n++) {
    await page.getByRole('link', { name: `Sida ${n}`, exact: true }).click()
    suggestion = hers()
  }
  await expect(suggestion).toContainText(`till ${NORR}`)
  await expect(suggestion).toContainText(`v. ${week(4)}–${week(6)} av behovets v. ${week(1)}–${week(6)}`)
  await suggestion.getByText('Varför det här förslaget?').click()
  await expect(suggestion.getByRole('region', { name: 'Varför de här veckorna' })).toContainText(`personen är ledig v. ${week(3)}`)
  await suggestion.getByRole('button', { name: `Godkänn ${people.present}` }).click()
  await expect(toast(page)).toContainText('Lånet är godkänt.')

  const gaps = page.getByRole('region', { name: 'Behov utan förslag' })
  const resting = gaps.getByRole('listitem').filter({ hasText: `${NORR}, v. ${week(1)}–${week(4)}` }).filter({ hasText: 'Ovanlig metod B (e2e)' })
  await expect(resting).toContainText(`1 vid gränsen för återhämtning: ${people.resting}`)
  await expect(page.getByRole('article').filter({ hasText: `${people.resting} från` })).toHaveCount(0)
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Lån', exact: true }).click()
  const loan = page.getByRole('row', { name: new RegExp(people.present) })
  await expect(loan).toContainText(`v. ${week(4)}–${week(6)}`)
  await expect(loan).toContainText('Godkänt')
})
