// The weekly situation report (lägesbild) for the nämnd. This week's report
// is live; when a week has ended, the Monday job archives its figures, so an
// earlier week always reads as it stood. A week the job missed is rebuilt
// from the units' history when read, never stored by a read. Central
// comments on any week since the history began.
import type { Prisma } from '@prisma/client'
import { cached } from '~/utils/cache.server'
import { now as clockNow } from '~/utils/clock'
import { prisma } from '~/utils/db.server'
import { InputError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { addWeeks, isoWeekId, parseWeek, today, weekStart } from '~/utils/weeks'
import { loanFlows } from './follow-up.server'
import { reasonableCaseload, unitLoad } from './load'
import { audit } from './audit.server'
import type { ReportState } from './report-state'
import { getSituation } from './units.server'
import { isStale, weeklyFigures } from './unit-history.server'

export const REPORT_TREND_WEEKS = 12

export type ReportUnit = {
  id: string
  name: string
  areaId: string
  openCases: number
  points: number
  reasonablePoints: number
  staffFte: number
  load: number | null
  loadWithLoans: number | null
  lentFte: number
  receivedFte: number
  carriedForward: boolean
  stale: boolean
}

type Sums = {
  units: number
  unitsOverCap: number
  staleUnits: number
  openCases: number
  points: number
  reasonablePoints: number
  staffFte: number
  lentFte: number
  receivedFte: number
  /** Points above what the staff at work (with loans) can reasonably carry, in FTE. */
  overloadFte: number
  load: number | null
  loadWithLoans: number | null
}

export type ReportArea = Sums & { id: string; nameSv: string; nameEn: string }

type RequestTotals = { openRequests: number; openRequestFte10: number; pendingSuggestions: number | null; upcomingLoans: number | null }

export type ReportFigures = {
  week: string
  totals: Sums & RequestTotals
  areas: ReportArea[]
  units: ReportUnit[]
}

const r3 = (v: number) => Math.round(v * 1000) / 1000

function sum(units: ReportUnit[], casesPerFte: Map<string, number>): Sums {
  const s = { units: units.length, unitsOverCap: 0, staleUnits: 0, openCases: 0, points: 0, reasonablePoints: 0, staffFte: 0, lentFte: 0, receivedFte: 0, overloadFte: 0 }
  let withLoans = 0
  for (const u of units) {
    const cpf = casesPerFte.get(u.id)!
    s.unitsOverCap += (u.loadWithLoans ?? 0) > 1 || u.loadWithLoans === null ? 1 : 0
    s.staleUnits += u.stale ? 1 : 0
    s.openCases += u.openCases
    s.points += u.points
    s.reasonablePoints += u.reasonablePoints
    s.staffFte += u.staffFte
    s.lentFte += u.lentFte
    s.receivedFte += u.receivedFte
    s.overloadFte += Math.max(0, u.points / cpf - (u.staffFte - u.lentFte + u.receivedFte))
    withLoans += cpf * (u.staffFte - u.lentFte + u.receivedFte)
  }
  const load = s.reasonablePoints > 0 ? s.points / s.reasonablePoints : s.points > 0 ? null : 0
  const loadWithLoans = withLoans > 0 ? s.points / withLoans : s.points > 0 ? null : 0
  return {
    ...s,
    points: r3(s.points),
    reasonablePoints: r3(s.reasonablePoints),
    staffFte: r3(s.staffFte),
    lentFte: r3(s.lentFte),
    receivedFte: r3(s.receivedFte),
    overloadFte: r3(s.overloadFte),
    load: load === null ? null : r3(load),
    loadWithLoans: loadWithLoans === null ? null : r3(loadWithLoans),
  }
}

async function unitMeta() {
  return prisma.unit.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, areaId: true, casesPerFte: true, area: { select: { id: true, nameSv: true, nameEn: true, casesPerFte: true } } },
  })
}

