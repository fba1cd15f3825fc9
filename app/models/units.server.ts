import { prisma } from '~/utils/db.server'
import { cached } from '~/utils/cache.server'
import { audit } from './audit.server'
import { InputError, NotFoundError } from '~/utils/errors'
import { assertCanViewUnit, assertManagesUnit, type Actor } from '~/utils/permissions'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { isNewcomer, personalLoad, reasonableCaseload, unitLoad } from './load'
import { loanFlows } from './follow-up.server'
import { staffAwayInWeek } from './presence.server'
import { getPolicy } from './settings.server'

export async function getUnitOverview(actor: Actor, unitId: string) {
  assertCanViewUnit(actor, unitId)
  const unit = await prisma.unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      code: true,
      name: true,
      casesPerFte: true,
      openCases: true,
      openCasesUpdatedAt: true,
      area: { select: { id: true, nameSv: true, nameEn: true, casesPerFte: true } },
      staff: {
        where: { active: true },
        orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
        select: {
          id: true,
          firstName: true,
          lastName: true,
          title: true,
          fte10: true,
          caseload: true,
          hireDate: true,
          lendingConsent: true,
        },
      },
      requests: {
        where: { status: 'OPEN' },
        orderBy: { startWeek: 'asc' },
        select: {
          id: true,
          fte10: true,
          startWeek: true,
          endWeek: true,
          urgency: true,
          status: true,
          skills: { select: { minLevel: true, skill: { select: { key: true, nameSv: true, nameEn: true } } } },
        },
      },
    },
  })
  if (!unit) throw new NotFoundError()
  const now = today()
  const [policy, away] = await Promise.all([
    getPolicy(),
    staffAwayInWeek(weekStart(now), unit.staff.map((s) => s.id)),
  ])
  const casesPerFte = reasonableCaseload(unit.casesPerFte, unit.area.casesPerFte)
  const staffFte = unit.staff.reduce((sum, s) => sum + (away.has(s.id) ? 0 : s.fte10 / 10), 0)
  return {
    ...unit,
    casesPerFte,
    staffFte,
    load: unitLoad(unit.openCases, casesPerFte, staffFte),
    staff: unit.staff.map((s) => ({
      ...s,
      away: away.has(s.id),
      newcomer: isNewcomer(s.hireDate, now, policy.introductionMonths),
      personalLoad: personalLoad(s.caseload, s.fte10, casesPerFte),
    })),
  }
}

export type SituationRow = {
  id: string
  name: string
  areaName: { sv: string; en: string }
  openCases: number
  casesPerFte: number
  staffFte: number
  load: number | null
  openRequests: number
  /** FTE lent out and received through loans this week. */
  lentNow: number
  receivedNow: number
  /** Load with this week's loans, which is what the unit actually carries. */
  loadWithLoans: number | null
  /** Load in each of the last weeks, oldest first (null where no figure). */
  trend: (number | null)[]
}

/** Every unit's load against its reasonable caseload now, highest first. */
export async function getSituation(_actor: Actor, historyWeeks = 12): Promise<SituationRow[]> {
  if (!Number.isInteger(historyWeeks) || historyWeeks < 1 || historyWeeks > 52) throw new InputError('weeks', 'api.errors.weeksRange')
  return cached(`situation:${historyWeeks}`, () => loadSituation(historyWeeks))
}

async function loadSituation(historyWeeks: number): Promise<SituationRow[]> {
  const monday = weekStart(today())
  const since = addWeeks(monday, -historyWeeks + 1)
  const [units, fteByUnit, away, requestCounts, history, flows] = await Promise.all([
    prisma.unit.findMany({
      select: {
        id: true,
        name: true,
        casesPerFte: true,
        openCases: true,
        area: { select: { nameSv: true, nameEn: true, casesPerFte: true } },
      },
    }),
    prisma.staff.groupBy({ by: ['unitId'], where: { active: true }, _sum: { fte10: true } }),
    staffAwayInWeek(monday),
    prisma.reinforcementRequest.groupBy({ by: ['unitId'], where: { status: 'OPEN' }, _count: { _all: true } }),
    prisma.unitCaseload.findMany({
      where: { weekStart: { gte: since } },
      select: { unitId: true, weekStart: true, openCases: true, staffFte: true },
    }),
    loanFlows(monday, 1),
  ])
  const awayFte = new Map<string, number>()
  if (away.size) {
    const awayStaff = await prisma.staff.findMany({
      where: { id: { in: [...away] }, active: true },
      select: { unitId: true, fte10: true },
    })
    for (const s of awayStaff) awayFte.set(s.unitId, (awayFte.get(s.unitId) ?? 0) + s.fte10 / 10)
  }
  const fte = new Map(fteByUnit.map((g) => [g.unitId, (g._sum.fte10 ?? 0) / 10]))
  const requests = new Map(requestCounts.map((g) => [g.unitId, g._count._all]))
  const historyByUnit = new Map<string, typeof history>()
  for (const h of history) {
    const list = historyByUnit.get(h.unitId) ?? []
    list.push(h)
    historyByUnit.set(h.unitId, list)
  }
  const rows = units.map((u): SituationRow => {
    const casesPerFte = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
    const staffFte = Math.max(0, (fte.get(u.id) ?? 0) - (awayFte.get(u.id) ?? 0))
    const byWeek = new Map((historyByUnit.get(u.id) ?? []).map((h) => [h.weekStart.getTime(), h]))
    const trend = Array.from({ length: historyWeeks }, (_, i) => {
      const h = byWeek.get(addWeeks(since, i).getTime())
      return h ? unitLoad(h.openCases, casesPerFte, h.staffFte) : null
    })
    const load = unitLoad(u.openCases, casesPerFte, staffFte)
    const lentNow = flows.lent.get(u.id)?.[0] ?? 0
    const receivedNow = flows.received.get(u.id)?.[0] ?? 0
    const loadWithLoans = unitLoad(u.openCases, casesPerFte, staffFte - lentNow + receivedNow)
    trend[historyWeeks - 1] = loadWithLoans
    return {
      id: u.id,
      name: u.name,
      areaName: { sv: u.area.nameSv, en: u.area.nameEn },
      openCases: u.openCases,
      casesPerFte,
      staffFte,
      load,
      openRequests: requests.get(u.id) ?? 0,
      lentNow,
      receivedNow,
      loadWithLoans,
      trend: trend.map((v) => (v === null ? null : Math.round(v * 1000) / 1000)),
    }
  })
  const key = (r: SituationRow) => r.loadWithLoans ?? Infinity
  return rows.sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'sv'))
}

