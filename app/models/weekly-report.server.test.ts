import { PDFParse } from 'pdf-parse'
import { describe, expect, test } from 'vitest'
import { createArea, createStaff, createUnit, createUser, defaultCaseType } from '../../tests/factories'
import { getFixedT } from '~/i18n'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'
import { setUnitCaseCounts } from './case-types.server'
import { weeklyReportCsv } from './weekly-report-csv.server'
import { weeklyReportPdf } from './weekly-report-pdf.server'
import { archiveMissedWeeks, archiveWeeklyReport, commentWeeklyReport, getWeeklyReport } from './weekly-report.server'

const actorOf = async (id: string) => (await getActorById(id))!
const DAY = 86_400_000

async function municipality() {
  const area = await createArea({ casesPerFte: 10 })
  const unit = await createUnit({ areaId: area.id, openCases: 0, name: 'Enheten Norr' })
  for (let i = 0; i < 2; i++) await createStaff({ unitId: unit.id, fte10: 10, caseload: 0 })
  const manager = await actorOf((await createUser({ role: 'MANAGER', unitIds: [unit.id] })).id)
  const central = await actorOf((await createUser({ role: 'CENTRAL' })).id)
  const staff = await actorOf((await createUser({ role: 'STAFF' })).id)
  return { area, unit, manager, central, staff, type: await defaultCaseType(area.id) }
}

describe('the weekly report', () => {
  test('a week’s report is kept with central’s comment, and later changes do not move it', async () => {
    const { area, unit, manager, central, staff, type } = await municipality()
    const now = new Date()
    const week = isoWeekId(weekStart(today(now)))
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 30 }], now)
    await commentWeeklyReport(central, week, 'Trycket ökar i norr.', now)
    await expect(commentWeeklyReport(manager, week, 'Nej', now)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(commentWeeklyReport(central, week, 'x'.repeat(4001), now)).rejects.toMatchObject({ path: 'comment' })
    const live = await getWeeklyReport(staff, week, now)
    expect(live).toMatchObject({ state: 'live', archived: false, comment: 'Trycket ökar i norr.' })
    const liveArea = live.figures.areas.find((a) => a.id === area.id)!
    expect(liveArea).toMatchObject({ units: 1, openCases: 30, points: 30, reasonablePoints: 20, loadWithLoans: 1.5, unitsOverCap: 1 })

    // The next Monday the job archives the week that ended; then the manager enters new figures.
    const next = new Date(now.getTime() + 7 * DAY)
    expect(await archiveWeeklyReport(weekStart(today(now)))).toBe(true)
    expect(await archiveWeeklyReport(weekStart(today(now)))).toBe(false)
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 50 }], next)
    const kept = await getWeeklyReport(central, week, next)
    expect(kept).toMatchObject({ archived: true, weekId: week, comment: 'Trycket ökar i norr.' })
    expect(kept.figures.areas.find((a) => a.id === area.id)).toMatchObject({ openCases: 30, points: 30, loadWithLoans: 1.5 })
    const current = await getWeeklyReport(central, undefined, next)
    expect(current.figures.areas.find((a) => a.id === area.id)).toMatchObject({ openCases: 50, points: 50 })
    expect(current.change.areas[area.id]).toEqual({ points: 20, load: 1 })
    expect(current.trend.weeks.at(-1)).toBe(isoWeekId(weekStart(today(next))))
    expect(current.trend.areas[area.id].slice(-2)).toEqual([1.5, 2.5])
    await expect(getWeeklyReport(central, isoWeekId(addWeeks(weekStart(today(next)), 1)), next)).rejects.toMatchObject({ path: 'week' })
    await expect(getWeeklyReport(central, 'vecka 5', next)).rejects.toMatchObject({ path: 'week' })
  })

  test('an ended week nobody kept is rebuilt from history when read, and the read stores nothing; the Monday job keeps it; no week before the history', async () => {
    const { area, unit, manager, central, staff, type } = await municipality()
    const now = new Date()
    const current = weekStart(today(now))
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 40 }], new Date(now.getTime() - 21 * DAY))
    const missed = isoWeekId(addWeeks(current, -3))
    const rows = () => prisma.weeklyReport.count()
    const before = await rows()
    const rebuilt = await getWeeklyReport(staff, missed, now)
    expect(rebuilt).toMatchObject({ weekId: missed, state: 'rebuilt', archived: false })
    expect(rebuilt.figures.areas.find((a) => a.id === area.id)).toMatchObject({ openCases: 40, points: 40 })
    // Read again, and through the PDF's text: still nothing stored.
    await getWeeklyReport(central, missed, now)
    expect(await rows()).toBe(before)
    // Weeks before any figures are refused by name, and store nothing either.
    for (const week of ['1950-W10', isoWeekId(addWeeks(current, -200))]) {
      await expect(getWeeklyReport(staff, week, now)).rejects.toMatchObject({ path: 'week', message: 'workload.report.weekBeforeHistory' })
    }
    await expect(commentWeeklyReport(central, '1950-W10', 'Gammalt', now)).rejects.toMatchObject({ path: 'week' })
    expect(await rows()).toBe(before)

    // The Monday job keeps the weeks it missed; the report then reads as kept, even after the figures change.
    expect(await archiveMissedWeeks(addWeeks(current, -1))).toBeGreaterThanOrEqual(2)
    expect(await archiveMissedWeeks(addWeeks(current, -1))).toBe(0)
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 10 }], now)
    const kept = await getWeeklyReport(staff, missed, now)
    expect(kept).toMatchObject({ state: 'archived', archived: true })
    expect(kept.figures.areas.find((a) => a.id === area.id)).toMatchObject({ openCases: 40, points: 40 })
  })

  test('the PDF carries the municipality, the week, the figures and the comment; the CSV the same figures', async () => {
    const { area, unit, manager, central, type } = await municipality()
    await prisma.settings.upsert({ where: { id: 'default' }, create: { id: 'default', municipalityName: 'Testkommunen' }, update: { municipalityName: 'Testkommunen' } })
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 37 }])
    const week = isoWeekId(weekStart(today()))
    await commentWeeklyReport(central, week, 'Läget är ansträngt.')
    const report = await getWeeklyReport(central, week)
    const pdf = await weeklyReportPdf(report, { municipality: 'Testkommunen', locale: 'sv', t: getFixedT('sv') })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const parser = new PDFParse({ data: new Uint8Array(pdf) })
    const { text } = await parser.getText()
    await parser.destroy()
    expect(text).toContain('Testkommunen')
    expect(text).toContain(`Lägesbild vecka ${week}`)
    expect(text).toContain(area.nameSv)
    expect(text).toContain(`${report.figures.totals.openCases} ärenden, ${report.figures.totals.points} poäng`)
    expect(text).toContain(`${area.nameSv} 37 37 20 185 %`)
    expect(text).toContain('Läget är ansträngt.')
    expect(text).toContain('185 %') // this area: 37 points on 2 FTE at 10 per post
    const csv = weeklyReportCsv(report, 'sv', getFixedT('sv'))
    expect(csv).toContain(`Vecka;${week}`)
    expect(csv).toContain(`Område;;${area.nameSv};37;37;20;185;185;`)
    expect(csv).toContain('Enheten Norr')
    expect(csv).toContain('Läget är ansträngt.')
  })
})