function assemble(week: Date, meta: Awaited<ReturnType<typeof unitMeta>>, units: ReportUnit[], requests: RequestTotals): ReportFigures {
  const cpf = new Map(meta.map((u) => [u.id, reasonableCaseload(u.casesPerFte, u.area.casesPerFte)]))
  const areas = new Map(meta.map((u) => [u.area.id, u.area]))
  return {
    week: isoWeekId(week),
    totals: { ...sum(units, cpf), ...requests },
    areas: [...areas.values()]
      .sort((a, b) => a.nameSv.localeCompare(b.nameSv, 'sv'))
      .map((a) => ({ id: a.id, nameSv: a.nameSv, nameEn: a.nameEn, ...sum(units.filter((u) => u.areaId === a.id), cpf) })),
    units,
  }
}

/** This week's figures, from the situation picture as it stands (a read model: cached until the next change). */
export function liveFigures(actor: Actor, now: Date = clockNow()): Promise<ReportFigures> {
  return cached(`report-live:${today(now).getTime()}`, () => loadLiveFigures(actor, now))
}

async function loadLiveFigures(actor: Actor, now: Date): Promise<ReportFigures> {
  const monday = weekStart(today(now))
  const [rows, meta, openRequests, pending, upcoming] = await Promise.all([
    getSituation(actor, 1, now),
    unitMeta(),
    prisma.reinforcementRequest.aggregate({ where: { status: 'OPEN' }, _count: { _all: true }, _sum: { fte10: true } }),
    prisma.loan.count({ where: { status: 'PROPOSED' } }),
    prisma.loan.count({ where: { status: 'APPROVED' } }),
  ])
  const units: ReportUnit[] = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      areaId: r.areaId,
      openCases: r.openCases,
      points: r.casePoints,
      reasonablePoints: r.reasonablePoints,
      staffFte: r.staffFte,
      load: r.load === null ? null : r3(r.load),
      loadWithLoans: r.loadWithLoans === null ? null : r3(r.loadWithLoans),
      lentFte: r.lentNow,
      receivedFte: r.receivedNow,
      carriedForward: false,
      stale: r.stale,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
  return assemble(monday, meta, units, {
    openRequests: openRequests._count._all,
    openRequestFte10: openRequests._sum.fte10 ?? 0,
    pendingSuggestions: pending,
    upcomingLoans: upcoming,
  })
}

/**
 * An ended week's figures from its history rows and the loans in it. The
 * requests are those open now when the week has just ended (the Monday job),
 * or, for a week rebuilt later, those whose period covered the week.
 */
async function pastFigures(week: Date, justEnded: boolean): Promise<ReportFigures> {
  const end = addWeeks(week, 1)
  const [meta, history, flows, requests] = await Promise.all([
    unitMeta(),
    weeklyFigures(1, week),
    loanFlows(week, 1),
    justEnded
      ? prisma.reinforcementRequest.aggregate({ where: { status: 'OPEN' }, _count: { _all: true }, _sum: { fte10: true } })
      : prisma.reinforcementRequest.aggregate({
          where: { status: { not: 'CANCELLED' }, startWeek: { lte: week }, endWeek: { gte: week }, createdAt: { lt: end } },
          _count: { _all: true },
          _sum: { fte10: true },
        }),
  ])
  const figuresAt = new Map(
    (await prisma.unitCaseload.findMany({ where: { weekStart: week }, select: { unitId: true, figuresAt: true } })).map((r) => [r.unitId, r.figuresAt]),
  )
  const units: ReportUnit[] = meta.flatMap((u) => {
    const h = history.get(u.id)?.[0]
    if (!h) return []
    const cpf = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
    const lent = flows.lent.get(u.id)?.[0] ?? 0
    const received = flows.received.get(u.id)?.[0] ?? 0
    const load = unitLoad(h.points, cpf, h.staffFte)
    const withLoans = unitLoad(h.points, cpf, h.staffFte - lent + received)
    const updated = figuresAt.get(u.id) ?? (h.carriedForward ? null : week)
    return [
      {
        id: u.id,
        name: u.name,
        areaId: u.areaId,
        openCases: h.openCases,
        points: h.points,
        reasonablePoints: r3(cpf * h.staffFte),
        staffFte: h.staffFte,
        load: load === null ? null : r3(load),
        loadWithLoans: withLoans === null ? null : r3(withLoans),
        lentFte: lent,
        receivedFte: received,
        carriedForward: h.carriedForward,
        stale: h.carriedForward && (updated === null || isStale(updated, end)),
      },
    ]
  })
  return assemble(week, meta, units, {
    openRequests: requests._count._all,
    openRequestFte10: requests._sum.fte10 ?? 0,
    pendingSuggestions: null,
    upcomingLoans: null,
  })
}

