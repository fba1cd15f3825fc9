// Runs the engine on the data as it is now and stores its suggestions as
// PROPOSED loans; approval (loan-lifecycle.server.ts) re-checks them against
// the data as it is then.
import type { Prisma } from '@prisma/client'
import type { GapReason, LoanExplanation, Solution, UnitImpact } from '~/engine'
import { cached } from '~/utils/cache.server'
import { prisma } from '~/utils/db.server'
import { ConflictError, InputError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { addWeeks } from '~/utils/weeks'
import { audit } from './audit.server'
import { excludesFromMatching, type NotLendableReason } from './lendability'
import { loanSelect } from './loans.server'
import { requestBriefSelect } from './request-brief'
import { proposalKey, proposalTerms } from './proposal-terms'
import { answeringRole } from './consultation.server'
import { lockDecisions } from './decision-lock.server'
import { acquireMatchingLock, releaseMatchingLock } from './matching-lock.server'
import { MATCHING_TIMES_MS } from './matching-options'
import { buildMatchingInstance, type MatchingContext, type StaffFacts } from './matching-instance.server'
import { solveInWorker } from './matching-pool.server'
import { excludePairs, isNotRejectedSkill } from './rejected-pairs'
import { volunteerPairs } from './volunteers.server'
import { notifyMatchingRun } from './notifications.server'

export const DEFAULT_MATCHING_TIME_MS = MATCHING_TIMES_MS[0]

/** What is stored with each suggestion: the engine's reasons plus fairness facts. */
export type StoredExplanation = LoanExplanation & {
  horizonStart: string
  fairness: { weeksLentRecently: number; lastLentWeek: string | null; recoveryMaxWeeks: number; recoveryWindowWeeks: number }
}

/** A reason a qualified person was not proposed for a request, in the app's words (the engine's, with "not lendable" split by why). */
export type GapWhy = Exclude<GapReason, 'notLendable'> | NotLendableReason

export type RunSummary = {
  relief: number
  loans: number
  proposedFteWeeks: number
  eligiblePairs: number
  staffConsidered: number
  notLendable: Record<string, number>
  expiredSkills: number
  /** The gap to the best possible, proven: 0 when optimal (see qualityOf). */
  gap: number
  /**
   * Per unit the suggestions touch: fte-weeks received and lent, and the
   * highest load before and after over the weeks its loans cover (a peak in
   * a week no loan reaches would make the help look like nothing).
   */
  impacts: {
    unitId: string
    receivedFteWeeks: number
    lentFteWeeks: number
    coveredWeeks: number
    peakLoadBefore: number | null
    peakLoadAfter: number | null
    weeks: UnitImpact['weeks']
  }[]
  /** Requests without a new suggestion, and why their qualified people were not proposed (names resolved on the page). */
  gaps: { requestId: string; qualified: number; reasons: { why: GapWhy; count: number; staffIds: string[] }[] }[]
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000)

/** Week figures with three decimals: plenty for people, a third of the size to store and send. */
function compactWeeks<T extends { demand: number; staff: number; effectiveBefore: number; effectiveAfter: number; loadBefore: number | null; loadAfter: number | null }>(weeks: readonly T[]) {
  return weeks.map((w) => ({ ...w, demand: round(w.demand)!, staff: round(w.staff)!, effectiveBefore: round(w.effectiveBefore)!, effectiveAfter: round(w.effectiveAfter)!, loadBefore: round(w.loadBefore), loadAfter: round(w.loadAfter) }))
}

/** An engine explanation as a loan stores it: figures rounded, with the horizon's first week and the person's fairness facts. */
export function toStoredExplanation(context: MatchingContext, engine: LoanExplanation): StoredExplanation {
  const facts = context.staffFacts.get(engine.staffId)
  return {
    ...engine,
    person: { ...engine.person, skills: engine.person.skills.filter((k) => !isNotRejectedSkill(k.skill)), ownLoad: round(engine.person.ownLoad)! },
    receiving: { ...engine.receiving, weeks: compactWeeks(engine.receiving.weeks) },
    lending: { ...engine.lending, weeks: compactWeeks(engine.lending.weeks) },
    horizonStart: context.horizonStart.toISOString(),
    fairness: {
      weeksLentRecently: facts?.weeksLentRecently ?? 0,
      lastLentWeek: facts?.lastLentWeek?.toISOString() ?? null,
      recoveryMaxWeeks: context.instance.policy.recovery.maxLentWeeks,
      recoveryWindowWeeks: context.instance.policy.recovery.windowWeeks,
    },
  }
}

function peak(values: (number | null)[]) {
  const known = values.filter((v): v is number => v !== null)
  return known.length ? Math.max(...known) : null
}

/**
 * How far the suggestions can be from the best possible, as a share of the
 * overload left: 0 when proven optimal, else (score − bound) / bound, which
 * is at least how far above the true optimum the score is.
 */
export function qualityOf(run: { status: string; score: number; bound: number | null }) {
  if (run.status === 'optimal') return 0
  if (run.bound === null) return null
  return run.bound > 0 ? (run.score - run.bound) / run.bound : run.score > 0 ? null : 0
}

/** A loan's weeks in the horizon: its own in version 2, else its request's. */
const weeksOf = (context: MatchingContext, l: Solution['loans'][number]) => {
  const r = context.instance.requests.find((x) => x.id === l.requestId)!
  return { start: l.startWeek ?? r.startWeek, end: l.endWeek ?? r.endWeek }
}

/** The summary a coordinator reads: relief, who was not offered, the units helped over their loans' weeks, requests left without help. */
function summarize(context: MatchingContext, solution: Solution): RunSummary {
  const { instance, staffFacts } = context
  const notLendable: Record<string, number> = {}
  for (const facts of staffFacts.values()) for (const reason of facts.notLendable) notLendable[reason] = (notLendable[reason] ?? 0) + 1
  const requestUnit = new Map(instance.requests.map((r) => [r.id, r.unitId]))
  const homeUnit = new Map(instance.staff.map((s) => [s.id, s.unitId]))
  const covered = new Map<string, Set<number>>()
  let proposedFteWeeks = 0
  for (const l of solution.loans) {
    const { start, end } = weeksOf(context, l)
    proposedFteWeeks += (l.fte10 / 10) * (end - start + 1)
    for (const unit of [requestUnit.get(l.requestId)!, homeUnit.get(l.staffId)!]) {
      const weeks = covered.get(unit) ?? new Set<number>()
      for (let t = start; t <= end; t++) weeks.add(t)
      covered.set(unit, weeks)
    }
  }
  return {
    relief: solution.relief,
    loans: solution.loans.length,
    proposedFteWeeks,
    eligiblePairs: solution.stats.eligiblePairs,
    staffConsidered: instance.staff.length,
    notLendable,
    expiredSkills: [...context.expiredSkills.values()].reduce((s, l) => s + l.length, 0),
    gap: qualityOf(solution) ?? 1,
    impacts: (solution.impacts ?? []).map((i) => {
      const weeks = i.weeks.filter((w) => covered.get(i.unitId)?.has(w.week))
      return {
        ...i,
        weeks: compactWeeks(i.weeks),
        coveredWeeks: weeks.length,
        peakLoadBefore: peak(weeks.map((w) => w.loadBefore)),
        peakLoadAfter: peak(weeks.map((w) => w.loadAfter)),
      }
    }),
    gaps: (solution.gaps ?? []).map((g) => ({ requestId: g.requestId, qualified: g.qualified, reasons: appReasons(g.reasons, staffFacts) })),
  }
}

/** The engine's "not lendable" split into the app's reasons (consent, newcomer); the others as they are. */
function appReasons(reasons: NonNullable<Solution['gaps']>[number]['reasons'], staffFacts: Map<string, StaffFacts>) {
  return reasons.flatMap(({ reason, count, staffIds }) => {
    if (reason !== 'notLendable') return [{ why: reason as GapWhy, count, staffIds: [...staffIds] }]
    const byWhy = new Map<GapWhy, string[]>()
    for (const id of staffIds) {
      const why = staffFacts.get(id)?.notLendable.find(excludesFromMatching) ?? 'consent'
      byWhy.set(why, [...(byWhy.get(why) ?? []), id])
    }
    return [...byWhy].map(([why, ids]) => ({ why, count: ids.length, staffIds: ids }))
  })
}

/**
 * Central runs the engine on the data as it is now, in the matching thread,
 * one run at a time across every instance (a second start is a CONFLICT,
 * `matching.alreadyRunning`). Earlier open suggestions are replaced by the
 * new ones. Every engine status is handled: `invalid` (an instance the
 * engine refuses, which is a bug here) is a CONFLICT `matching.invalid`.
 * A person central rejected for a request is not proposed for it again,
 * unless the request is in `reproposeRejected`.
 */
export const MAX_REPROPOSE = 1000

export async function runMatching(actor: Actor, options: { timeLimitMs?: number; reproposeRejected?: readonly string[] } = {}) {
  assertRole(actor, 'CENTRAL')
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_MATCHING_TIME_MS
  if (!Number.isInteger(timeLimitMs) || timeLimitMs < 100 || timeLimitMs > 60_000) throw new InputError('timeLimitMs', 'validation.numberRange')
  // Request ids, as many as a page can offer: a longer list is refused before any query (the API passes it straight through).
  const again = options.reproposeRejected ?? []
  if (again.length > MAX_REPROPOSE || again.some((id) => typeof id !== 'string' || id.length > 100)) throw new InputError('reproposeRejected', 'validation.tooManyRequests')
  await acquireMatchingLock(actor.id, timeLimitMs)
  try {
    const built = await buildMatchingInstance()
    const [rejected, preferred] = await Promise.all([rejectedPairs(again), volunteerPairs()])
    const context = { ...built, instance: { ...excludePairs(built.instance, rejected), preferred } }
    const solution = await solveInWorker(context.instance, { timeLimitMs })
    if (solution.status === 'invalid') {
      // Only the field's path (indexes, no personal data) goes to the log.
      console.error(`matching: the engine refused the instance built from the database: ${solution.error?.path}: ${solution.error?.message}`)
      throw new ConflictError('matching.invalid')
    }
    return await storeRun(actor, context, solution)
  } finally {
    await releaseMatchingLock()
  }
}

/** The (person, request) pairs central rejected for requests still open, but for the requests central asks to see again. */
async function rejectedPairs(repropose: readonly string[]) {
  return prisma.loan.findMany({
    where: { status: 'REJECTED', request: { status: 'OPEN' }, requestId: { notIn: [...repropose] } },
    distinct: ['staffId', 'requestId'],
    select: { staffId: true, requestId: true },
  })
}

/** Open requests with rejected suggestions, for the "propose them again" choice. */
export async function listRejectedRequests(actor: Actor) {
  assertRole(actor, 'CENTRAL')
  const rows = await prisma.loan.findMany({
    where: { status: 'REJECTED', request: { status: 'OPEN' } },
    distinct: ['staffId', 'requestId'],
    select: { requestId: true, request: { select: { startWeek: true, endWeek: true, unit: { select: { name: true } } } } },
  })
  const byRequest = new Map<string, { requestId: string; unitName: string; startWeek: Date; endWeek: Date; count: number }>()
  for (const r of rows) {
    const entry = byRequest.get(r.requestId) ?? { requestId: r.requestId, unitName: r.request.unit.name, startWeek: r.request.startWeek, endWeek: r.request.endWeek, count: 0 }
    entry.count++
    byRequest.set(r.requestId, entry)
  }
  return [...byRequest.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'sv') || a.startWeek.getTime() - b.startWeek.getTime())
}

