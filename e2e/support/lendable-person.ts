// A person the engine will propose, set up straight in the e2e database:
// someone with room in a unit with slack, never lent and never away, who
// signs in with an account of her own and alone holds a skill that the new
// requests for Barn och unga Utredning Norr ask for.
import type { Browser, Page } from '@playwright/test'
import type { PrismaClient } from '@prisma/client'
import { addWeeks, today, weekStart } from '../../app/utils/weeks'
import { DEMO, DEMO_PASSWORD } from '../fixtures'

export const NORR = 'Barn och unga Utredning Norr'

export type LendablePerson = { id: string; name: string; option: string; unitName: string; requestIds: string[] }

export async function lendablePersonWithAccount(
  db: PrismaClient,
  { email, skill, motivations }: { email: string; skill: { key: string; nameSv: string; nameEn: string }; motivations: string[] },
): Promise<LendablePerson> {
  const monday = weekStart(today())
  const norr = await db.unit.findFirstOrThrow({ where: { name: NORR }, select: { id: true } })
  const candidates = await db.staff.findMany({
    where: {
      active: true,
      lendingConsent: true,
      unitId: { not: norr.id },
      hireDate: { lt: addWeeks(monday, -60) },
      loans: { none: {} },
      user: null,
      absences: { none: {} },
    },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      fte10: true,
      unit: { select: { name: true, openCases: true, casesPerFte: true, area: { select: { casesPerFte: true } }, staff: { select: { fte10: true } } } },
    },
    orderBy: { id: 'desc' },
  })
  const found = candidates.find((s) => {
    const cpf = s.unit.casesPerFte ?? s.unit.area.casesPerFte
    const unitFte = s.unit.staff.reduce((sum, x) => sum + x.fte10 / 10, 0)
    return s.fte10 >= 8 && s.unit.openCases / cpf / unitFte < 0.8
  })!
  const name = `${found.firstName} ${found.lastName}`
  // No cases of her own: all her working time is spare.
  await db.staff.update({ where: { id: found.id }, data: { caseload: 0, caseloadPoints: 0 } })
  const demo = await db.user.findUniqueOrThrow({ where: { email: DEMO.staff }, select: { password: { select: { hash: true } } } })
  await db.user.create({ data: { email, name, role: 'STAFF', staffId: found.id, password: { create: { hash: demo.password!.hash } } } })
  const created = await db.skill.create({ data: { ...skill, category: 'METHOD' } })
  await db.staffSkill.create({ data: { staffId: found.id, skillId: created.id, level: 3 } })
  const requestIds: string[] = []
  for (const motivation of motivations) {
    const request = await db.reinforcementRequest.create({
      data: {
        unitId: norr.id,
        fte10: 10,
        minChunk10: 2,
        startWeek: addWeeks(monday, 1),
        endWeek: addWeeks(monday, 4),
        motivation,
        skills: { create: { skillId: created.id, minLevel: 2 } },
      },
    })
    requestIds.push(request.id)
  }
  return { id: found.id, name, option: `${name} (${found.unit.name})`, unitName: found.unit.name, requestIds }
}

/** A browser of its own, signed in with this account (demo password). */
export async function signInInOwnBrowser(browser: Browser, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill(email)
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  return { context, page }
}

/** Her suggestion on the matching page (central's), paging on until it is found. */
export async function herSuggestion(page: Page, her: LendablePerson, skill: string) {
  const hers = () =>
    page
      .getByRole('article')
      .filter({ hasText: `${her.name} från` })
      .filter({ hasText: skill })
  let suggestion = hers()
  for (let n = 2; !(await suggestion.count()) && (await page.getByRole('link', { name: `Sida ${n}`, exact: true }).count()); n++) {
    await page.getByRole('link', { name: `Sida ${n}`, exact: true }).click()
    suggestion = hers()
  }
  return suggestion.first()
}