/** The Monday job: the week that just ended is kept as it stood. Re-running keeps the first archive. */
export async function archiveWeeklyReport(week: Date, justEnded = true) {
  const existing = await prisma.weeklyReport.findUnique({ where: { weekStart: week }, select: { archivedAt: true } })
  if (existing?.archivedAt) return false
  const figures = (await pastFigures(week, justEnded)) as unknown as Prisma.InputJsonValue
  await prisma.weeklyReport.upsert({
    where: { weekStart: week },
    create: { weekStart: week, figures, archivedAt: clockNow() },
    update: { figures, archivedAt: clockNow() },
  })
  return true
}

/** The first week with any unit's figures (this week on a new installation): no report before it. */
async function firstHistoryWeek(current: Date) {
  const first = await prisma.unitCaseload.findFirst({ orderBy: { weekStart: 'asc' }, select: { weekStart: true } })
  return first && first.weekStart < current ? weekStart(first.weekStart) : current
}

async function parseReportWeek(week: string | Date | undefined, now: Date): Promise<Date> {
  const current = weekStart(today(now))
  if (week === undefined) return current
  const monday = week instanceof Date ? weekStart(week) : parseWeek(week)
  if (!monday || monday > current) throw new InputError('week', 'workload.report.weekInvalid')
  if (monday < (await firstHistoryWeek(current))) throw new InputError('week', 'workload.report.weekBeforeHistory')
  return monday
}

async function figuresFor(actor: Actor, week: Date, now: Date): Promise<{ figures: ReportFigures; state: ReportState }> {
  if (week.getTime() === weekStart(today(now)).getTime()) return { figures: await liveFigures(actor, now), state: 'live' }
  const row = await prisma.weeklyReport.findUnique({ where: { weekStart: week }, select: { figures: true, archivedAt: true } })
  if (row?.figures && row.archivedAt) return { figures: row.figures as unknown as ReportFigures, state: 'archived' }
  return { figures: await pastFigures(week, false), state: 'rebuilt' }
}

/**
 * The Monday job's catch-up: ended weeks since the history began, at most
 * REPORT_TREND_WEEKS back, that were never kept (the job was not running)
 * are kept now, rebuilt from history. Returns how many.
 */
export async function archiveMissedWeeks(lastEnded: Date) {
  const from = addWeeks(lastEnded, -REPORT_TREND_WEEKS)
  const start = await firstHistoryWeek(lastEnded)
  const kept = new Set(
    (await prisma.weeklyReport.findMany({ where: { weekStart: { gte: from, lt: lastEnded }, archivedAt: { not: null } }, select: { weekStart: true } })).map((r) => r.weekStart.getTime()),
  )
  let archived = 0
  for (let week = from > start ? from : start; week < lastEnded; week = addWeeks(week, 1)) {
    if (!kept.has(week.getTime()) && (await archiveWeeklyReport(week, false))) archived++
  }
  return archived
}

/** Area loads over the weeks up to `week`, oldest first, from the units' history (carried weeks included). */
async function areaTrend(week: Date) {
  return cached(`report-trend:${week.getTime()}`, async () => {
    const [meta, history] = await Promise.all([unitMeta(), weeklyFigures(REPORT_TREND_WEEKS, week)])
    const areas = new Map<string, { points: number[]; capacity: number[] }>()
    for (const u of meta) {
      const cpf = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
      const a = areas.get(u.areaId) ?? { points: new Array(REPORT_TREND_WEEKS).fill(0), capacity: new Array(REPORT_TREND_WEEKS).fill(0) }
      areas.set(u.areaId, a)
      ;(history.get(u.id) ?? []).forEach((h, i) => {
        if (!h) return
        a.points[i] += h.points
        a.capacity[i] += cpf * h.staffFte
      })
    }
    return {
      weeks: Array.from({ length: REPORT_TREND_WEEKS }, (_, i) => isoWeekId(addWeeks(week, i - REPORT_TREND_WEEKS + 1))),
      areas: new Map([...areas].map(([id, a]) => [id, a.points.map((p, i) => (a.capacity[i] > 0 ? r3(p / a.capacity[i]) : null))])),
    }
  })
}

