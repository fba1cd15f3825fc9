// Turns the database into the matching engine's instance (SPEC.md), applying
// the municipality's policies: consent, newcomers, recovery, expired evidence.
import { prisma, type Tx } from '~/utils/db.server'
import { addWeeks, today, weekStart, weeksBetween } from '~/utils/weeks'
import { isNewcomer, reasonableCaseload, weeksLentByStaff } from './load'
import { COMMITTED_STATUSES } from './loan-status'
import { weeksAway } from './presence.server'
import { getPolicy, type Policy } from './settings.server'
import { capacityFte10, capacityShare, parseCapacityShares } from './capacity'
import { unitForecasts } from './unit-forecast.server'

/**
 * Open-case points per unit over the horizon: this week's figure, then the
 * forecast week by week, or today's figure throughout when central chose
 * "dagens siffror".
 */
async function unitDemand(policy: Policy, horizonWeeks: number, now: Date, units: { id: string; casePoints: number }[]) {
  const demand = new Map<string, number | number[]>()
  if (policy.matchingDemand === 'CURRENT' || horizonWeeks < 2) return demand
  const forecasts = await unitForecasts(horizonWeeks - 1, now)
  for (const u of units) {
    const ahead = forecasts.get(u.id)
    if (ahead) demand.set(u.id, [u.casePoints, ...ahead.map((w) => Math.round(w.points * 1000) / 1000)])
  }
  return demand
}

export type InstanceCommitment = {
  staffId: string
  toUnitId: string
  startWeek: number
  endWeek: number
  fte10: number
  requestId?: string
}

export type MatchingInstance = {
  version: 1
  horizonWeeks: number
  policy: { staffMaxLoad: number; donorMaxLoad: number; maxConcurrentLoans: number }
  units: { id: string; casesPerFte: number; openCases: number | number[] }[]
  staff: {
    id: string
    unitId: string
    fte10: number
    caseload: number
    lendable: boolean
    skills: Record<string, number>
    unavailableWeeks: number[]
  }[]
  requests: {
    id: string
    unitId: string
    fte10: number
    minChunk10: number
    startWeek: number
    endWeek: number
    skills: { skill: string; minLevel: number }[]
  }[]
  commitments: InstanceCommitment[]
}

export type NotLendableReason = 'consent' | 'newcomer' | 'recovery'

export type StaffFacts = {
  /** Why the person is not offered for loans (none when they are). */
  notLendable: NotLendableReason[]
  /** Weeks lent within the recovery window. */
  weeksLentRecently: number
  /** Monday of the last week they were lent, if ever. */
  lastLentWeek: Date | null
}

export type MatchingContext = {
  instance: MatchingInstance
  horizonStart: Date
  policy: Policy
  staffFacts: Map<string, StaffFacts>
  /** Skills left out because their evidence expired: staffId → skill keys. */
  expiredSkills: Map<string, string[]>
}

/**
 * Builds the instance from the data as it is now. `scope` limits it to some
 * units (their staff, their requests, loans touching them) and requests: the
 * approval check needs only the lender's and the borrower's units.
 */