/** Replaces the open suggestions with the run's, with its summary and audit entry, in one transaction. */
async function storeRun(actor: Actor, context: MatchingContext, solution: Solution) {
  const { horizonStart, instance } = context
  const summary = summarize(context, solution)
  const explanations = new Map((solution.explanations ?? []).map((e) => [`${e.staffId}|${e.requestId}`, e]))
  const run = await prisma.$transaction(
    async (tx) => {
      // Answers given meanwhile are not lost between reading and replacing the suggestions (answerProposal takes it too).
      await lockDecisions(tx)
      // Answers to a suggestion the run makes again, on the same terms, stay with it (a re-run does not silence the person),
      // from those who may still answer it: the person, and a manager who still manages the person's unit.
      const previous = await tx.loan.findMany({
        where: { status: 'PROPOSED', answers: { some: {} } },
        select: {
          ...proposalTerms,
          staff: { select: { unitId: true } },
          answers: { select: { userId: true, role: true, answer: true, comment: true, answeredAt: true, user: { select: { role: true, staffId: true, active: true, managedUnits: { select: { unitId: true } } } } } },
        },
      })
      let answersKept = 0
      const answersOf = new Map(
        previous.map((l) => [
          proposalKey(l),
          l.answers.flatMap(({ user, ...a }) =>
            user.active && answeringRole({ role: user.role, staffId: user.staffId, managedUnitIds: user.managedUnits.map((m) => m.unitId) }, l) === a.role ? [a] : [],
          ),
        ]),
      )
      const superseded = await tx.loan.deleteMany({ where: { status: 'PROPOSED' } })
      const created = await tx.matchingRun.create({
        data: {
          startedById: actor.id,
          durationMs: Math.round(solution.stats.ms),
          horizonStart,
          horizonWeeks: instance.horizonWeeks,
          status: solution.status,
          score: solution.score,
          baselineScore: solution.baselineScore,
          bound: solution.bound,
          summary: summary as unknown as Prisma.InputJsonValue,
        },
      })
      const rows = solution.loans.map((l) => {
        const { start, end } = weeksOf(context, l)
        const explanation = toStoredExplanation(context, explanations.get(`${l.staffId}|${l.requestId}`)!)
        return {
          staffId: l.staffId,
          requestId: l.requestId,
          fte10: l.fte10,
          startWeek: addWeeks(horizonStart, start),
          endWeek: addWeeks(horizonStart, end),
          status: 'PROPOSED' as const,
          matchingRunId: created.id,
          explanation: explanation as unknown as Prisma.InputJsonValue,
        }
      })
      for (let i = 0; i < rows.length; i += 500) await tx.loan.createMany({ data: rows.slice(i, i + 500) })
      if (answersOf.size) {
        const again = await tx.loan.findMany({ where: { matchingRunId: created.id }, select: { id: true, ...proposalTerms } })
        const kept = again.flatMap((l) => (answersOf.get(proposalKey(l)) ?? []).map((a) => ({ ...a, loanId: l.id })))
        if (kept.length) await tx.proposalAnswer.createMany({ data: kept })
        answersKept = kept.length
      }
      await notifyMatchingRun(tx, created.id, instance.requests.map((r) => r.id))
      await audit(tx, actor, {
        action: 'matching.run',
        entity: 'MatchingRun',
        entityId: created.id,
        after: { status: solution.status, score: solution.score, bound: solution.bound, baselineScore: solution.baselineScore, proposed: rows.length, superseded: superseded.count, answersKept },
      })
      return created
    },
    { timeout: 60_000, maxWait: 30_000 },
  )
  const loans = await prisma.loan.findMany({ where: { matchingRunId: run.id, status: 'PROPOSED' }, select: loanSelect })
  return { run, loans }
}