/** A manager updates the unit's open cases; this week's history row follows. */
export async function setUnitOpenCases(actor: Actor, unitId: string, openCases: number) {
  assertManagesUnit(actor, unitId)
  if (!Number.isInteger(openCases) || openCases < 0 || openCases > 100_000) {
    throw new InputError('openCases', 'validation.openCasesInvalid')
  }
  const monday = weekStart(today())
  const [staff, away] = await Promise.all([
    prisma.staff.findMany({ where: { unitId, active: true }, select: { id: true, fte10: true } }),
    staffAwayInWeek(monday),
  ])
  const staffFte = staff.reduce((sum, s) => sum + (away.has(s.id) ? 0 : s.fte10 / 10), 0)
  return prisma.$transaction(async (tx) => {
    const before = await tx.unit.findUnique({ where: { id: unitId }, select: { openCases: true } })
    if (!before) throw new NotFoundError()
    const unit = await tx.unit.update({
      where: { id: unitId },
      data: { openCases, openCasesUpdatedAt: new Date() },
      select: { id: true, name: true, openCases: true, openCasesUpdatedAt: true },
    })
    await tx.unitCaseload.upsert({
      where: { unitId_weekStart: { unitId, weekStart: monday } },
      create: { unitId, weekStart: monday, openCases, staffFte },
      update: { openCases, staffFte },
    })
    await audit(tx, actor, { action: 'unit.openCases', entity: 'Unit', entityId: unitId, before, after: { openCases } })
    return unit
  })
}

/** The unit's load against its reasonable caseload, week by week (oldest first). */
export async function getUnitLoadHistory(actor: Actor, unitId: string, weeks = 12) {
  assertCanViewUnit(actor, unitId)
  const monday = weekStart(today())
  const since = addWeeks(monday, -weeks + 1)
  const unit = await prisma.unit.findUnique({
    where: { id: unitId },
    select: { casesPerFte: true, area: { select: { casesPerFte: true } }, caseloadHistory: { where: { weekStart: { gte: since } }, orderBy: { weekStart: 'asc' } } },
  })
  if (!unit) throw new NotFoundError()
  const casesPerFte = reasonableCaseload(unit.casesPerFte, unit.area.casesPerFte)
  return unit.caseloadHistory.map((h) => ({
    weekStart: h.weekStart,
    openCases: h.openCases,
    staffFte: h.staffFte,
    capacity: h.staffFte * casesPerFte,
    load: unitLoad(h.openCases, casesPerFte, h.staffFte),
  }))
}

/** The figures a weekly situation report needs, from the situation rows. */
export async function getWeeklyReport(actor: Actor, rows?: SituationRow[]) {
  const situation = rows ?? (await getSituation(actor))
  const [openRequests, pending, upcoming] = await cached('weekly-report', () => Promise.all([
    prisma.reinforcementRequest.aggregate({ where: { status: 'OPEN' }, _count: { _all: true }, _sum: { fte10: true } }),
    prisma.loan.count({ where: { status: 'PROPOSED' } }),
    prisma.loan.count({ where: { status: 'APPROVED' } }),
  ]))
  const over = situation.filter((r) => (r.loadWithLoans ?? 0) > 1)
  return {
    week: weekStart(today()),
    units: situation.length,
    unitsOverCap: over.length,
    overloadFte: situation.reduce((sum, r) => sum + Math.max(0, r.openCases / r.casesPerFte - (r.staffFte - r.lentNow + r.receivedNow)), 0),
    openRequests: openRequests._count._all,
    openRequestFte10: openRequests._sum.fte10 ?? 0,
    lentNowFte: situation.reduce((sum, r) => sum + r.lentNow, 0),
    pendingSuggestions: pending,
    upcomingLoans: upcoming,
  }
}