/** The report for a week (this week when none is given): figures, change since the week before, trend and comment. */
export async function getWeeklyReport(actor: Actor, week?: string | Date, now: Date = clockNow()) {
  const monday = await parseReportWeek(week, now)
  const [{ figures, state }, previous, row, trend] = await Promise.all([
    figuresFor(actor, monday, now),
    prisma.weeklyReport.findUnique({ where: { weekStart: addWeeks(monday, -1) }, select: { figures: true, archivedAt: true } }).then((p) =>
      p?.figures && p.archivedAt ? (p.figures as unknown as ReportFigures) : pastFigures(addWeeks(monday, -1), false),
    ),
    prisma.weeklyReport.findUnique({ where: { weekStart: monday }, select: { comment: true, commentedAt: true, commentedBy: { select: { name: true } } } }),
    areaTrend(monday),
  ])
  const before = new Map(previous.areas.map((a) => [a.id, a]))
  const change = (now: { points: number; loadWithLoans: number | null }, then: { points: number; loadWithLoans: number | null } | undefined) =>
    then ? { points: r3(now.points - then.points), load: now.loadWithLoans !== null && then.loadWithLoans !== null ? r3(now.loadWithLoans - then.loadWithLoans) : null } : null
  return {
    week: monday,
    weekId: isoWeekId(monday),
    state,
    archived: state === 'archived',
    figures,
    change: {
      totals: previous.units.length ? change(figures.totals, previous.totals) : null,
      areas: Object.fromEntries(figures.areas.map((a) => [a.id, change(a, before.get(a.id))])),
    },
    trend: { weeks: trend.weeks, areas: Object.fromEntries(figures.areas.map((a) => [a.id, trend.areas.get(a.id) ?? []])) },
    comment: row?.comment ?? null,
    commentedAt: row?.commentedAt ?? null,
    commentedBy: row?.commentedBy?.name ?? null,
  }
}

export type WeeklyReport = Awaited<ReturnType<typeof getWeeklyReport>>

/** Central's comment on a week's report (an empty comment removes it). */
export async function commentWeeklyReport(actor: Actor, week: string | Date, comment: string, now: Date = clockNow()) {
  assertRole(actor, 'CENTRAL')
  const monday = await parseReportWeek(week, now)
  const text = comment.trim()
  if (text.length > 4000) throw new InputError('comment', 'workload.report.commentTooLong')
  return prisma.$transaction(async (tx) => {
    const before = await tx.weeklyReport.findUnique({ where: { weekStart: monday }, select: { comment: true } })
    const data = { comment: text || null, commentedById: actor.id, commentedAt: now }
    await tx.weeklyReport.upsert({ where: { weekStart: monday }, create: { weekStart: monday, ...data }, update: data })
    await audit(tx, actor, { action: 'weeklyReport.comment', entity: 'WeeklyReport', entityId: isoWeekId(monday), before: { comment: before?.comment ?? null }, after: { comment: data.comment } })
  })
}

/** The weeks one can open, newest first: this week, the last twelve, and every older week with a kept report. */
export async function listWeeklyReports(now: Date = clockNow()) {
  const current = weekStart(today(now))
  const rows = await prisma.weeklyReport.findMany({ where: { weekStart: { lte: current } }, orderBy: { weekStart: 'desc' }, take: 104, select: { weekStart: true, comment: true } })
  const commented = new Map(rows.map((r) => [r.weekStart.getTime(), !!r.comment]))
  const weeks = new Set([...Array.from({ length: REPORT_TREND_WEEKS }, (_, i) => addWeeks(current, -i).getTime()), ...commented.keys()])
  return [...weeks]
    .sort((a, b) => b - a)
    .map((time) => ({ week: new Date(time), weekId: isoWeekId(new Date(time)), commented: commented.get(time) ?? false }))
}