export async function getLatestRun() {
  return prisma.matchingRun.findFirst({
    orderBy: { startedAt: 'desc' },
    select: { id: true, startedAt: true, durationMs: true, horizonStart: true, horizonWeeks: true, status: true, score: true, baselineScore: true, bound: true, summary: true, startedBy: { select: { name: true } } },
  })
}

export const SUGGESTIONS_PAGE_SIZE = 15

/** The latest run's open suggestions, most pressured receiving units first, a page at a time. */
export async function listSuggestions(actor: Actor, page = 1) {
  assertRole(actor, 'CENTRAL')
  return cached(`suggestions:${page}`, () => loadSuggestions(page))
}

const URGENCY_RANK = { CRITICAL: 3, HIGH: 2, NORMAL: 1, LOW: 0 } as const

/** Suggestions into the most pressured units first, then by urgency. */
async function loadSuggestions(page: number) {
  const run = await getLatestRun()
  const where = { matchingRunId: run?.id ?? '__none__', status: 'PROPOSED' as const }
  const all = await prisma.loan.findMany({ where, select: { id: true, requestId: true, fte10: true, request: { select: { unitId: true, urgency: true } } } })
  const pressure = new Map(((run?.summary as RunSummary | null)?.impacts ?? []).map((i) => [i.unitId, i.peakLoadBefore ?? 0]))
  all.sort(
    (a, b) =>
      (pressure.get(b.request.unitId) ?? 0) - (pressure.get(a.request.unitId) ?? 0) ||
      URGENCY_RANK[b.request.urgency] - URGENCY_RANK[a.request.urgency] ||
      a.requestId.localeCompare(b.requestId) ||
      b.fte10 - a.fte10 ||
      a.id.localeCompare(b.id),
  )
  const total = all.length
  const pages = Math.max(1, Math.ceil(total / SUGGESTIONS_PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const ids = all.slice((current - 1) * SUGGESTIONS_PAGE_SIZE, current * SUGGESTIONS_PAGE_SIZE).map((l) => l.id)
  const rows = await prisma.loan.findMany({
    where: { id: { in: ids } },
    select: {
      ...loanSelect,
      staff: { select: { id: true, firstName: true, lastName: true, title: true, unitId: true, unit: { select: { id: true, name: true } } } },
      request: { select: requestBriefSelect },
    },
  })
  const order = new Map(ids.map((id, i) => [id, i]))
  const suggestions = rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  return { run, suggestions, total, page: current, pages }
}

/**
 * The latest run's requests without suggestions, for the page: the unit,
 * weeks and skill requirements of each (two requests of a unit can share weeks), and why its qualified people were not proposed, with the
 * names of a few (a person at the recovery limit is named, so central can see
 * who is resting).
 */
export async function describeGaps(actor: Actor, summary: RunSummary | null) {
  assertRole(actor, 'CENTRAL')
  const gaps = (summary?.gaps ?? []).slice(0, 30)
  if (!gaps.length) return []
  const [requests, people] = await Promise.all([
    prisma.reinforcementRequest.findMany({ where: { id: { in: gaps.map((g) => g.requestId) } }, select: { id: true, startWeek: true, endWeek: true, unit: { select: { name: true } }, skills: { select: { minLevel: true, skill: { select: { nameSv: true, nameEn: true } } } } } }),
    prisma.staff.findMany({ where: { id: { in: gaps.flatMap((g) => g.reasons.flatMap((r) => r.staffIds.slice(0, 5))) } }, select: { id: true, firstName: true, lastName: true } }),
  ])
  const byId = new Map(requests.map((r) => [r.id, r]))
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]))
  return gaps.flatMap((g) => {
    const r = byId.get(g.requestId)
    if (!r) return []
    return [{ requestId: g.requestId, unitName: r.unit.name, startWeek: r.startWeek, endWeek: r.endWeek, skills: r.skills, qualified: g.qualified, reasons: g.reasons.map((x) => ({ why: x.why, count: x.count, names: x.staffIds.slice(0, 5).flatMap((id) => names.get(id) ?? []) })) }]
  })
}

/** Unit names for the ids an engine summary mentions (a read model: renaming a unit is audited, which empties it). */
export function unitNames(ids: string[]) {
  return cached(`unit-names:${ids.join(',')}`, async () => {
    const units = await prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    return Object.fromEntries(units.map((u) => [u.id, u.name]))
  })
}
