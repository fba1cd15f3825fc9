// Turns the database into the matching engine's instance (SPEC.md, version
// 2), applying the municipality's policies: who can be lent (lendability.ts),
// the recovery rule with each person's past lending, decided loans as
// commitments, expired evidence. Built in named steps (units, requests,
// staff, loans → commitments and past lending), so each can grow alone.
import { prisma, type Tx } from '~/utils/db.server'
import { addWeeks, today, weekStart, weeksBetween } from '~/utils/weeks'
import { excludesFromMatching, notLendableReasons, pastLentWeeksByStaff, recoveryRule, skillCountsNow, type NotLendableReason } from './lendability'
import { reasonableCaseload, weeksLentByStaff } from './load'
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
async function unitDemand(policy: Policy, horizonWeeks: number, now: Date, units: { id: string; casePoints: number }[], db: Tx) {
  const demand = new Map<string, number | number[]>()
  if (policy.matchingDemand === 'CURRENT' || horizonWeeks < 2) return demand
  // Through the caller's transaction when there is one (see unitForecasts).
  const forecasts = await unitForecasts(horizonWeeks - 1, now, db === prisma ? undefined : db)
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

/** The engine's instance, SPEC version 2 (see app/engine/types.ts for every field). */
export type MatchingInstance = {
  version: 2
  horizonWeeks: number
  policy: { staffMaxLoad: number; donorMaxLoad: number; maxConcurrentLoans: number; recovery: { windowWeeks: number; maxLentWeeks: number } }
  units: { id: string; casesPerFte: number; openCases: number | number[] }[]
  staff: InstanceStaff[]
  requests: {
    id: string
    unitId: string
    fte10: number
    minChunk10: number
    startWeek: number
    endWeek: number
    minWeeks: number
    skills: { skill: string; minLevel: number }[]
  }[]
  commitments: InstanceCommitment[]
  /** Volunteers ("Jag kan hjälpa till", volunteers.server.ts): the engine prefers these pairs when scores are equal. */
  preferred?: { staffId: string; requestId: string }[]
}

export type InstanceStaff = {
  id: string
  unitId: string
  fte10: number
  caseload: number
  lendable: boolean
  skills: Record<string, number>
  unavailableWeeks: number[]
  pastLentWeeks: number[]
}

export type { NotLendableReason }

export type StaffFacts = {
  /** Why the person is not offered for loans now (none when they are); see lendability.ts. */
  notLendable: NotLendableReason[]
  /** Weeks lent within the recovery window, this week included. */
  weeksLentRecently: number
  /** Monday of the last week they were lent, if ever. */
  lastLentWeek: Date | null
  /** The weeks before this one they were lent (−1: last week), as the engine reads them. */
  pastLentWeeks: number[]
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
 * approval check needs only the lender's and the borrower's units. A loan
 * being changed (`exceptLoanIds`) is no commitment against itself, though its
 * past weeks still count as lent; a scoped request may be filled already.
 */
export async function buildMatchingInstance(
  options: { db?: Tx; now?: Date; scope?: { unitIds: string[]; requestIds: string[]; exceptLoanIds?: string[] } } = {},
): Promise<MatchingContext> {
  const db = options.db ?? prisma
  const now = options.now ?? today()
  const horizonStart = weekStart(now)
  const policy = await getPolicy(db)
  // Scoped: the two units' staff, and whoever else holds time in the requests (their weekly size counts it).
  const staffFilter = options.scope
    ? {
        OR: [
          { unitId: { in: options.scope.unitIds } },
          { loans: { some: { requestId: { in: options.scope.requestIds }, status: { in: [...COMMITTED_STATUSES] } } } },
        ],
      }
    : {}

  const [units, requests] = await Promise.all([
    // Every unit, also when scoped: commitments may point anywhere.
    db.unit.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, casesPerFte: true, casePoints: true, area: { select: { casesPerFte: true } } },
    }),
    db.reinforcementRequest.findMany({
      where: {
        status: options.scope ? { in: ['OPEN', 'FILLED'] } : 'OPEN',
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
        minWeeks: true,
        skills: { select: { minLevel: true, skill: { select: { key: true } } } },
      },
    }),
  ])
  const lastRequestWeek = requests.reduce((max, r) => Math.max(max, weeksBetween(horizonStart, r.endWeek)), 0)
  const horizonWeeks = Math.min(52, Math.max(policy.horizonWeeks, lastRequestWeek + 1))
  const horizonEnd = addWeeks(horizonStart, horizonWeeks - 1)
  const windowStart = addWeeks(horizonStart, -recoveryRule(policy).windowWeeks)

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
        ...(options.scope ? { OR: [{ staffId: { in: staffIds } }, { requestId: { in: options.scope.requestIds } }] } : {}),
      },
      select: {
        id: true,
        staffId: true,
        requestId: true,
        fte10: true,
        status: true,
        startWeek: true,
        endWeek: true,
        request: { select: { unitId: true } },
      },
    }),
    unitDemand(policy, horizonWeeks, now, units, db),
  ])

  const weekIndex = (date: Date) => Math.min(horizonWeeks - 1, Math.max(0, weeksBetween(horizonStart, date)))
  const inScope = new Set(staff.map((s) => s.id))
  const except = new Set(options.scope?.exceptLoanIds ?? [])
  const commitments = commitmentsFrom(except.size ? loans.filter((l) => !except.has(l.id)) : loans, { horizonStart, horizonEnd, weekIndex, inScope, openRequests: new Set(requests.map((r) => r.id)) })
  const pastLent = pastLentWeeksByStaff(loans, horizonStart, policy)
  const lentWeeks = weeksLentByStaff(loans, windowStart, horizonStart)
  const lastLent = lastLentWeeks(loans, horizonStart)

  const shares = parseCapacityShares(policy.capacityShares)
  const staffFacts = new Map<string, StaffFacts>()
  const expiredSkills = new Map<string, string[]>()
  const instanceStaff = staff.map((s): InstanceStaff => {
    const pastLentWeeks = pastLent.get(s.id) ?? []
    const notLendable = notLendableReasons({ active: true, lendingConsent: s.lendingConsent, hireDate: s.hireDate }, pastLentWeeks, now, policy)
    staffFacts.set(s.id, { notLendable, weeksLentRecently: lentWeeks.get(s.id)?.size ?? 0, lastLentWeek: lastLent.get(s.id) ?? null, pastLentWeeks })
    const skills: Record<string, number> = {}
    for (const held of s.skills) {
      if (!skillCountsNow(held, now)) {
        // A skill in use whose evidence has expired is named in the explanation; a retired one is not.
        if (held.skill.active) expiredSkills.set(s.id, [...(expiredSkills.get(s.id) ?? []), held.skill.key])
        continue
      }
      skills[held.skill.key] = held.level
    }
    return {
      id: s.id,
      unitId: s.unitId,
      fte10: capacityFte10(s.fte10, capacityShare(s.hireDate, now, shares)),
      caseload: s.caseloadPoints,
      // The recovery rule is the engine's, week by week (pastLentWeeks and the commitments).
      lendable: !notLendable.some(excludesFromMatching),
      skills,
      unavailableWeeks: away.get(s.id) ?? [],
      pastLentWeeks,
    }
  })

  const instance: MatchingInstance = {
    version: 2,
    horizonWeeks,
    policy: {
      staffMaxLoad: policy.staffMaxLoad,
      donorMaxLoad: policy.donorMaxLoad,
      maxConcurrentLoans: policy.maxConcurrentLoans,
      recovery: recoveryRule(policy),
    },
    units: units.map((u) => ({ id: u.id, casesPerFte: reasonableCaseload(u.casesPerFte, u.area.casesPerFte), openCases: demand.get(u.id) ?? u.casePoints })),
    staff: instanceStaff,
    requests: requests.filter((r) => r.startWeek <= horizonEnd).map((r) => requestEntry(r, weekIndex)),
    commitments,
  }
  return { instance, horizonStart, policy, staffFacts, expiredSkills }
}

