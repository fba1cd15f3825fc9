import { prisma } from '~/utils/db.server'
import { cached } from '~/utils/cache.server'
import { now as clockNow } from '~/utils/clock'
import { InputError, NotFoundError } from '~/utils/errors'
import { assertCanViewUnit, managesUnit, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { capacityShare, parseCapacityShares } from './capacity'
import { countsFromRecord, listCaseTypes } from './case-types.server'
import { isCaseloadOld, isNewcomer, personalLoad, reasonableCaseload, unitLoad } from './load'
import { loanFlows } from './follow-up.server'
import { staffAwayInWeek } from './presence.server'
import { getPolicy } from './settings.server'
import { unitCapacities } from './unit-capacity.server'
import { isStale, weeklyFigures } from './unit-history.server'

export async function getUnitOverview(actor: Actor, unitId: string, now: Date = clockNow()) {
  assertCanViewUnit(actor, unitId)
  const unit = await prisma.unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      code: true,
      name: true,
      areaId: true,
      casesPerFte: true,
      openCases: true,
      casePoints: true,
      openCasesUpdatedAt: true,
      caseCounts: { select: { caseTypeId: true, count: true } },
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
          caseloadPoints: true,
          caseloadUpdatedAt: true,
          caseCounts: { select: { caseTypeId: true, count: true } },
          caseloadProposal: { select: { counts: true, createdAt: true } },
          hireDate: true,
          lendingConsent: true,
        },
      },
    },
  })
  if (!unit) throw new NotFoundError()
  const day = today(now)
  const monday = weekStart(day)
  const [policy, away, caseTypes, capacities] = await Promise.all([
    getPolicy(),
    staffAwayInWeek(monday, unit.staff.map((s) => s.id)),
    listCaseTypes(unit.areaId),
    unitCapacities(monday, day, [unitId]),
  ])
  const shares = parseCapacityShares(policy.capacityShares)
  const casesPerFte = reasonableCaseload(unit.casesPerFte, unit.area.casesPerFte)
  const capacity = capacities.get(unitId) ?? { staffFte: 0, capacityFte: 0, reducedStaff: 0 }
  const countOf = (counts: { caseTypeId: string; count: number }[]) => new Map(counts.map((c) => [c.caseTypeId, c.count]))
  const unitCounts = countOf(unit.caseCounts)
  // Only the person's own manager sees a correction they proposed.
  const seesProposals = managesUnit(actor, unitId)
  return {
    ...unit,
    casesPerFte,
    staffFte: capacity.staffFte,
    capacityFte: capacity.capacityFte,
    reducedStaff: capacity.reducedStaff,
    reasonablePoints: casesPerFte * capacity.capacityFte,
    load: unitLoad(unit.casePoints, casesPerFte, capacity.capacityFte),
    stale: isStale(unit.openCasesUpdatedAt, now),
    caseTypes: caseTypes.map((t) => ({ ...t, count: unitCounts.get(t.id) ?? 0 })),
    staff: unit.staff.map(({ caseloadProposal, caseCounts, ...s }) => {
      const share = capacityShare(s.hireDate, day, shares)
      const own = countOf(caseCounts)
      return {
        ...s,
        away: away.has(s.id),
        newcomer: isNewcomer(s.hireDate, day, policy.introductionMonths),
        capacityShare: share,
        counts: caseTypes.map((t) => ({ caseTypeId: t.id, count: own.get(t.id) ?? 0 })),
        caseloadOld: isCaseloadOld(s.caseloadUpdatedAt, now),
        personalLoad: personalLoad(s.caseloadPoints, s.fte10, casesPerFte, share),
        proposal: seesProposals && caseloadProposal ? { createdAt: caseloadProposal.createdAt, counts: countsFromRecord(caseloadProposal.counts) } : null,
      }
    }),
  }
}

export type SituationRow = {
  id: string
  name: string
  areaId: string
  areaName: { sv: string; en: string }
  openCases: number
  /** Open cases by weight. */
  casePoints: number
  /** Reasonable points per full-time post (the reasonable caseload). */
  casesPerFte: number
  /** FTE at work this week, as employed. */
  headcountFte: number
  /** FTE at work, newcomers at their share of a full load (F in the SPEC). */
  staffFte: number
  /** Points the staff at work can reasonably carry: casesPerFte × staffFte. */
  reasonablePoints: number
  load: number | null
  openRequests: number
  /** FTE lent out and received through loans this week. */
  lentNow: number
  receivedNow: number
  /** Load with this week's loans, which is what the unit actually carries. */
  loadWithLoans: number | null
  /** When a manager last entered the unit's figures, and whether that is over 14 days ago. */
  figuresUpdatedAt: Date
  stale: boolean
  /** Load in each of the last weeks, oldest first (null before the unit's first figures). */
  trend: (number | null)[]
  /** Which of those weeks repeat earlier figures because nobody updated them. */
  trendCarried: boolean[]
}