export async function buildMatchingInstance(
  options: { db?: Tx; now?: Date; scope?: { unitIds: string[]; requestIds: string[] } } = {},
): Promise<MatchingContext> {
  const db = options.db ?? prisma
  const now = options.now ?? today()
  const horizonStart = weekStart(now)
  const policy = await getPolicy(db)
  const staffFilter = options.scope ? { unitId: { in: options.scope.unitIds } } : {}

  const [units, requests] = await Promise.all([
    // Every unit, also when scoped: commitments may point anywhere.
    db.unit.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, casesPerFte: true, casePoints: true, area: { select: { casesPerFte: true } } },
    }),
    db.reinforcementRequest.findMany({
      where: {
        status: 'OPEN',
        endWeek: { gte: horizonStart },
        ...(options.scope ? { id: { in: options.scope.requestIds } } : {}),
      },
      orderBy: { id: 'asc' },
      select: {
        id: true,
        unitId: true,
        fte10: true,
        minChunk10: true,
        startWeek: true,
        endWeek: true,
        skills: { select: { minLevel: true, skill: { select: { key: true } } } },
      },
    }),
  ])
  const lastRequestWeek = requests.reduce((max, r) => Math.max(max, weeksBetween(horizonStart, r.endWeek)), 0)
  const horizonWeeks = Math.min(52, Math.max(policy.horizonWeeks, lastRequestWeek + 1))
  const horizonEnd = addWeeks(horizonStart, horizonWeeks - 1)
  const windowStart = addWeeks(horizonStart, -policy.recoveryWindowWeeks)
  const weekIndex = (date: Date) => Math.min(horizonWeeks - 1, Math.max(0, weeksBetween(horizonStart, date)))

  const staff = await db.staff.findMany({
    where: { active: true, ...staffFilter },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      unitId: true,
      fte10: true,
      caseloadPoints: true,
      hireDate: true,
      lendingConsent: true,
      skills: { select: { level: true, validUntil: true, skill: { select: { key: true, active: true } } } },
    },
  })
  const staffIds = options.scope ? staff.map((s) => s.id) : undefined
  const [away, loans, demand] = await Promise.all([
    weeksAway(horizonStart, horizonWeeks, staffIds, db),
    db.loan.findMany({
      where: {
        status: { in: [...COMMITTED_STATUSES] },
        endWeek: { gte: windowStart },
        ...(options.scope
          ? { OR: [{ staffId: { in: staffIds } }, { requestId: { in: options.scope.requestIds } }] }
          : {}),
      },
      select: {
        staffId: true,
        requestId: true,
        fte10: true,
        status: true,
        startWeek: true,
        endWeek: true,
        request: { select: { unitId: true } },
      },
    }),
    unitDemand(policy, horizonWeeks, now, units),
  ])

  const requestIds = new Set(requests.map((r) => r.id))
  const staffInInstance = new Set(staff.map((s) => s.id))
  const commitments: InstanceCommitment[] = []
  const lentWeeks = weeksLentByStaff(loans, windowStart, horizonStart)
  const lastLent = new Map<string, Date>()
  for (const loan of loans) {
    if (loan.endWeek >= horizonStart && loan.startWeek <= horizonEnd && staffInInstance.has(loan.staffId)) {
      commitments.push({
        staffId: loan.staffId,
        toUnitId: loan.request.unitId,
        startWeek: weekIndex(loan.startWeek),
        endWeek: weekIndex(loan.endWeek),
        fte10: loan.fte10,
        ...(requestIds.has(loan.requestId) ? { requestId: loan.requestId } : {}),
      })
    }
    const last = loan.endWeek < horizonStart ? loan.endWeek : horizonStart
    if (loan.startWeek <= horizonStart && (!lastLent.has(loan.staffId) || lastLent.get(loan.staffId)! < last)) {
      lastLent.set(loan.staffId, last)
    }
  }

  const shares = parseCapacityShares(policy.capacityShares)
  const staffFacts = new Map<string, StaffFacts>()
  const expiredSkills = new Map<string, string[]>()
  const instanceStaff = staff.map((s) => {
    const weeksLentRecently = lentWeeks.get(s.id)?.size ?? 0
    const notLendable: NotLendableReason[] = []
    if (!s.lendingConsent) notLendable.push('consent')
    if (isNewcomer(s.hireDate, now, policy.introductionMonths)) notLendable.push('newcomer')
    if (weeksLentRecently > policy.recoveryMaxWeeks) notLendable.push('recovery')
    staffFacts.set(s.id, { notLendable, weeksLentRecently, lastLentWeek: lastLent.get(s.id) ?? null })
    const skills: Record<string, number> = {}
    for (const held of s.skills) {
      if (!held.skill.active) continue
      if (held.validUntil && held.validUntil < now) {
        expiredSkills.set(s.id, [...(expiredSkills.get(s.id) ?? []), held.skill.key])
        continue
      }
      skills[held.skill.key] = held.level
    }
    return {
      id: s.id,
      unitId: s.unitId,
      fte10: capacityFte10(s.fte10, capacityShare(s.hireDate, now, shares)),
      caseload: s.caseloadPoints,
      lendable: notLendable.length === 0,
      skills,
      unavailableWeeks: away.get(s.id) ?? [],
    }
  })

  const instance: MatchingInstance = {
    version: 1,
    horizonWeeks,
    policy: { staffMaxLoad: policy.staffMaxLoad, donorMaxLoad: policy.donorMaxLoad, maxConcurrentLoans: policy.maxConcurrentLoans },
    units: units.map((u) => ({ id: u.id, casesPerFte: reasonableCaseload(u.casesPerFte, u.area.casesPerFte), openCases: demand.get(u.id) ?? u.casePoints })),
    staff: instanceStaff,
    requests: requests
      .filter((r) => r.startWeek <= horizonEnd)
      .map((r) => ({
        id: r.id,
        unitId: r.unitId,
        fte10: r.fte10,
        minChunk10: r.minChunk10,
        startWeek: weekIndex(r.startWeek),
        endWeek: weekIndex(r.endWeek),
        skills: r.skills.map((s) => ({ skill: s.skill.key, minLevel: s.minLevel })),
      })),
    commitments,
  }
  return { instance, horizonStart, policy, staffFacts, expiredSkills }
}
