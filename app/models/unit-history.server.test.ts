import { describe, expect, test } from 'vitest'
import { createStaff, createUnit, createUser, defaultCaseType } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { setUnitCaseCounts } from './case-types.server'
import { getSituation, getUnitLoadHistory } from './units.server'
import { createJobRunner } from '~/jobs/runner.server'
import { RECURRING_TASKS } from '~/jobs/registry.server'
import { snapshotWeek } from './unit-history.server'

const actorOf = async (id: string) => (await getActorById(id))!
const DAY = 86_400_000

async function unitWithManager() {
  const unit = await createUnit({ openCases: 0 })
  await createStaff({ unitId: unit.id, fte10: 10, caseload: 0 })
  const manager = await actorOf((await createUser({ role: 'MANAGER', unitIds: [unit.id] })).id)
  const type = await defaultCaseType(unit.areaId)
  return { unit, manager, type }
}

describe('fresh figures', () => {
  test('the Monday snapshot carries the last figures forward and marks them; it never overwrites an entered week', async () => {
    const { unit, manager, type } = await unitWithManager()
    const entered = new Date()
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 30 }], entered)
    const next = new Date(entered.getTime() + 7 * DAY)
    const first = await snapshotWeek(next)
    expect(first.carried).toBeGreaterThanOrEqual(1)
    await snapshotWeek(next) // twice in a week changes nothing
    const rows = await prisma.unitCaseload.findMany({ where: { unitId: unit.id }, orderBy: { weekStart: 'asc' } })
    expect(rows.map((r) => ({ points: r.points, openCases: r.openCases, carriedForward: r.carriedForward }))).toEqual([
      { points: 30, openCases: 30, carriedForward: false },
      { points: 30, openCases: 30, carriedForward: true },
    ])
    expect(rows[1].figuresAt?.getTime()).toBe(entered.getTime())
    // The week of `entered` was entered by hand: a snapshot then leaves it as it is.
    await snapshotWeek(entered)
    expect(await prisma.unitCaseload.findUniqueOrThrow({ where: { unitId_weekStart: { unitId: unit.id, weekStart: weekStart(today(entered)) } } })).toMatchObject({ carriedForward: false, points: 30 })
  })

  test('figures older than 14 days are flagged; the trend repeats carried weeks and marks them instead of a gap', async () => {
    const { unit, manager, type } = await unitWithManager()
    const entered = new Date()
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 20 }], entered)
    const at = (days: number) => new Date(entered.getTime() + days * DAY)
    expect((await getSituation(manager, 4, at(13))).find((r) => r.id === unit.id)).toMatchObject({ stale: false })
    // No snapshot ran at all: the read still carries the figures forward, marked.
    const later = (await getSituation(manager, 4, at(15))).find((r) => r.id === unit.id)!
    expect(later.stale).toBe(true)
    expect(later.figuresUpdatedAt.getTime()).toBe(entered.getTime())
    // 20 points on 1 FTE at 20 per post: load 1 in every week from the entered one on.
    const enteredWeek = weekStart(today(entered)).getTime()
    const weeks = [3, 2, 1, 0].map((back) => addWeeks(weekStart(today(at(15))), -back).getTime())
    expect(later.trend).toEqual(weeks.map((w) => (w < enteredWeek ? null : 1)))
    expect(later.trendCarried).toEqual(weeks.map((w, i) => w > enteredWeek && i < 3))
    const history = await getUnitLoadHistory(manager, unit.id, 4, at(15))
    expect(history.map((h) => h.carriedForward)).toEqual(history.map((h) => h.weekStart.getTime() !== weekStart(today(entered)).getTime()))
    expect(history.at(-1)?.weekStart.getTime()).toBe(weeks[3])
  })

  test('the weekly task runs once a week through the job queue: this week’s rows, last week’s report kept', async () => {
    const { unit, manager, type } = await unitWithManager()
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: type.id, count: 12 }], new Date(Date.now() - 7 * DAY))
    await prisma.unitCaseload.deleteMany({ where: { unitId: unit.id, weekStart: weekStart(today()) } })
    const runner = createJobRunner({ jobs: [], tasks: RECURRING_TASKS.filter((t) => t.name === 'situation.weekly') })
    await runner.scheduleRecurring()
    await runner.runDue()
    expect(await prisma.unitCaseload.findUniqueOrThrow({ where: { unitId_weekStart: { unitId: unit.id, weekStart: weekStart(today()) } } })).toMatchObject({ points: 12, carriedForward: true })
    expect(await prisma.weeklyReport.findUniqueOrThrow({ where: { weekStart: addWeeks(weekStart(today()), -1) } })).toMatchObject({ archivedAt: expect.any(Date) })
    expect(await prisma.job.findFirst({ where: { key: { startsWith: 'task:situation.weekly:' } }, select: { status: true } })).toEqual({ status: 'DONE' })
    // Queued again in the same week: nothing new.
    await runner.scheduleRecurring()
    expect(await runner.runDue()).toBe(0)
  })
})