/** Every unit's load against its reasonable caseload now, highest first. */
export async function getSituation(_actor: Actor, historyWeeks = 12, now: Date = clockNow()): Promise<SituationRow[]> {
  if (!Number.isInteger(historyWeeks) || historyWeeks < 1 || historyWeeks > 52) throw new InputError('weeks', 'api.errors.weeksRange')
  const day = today(now)
  // The day is in the key: staleness and the week move with the clock, not only with changes.
  return cached(`situation:${historyWeeks}:${day.getTime()}`, () => loadSituation(historyWeeks, now))
}

const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000)

async function loadSituation(historyWeeks: number, now: Date): Promise<SituationRow[]> {
  const day = today(now)
  const monday = weekStart(day)
  const [units, capacities, requestCounts, history, flows] = await Promise.all([
    prisma.unit.findMany({
      select: {
        id: true,
        name: true,
        areaId: true,
        casesPerFte: true,
        openCases: true,
        casePoints: true,
        openCasesUpdatedAt: true,
        area: { select: { nameSv: true, nameEn: true, casesPerFte: true } },
      },
    }),
    unitCapacities(monday, day),
    prisma.reinforcementRequest.groupBy({ by: ['unitId'], where: { status: 'OPEN' }, _count: { _all: true } }),
    weeklyFigures(historyWeeks, monday),
    loanFlows(monday, 1),
  ])
  const requests = new Map(requestCounts.map((g) => [g.unitId, g._count._all]))
  const rows = units.map((u): SituationRow => {
    const casesPerFte = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
    const capacity = capacities.get(u.id) ?? { staffFte: 0, capacityFte: 0, reducedStaff: 0 }
    const weeks = history.get(u.id) ?? new Array(historyWeeks).fill(null)
    const trend = weeks.map((h) => (h ? unitLoad(h.points, casesPerFte, h.staffFte) : null))
    const load = unitLoad(u.casePoints, casesPerFte, capacity.capacityFte)
    const lentNow = flows.lent.get(u.id)?.[0] ?? 0
    const receivedNow = flows.received.get(u.id)?.[0] ?? 0
    const loadWithLoans = unitLoad(u.casePoints, casesPerFte, capacity.capacityFte - lentNow + receivedNow)
    trend[historyWeeks - 1] = loadWithLoans
    return {
      id: u.id,
      name: u.name,
      areaId: u.areaId,
      areaName: { sv: u.area.nameSv, en: u.area.nameEn },
      openCases: u.openCases,
      casePoints: u.casePoints,
      casesPerFte,
      headcountFte: capacity.staffFte,
      staffFte: capacity.capacityFte,
      reasonablePoints: Math.round(casesPerFte * capacity.capacityFte * 1000) / 1000,
      load,
      openRequests: requests.get(u.id) ?? 0,
      lentNow,
      receivedNow,
      loadWithLoans,
      figuresUpdatedAt: u.openCasesUpdatedAt,
      stale: isStale(u.openCasesUpdatedAt, now),
      trend: trend.map(round3),
      // This week is the unit's figure as it stands now, never a carried one.
      trendCarried: weeks.map((h, i) => i < historyWeeks - 1 && !!h?.carriedForward),
    }
  })
  const key = (r: SituationRow) => r.loadWithLoans ?? Infinity
  return rows.sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'sv'))
}

/** The unit's figures and load week by week (oldest first), carried-forward weeks marked. */
export async function getUnitLoadHistory(actor: Actor, unitId: string, weeks = 12, now: Date = clockNow()) {
  assertCanViewUnit(actor, unitId)
  const monday = weekStart(today(now))
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { casesPerFte: true, area: { select: { casesPerFte: true } } } })
  if (!unit) throw new NotFoundError()
  const casesPerFte = reasonableCaseload(unit.casesPerFte, unit.area.casesPerFte)
  const history = (await weeklyFigures(weeks, monday, [unitId])).get(unitId) ?? []
  return history.flatMap((h) =>
    h
      ? [
          {
            weekStart: h.weekStart,
            openCases: h.openCases,
            points: h.points,
            staffFte: h.staffFte,
            capacity: h.staffFte * casesPerFte,
            carriedForward: h.carriedForward,
            load: unitLoad(h.points, casesPerFte, h.staffFte),
          },
        ]
      : [],
  )
}


/** Every unit's id and name, by name: for choosing a unit in a filter. */
export async function listUnitNames() {
  return prisma.unit.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } })
}