type LoanRow = { staffId: string; requestId: string; fte10: number; startWeek: Date; endWeek: Date; request: { unitId: string } }

/**
 * Decided loans that reach into the horizon, as the engine's commitments
 * (given from week 0 when they began before it: their earlier weeks are in
 * the person's pastLentWeeks). `requestId` only when the request is in the
 * instance; the engine ignores others.
 */
function commitmentsFrom(
  loans: readonly LoanRow[],
  at: { horizonStart: Date; horizonEnd: Date; weekIndex: (d: Date) => number; inScope: ReadonlySet<string>; openRequests: ReadonlySet<string> },
): InstanceCommitment[] {
  return loans
    .filter((loan) => loan.endWeek >= at.horizonStart && loan.startWeek <= at.horizonEnd && at.inScope.has(loan.staffId))
    .map((loan) => ({
      staffId: loan.staffId,
      toUnitId: loan.request.unitId,
      startWeek: at.weekIndex(loan.startWeek),
      endWeek: at.weekIndex(loan.endWeek),
      fte10: loan.fte10,
      ...(at.openRequests.has(loan.requestId) ? { requestId: loan.requestId } : {}),
    }))
}

/** The Monday of each person's latest week lent up to this one. */
function lastLentWeeks(loans: readonly LoanRow[], monday: Date) {
  const last = new Map<string, Date>()
  for (const loan of loans) {
    if (loan.startWeek > monday) continue
    const week = loan.endWeek < monday ? loan.endWeek : monday
    if (!last.has(loan.staffId) || last.get(loan.staffId)! < week) last.set(loan.staffId, week)
  }
  return last
}

/**
 * A request in horizon weeks. Its shortest useful period is what it says, or
 * the whole period; a request that began before this week counts only the
 * weeks left, so it never asks for more weeks than it has.
 */
function requestEntry(
  r: {
    id: string
    unitId: string
    fte10: number
    minChunk10: number
    startWeek: Date
    endWeek: Date
    minWeeks: number | null
    skills: { minLevel: number; skill: { key: string } }[]
  },
  weekIndex: (d: Date) => number,
): MatchingInstance['requests'][number] {
  const startWeek = weekIndex(r.startWeek)
  const endWeek = weekIndex(r.endWeek)
  const weeks = endWeek - startWeek + 1
  return {
    id: r.id,
    unitId: r.unitId,
    fte10: r.fte10,
    minChunk10: r.minChunk10,
    startWeek,
    endWeek,
    minWeeks: Math.min(weeks, r.minWeeks ?? weeks),
    skills: r.skills.map((s) => ({ skill: s.skill.key, minLevel: s.minLevel })),
  }
}
