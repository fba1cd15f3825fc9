// Each unit's figures week by week, with no silent gaps: a week nobody
// updated carries the last figures forward and says so. The Monday snapshot
// writes those carried weeks down, so history, trend and forecast agree.
import { now as clockNow } from '~/utils/clock'
import { prisma, type Tx } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { unitCapacities } from './unit-capacity.server'

export type WeekFigures = {
  weekStart: Date
  openCases: number
  points: number
  /** Capacity at work that week (FTE, experience-adjusted). */
  staffFte: number
  /** True when nobody entered figures that week and the last ones were carried forward. */
  carriedForward: boolean
}

/** Figures are flagged as stale after this many days without an update. */
export const STALE_AFTER_DAYS = 14

export function isStale(updatedAt: Date, now: Date = clockNow()) {
  return now.getTime() - updatedAt.getTime() > STALE_AFTER_DAYS * 86_400_000
}

/**
 * `weeks` weeks of figures per unit ending with the week of `until`, oldest
 * first. A week without a row repeats the previous week's figures, marked as
 * carried forward; weeks before the unit's first figures are null.
 */
export async function weeklyFigures(weeks: number, until: Date, unitIds?: string[], db: Tx = prisma): Promise<Map<string, (WeekFigures | null)[]>> {
  const last = weekStart(until)
  const first = addWeeks(last, -weeks + 1)
  const inUnits = unitIds ? { unitId: { in: unitIds } } : {}
  const [rows, before] = await Promise.all([
    db.unitCaseload.findMany({
      where: { weekStart: { gte: first, lte: last }, ...inUnits },
      orderBy: { weekStart: 'asc' },
      select: { unitId: true, weekStart: true, openCases: true, points: true, staffFte: true, carriedForward: true },
    }),
    // The last figures before the window, so its first weeks need not be blank.
    db.unitCaseload.findMany({
      where: { weekStart: { lt: first }, ...inUnits },
      orderBy: { weekStart: 'desc' },
      distinct: ['unitId'],
      select: { unitId: true, weekStart: true, openCases: true, points: true, staffFte: true, carriedForward: true },
    }),
  ])
  const byUnit = new Map<string, Map<number, WeekFigures>>()
  for (const r of rows) {
    let m = byUnit.get(r.unitId)
    if (!m) byUnit.set(r.unitId, (m = new Map()))
    m.set(r.weekStart.getTime(), r)
  }
  const earlier = new Map(before.map((r) => [r.unitId, r]))
  const result = new Map<string, (WeekFigures | null)[]>()
  for (const unitId of new Set([...byUnit.keys(), ...earlier.keys(), ...(unitIds ?? [])])) {
    const m = byUnit.get(unitId)
    let previous: WeekFigures | null = earlier.get(unitId) ?? null
    const list: (WeekFigures | null)[] = []
    for (let i = 0; i < weeks; i++) {
      const monday = addWeeks(first, i)
      const row = m?.get(monday.getTime())
      if (row) previous = row
      list.push(row ? { ...row, weekStart: monday } : previous ? { ...previous, weekStart: monday, carriedForward: true } : null)
    }
    result.set(unitId, list)
  }
  return result
}

/**
 * The Monday job: every unit gets a row for the week. Where nobody has entered
 * figures yet this week, the unit's last figures are carried forward and
 * marked; rows already there are left alone. Safe to run twice.
 */
export async function snapshotWeek(now: Date = clockNow(), db: Tx = prisma) {
  const day = today(now)
  const monday = weekStart(day)
  const [units, existing, capacity] = await Promise.all([
    db.unit.findMany({ select: { id: true, openCases: true, casePoints: true, openCasesUpdatedAt: true, caseCounts: { select: { caseTypeId: true, count: true } } } }),
    db.unitCaseload.findMany({ where: { weekStart: monday }, select: { unitId: true } }),
    unitCapacities(monday, day, undefined, db),
  ])
  const done = new Set(existing.map((r) => r.unitId))
  const missing = units.filter((u) => !done.has(u.id))
  // One upsert each: a manager saving at the same moment keeps their row.
  for (const u of missing) {
    await db.unitCaseload.upsert({
      where: { unitId_weekStart: { unitId: u.id, weekStart: monday } },
      update: {},
      create: {
        unitId: u.id,
        weekStart: monday,
        openCases: u.openCases,
        points: u.casePoints,
        counts: Object.fromEntries(u.caseCounts.map((c) => [c.caseTypeId, c.count])),
        staffFte: capacity.get(u.id)?.capacityFte ?? 0,
        carriedForward: true,
        figuresAt: u.openCasesUpdatedAt,
      },
    })
  }
  return { week: monday, carried: missing.length, units: units.length }
}
