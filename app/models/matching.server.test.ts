import { describe, expect, test } from 'vitest'
import { createArea, createRequest, createSkill, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { approveLoan, decideLoans } from './loan-lifecycle.server'
import { threadId } from 'node:worker_threads'
import { generateInstance } from '~/engine/generate'
import { checkLoans } from '~/engine'
import { acquireMatchingLock, matchingInProgress, releaseMatchingLock } from './matching-lock.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { runMatching, type RunSummary, type StoredExplanation } from './matching.server'
import { buildMatchingInstance } from './matching-instance.server'
import { closeMatchingPool, solveInWorker } from './matching-pool.server'

const actorOf = async (id: string) => (await getActorById(id))!

/** An overloaded unit asking for BBIC, and a unit with slack holding three people who have it. */
async function scenario() {
  const area = await createArea({ casesPerFte: 10 })
  const need = await createUnit({ areaId: area.id, openCases: 60, name: 'Behov' })
  const slack = await createUnit({ areaId: area.id, openCases: 20, name: 'Utrymme' })
  for (let i = 0; i < 2; i++) await createStaff({ unitId: need.id, caseload: 10 })
  const bbic = await createSkill({ key: `bbic-${Math.random().toString(36).slice(2, 8)}` })
  const lenders = []
  for (let i = 0; i < 3; i++) {
    const s = await createStaff({ unitId: slack.id, caseload: 5 })
    await prisma.staffSkill.create({ data: { staffId: s.id, skillId: bbic.id, level: 3 } })
    lenders.push(s)
  }
  await createStaff({ unitId: slack.id, caseload: 5 })
  const request = await createRequest({ unitId: need.id, fte10: 20, weeks: 4, skills: [{ skillId: bbic.id, minLevel: 2 }] })
  const central = await createUser({ role: 'CENTRAL' })
  const manager = await createUser({ role: 'MANAGER', unitIds: [need.id] })
  return { need, slack, lenders, request, bbic, central: await actorOf(central.id), manager: await actorOf(manager.id) }
}

describe('matching on the database', () => {
  test('central runs it: suggestions are stored as PROPOSED loans with explanations, policies applied', async () => {
    const { request, lenders, central, bbic } = await scenario()
    // Policies: no consent, a newcomer and an expired certificate are all left out.
    await prisma.staff.update({ where: { id: lenders[0].id }, data: { lendingConsent: false } })
    await prisma.staff.update({ where: { id: lenders[1].id }, data: { hireDate: new Date() } })
    await prisma.staffSkill.updateMany({ where: { staffId: lenders[2].id, skillId: bbic.id }, data: { validUntil: new Date('2020-01-01') } })
    const none = await runMatching(central, { timeLimitMs: 300 })
    expect(none.loans.filter((l) => l.requestId === request.id)).toEqual([])
    const context = await buildMatchingInstance()
    expect(context.staffFacts.get(lenders[0].id)?.notLendable).toEqual(['consent'])
    expect(context.staffFacts.get(lenders[1].id)?.notLendable).toEqual(['newcomer'])
    expect(context.expiredSkills.get(lenders[2].id)).toEqual([bbic.key])

    await prisma.staff.update({ where: { id: lenders[0].id }, data: { lendingConsent: true } })
    const { run, loans } = await runMatching(central, { timeLimitMs: 300 })
    const mine = loans.filter((l) => l.requestId === request.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ staffId: lenders[0].id, fte10: 5, status: 'PROPOSED', startWeek: request.startWeek, endWeek: request.endWeek })
    const explanation = mine[0].explanation as unknown as StoredExplanation
    expect(explanation.person.skills).toEqual([{ skill: bbic.key, level: 3, minLevel: 2 }])
    expect(explanation.fairness.lastLentWeek).toBeNull()
    expect(run.score).toBeLessThan(run.baselineScore)
    expect(await prisma.auditLog.count({ where: { action: 'matching.run', entityId: run.id } })).toBe(1)
  })

  test('only central may run matching or decide loans', async () => {
    const { manager, central } = await scenario()
    await expect(runMatching(manager)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const { loans } = await runMatching(central, { timeLimitMs: 300 })
    await expect(approveLoan(manager, loans[0].id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loans[0].id } })).status).toBe('PROPOSED')
  })

  test('approval re-checks against the data as it is now: a stale suggestion is refused, nothing written', async () => {
    const { request, central } = await scenario()
    const { loans } = await runMatching(central, { timeLimitMs: 300 })
    const [first, second] = loans.filter((l) => l.requestId === request.id)
    // The person withdraws consent after the run.
    await prisma.staff.update({ where: { id: first.staffId }, data: { lendingConsent: false } })
    await expect(approveLoan(central, first.id, 'ok')).rejects.toMatchObject({ code: 'CONFLICT', message: 'loan.stale.notLendable.consent' })
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('PROPOSED')
    const approved = await approveLoan(central, second.id, 'Bra match')
    expect(approved).toMatchObject({ status: 'APPROVED', note: 'Bra match', decidedBy: { id: central.id } })
    await expect(approveLoan(central, second.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'loan.notProposed' })
    expect(await prisma.auditLog.count({ where: { action: 'loan.approve', entityId: second.id } })).toBe(1)
  })

  test('two approvals racing for the same capacity: exactly one wins, the other gets a clear refusal', async () => {
    const { request, lenders, central } = await scenario()
    // Two suggestions that together overbook lender 0 (5 spare tenths).
    const other = await createRequest({ unitId: request.unitId, fte10: 20, weeks: 4, skills: [] })
    const a = await prisma.loan.create({ data: { staffId: lenders[0].id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek } })
    const b = await prisma.loan.create({ data: { staffId: lenders[0].id, requestId: other.id, fte10: 5, startWeek: other.startWeek, endWeek: other.endWeek } })
    const results = await Promise.allSettled([approveLoan(central, a.id), approveLoan(central, b.id)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' })
    expect(String(refused.reason.message)).toMatch(/^loan\.stale\.(staffCap|concurrency)$/)
    expect(await prisma.loan.count({ where: { staffId: lenders[0].id, status: { in: ['APPROVED', 'ACTIVE'] } } })).toBe(1)
  })

  test('several at once: each decision stands on its own', async () => {
    const { request, central } = await scenario()
    const { loans } = await runMatching(central, { timeLimitMs: 300 })
    const ids = loans.filter((l) => l.requestId === request.id).map((l) => l.id)
    const outcomes = await decideLoans(central, [...ids, 'missing'], 'approve', 'Batch')
    expect(outcomes.filter((o) => o.ok)).toHaveLength(ids.length)
    expect(outcomes.at(-1)).toEqual({ loanId: 'missing', ok: false, error: 'errors.notFound' })
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('OPEN')
  })
})

describe('version 2 on the database', () => {
  test('the only qualified person, away one week, is proposed for the weeks they are present; approval keeps those weeks and re-checks recovery', async () => {
    const { request, lenders, central, need } = await scenario()
    // Only lenders[0] qualifies; the request (weeks 1–6) takes help for 2 weeks or more; the lender is away in week 3.
    await prisma.staffSkill.deleteMany({ where: { staffId: { in: [lenders[1].id, lenders[2].id] } } })
    await prisma.reinforcementRequest.update({ where: { id: request.id }, data: { endWeek: addWeeks(request.startWeek, 5), minWeeks: 2 } })
    const monday = weekStart(today())
    await prisma.absence.create({ data: { staffId: lenders[0].id, startDate: addWeeks(monday, 3), endDate: new Date(addWeeks(monday, 3).getTime() + 4 * 86_400_000) } })
    const { loans, run } = await runMatching(central, { timeLimitMs: 500 })
    const mine = loans.filter((l) => l.requestId === request.id)
    expect(mine.map((l) => [l.staffId, l.startWeek, l.endWeek])).toEqual([[lenders[0].id, addWeeks(monday, 4), addWeeks(monday, 6)]])
    const explanation = mine[0].explanation as unknown as StoredExplanation
    expect(explanation.period).toMatchObject({ startWeek: 4, endWeek: 6, requestStartWeek: 1, requestEndWeek: 6, awayWeeks: [3] })
    const summary = run.summary as unknown as RunSummary
    // The receiving unit's pressure over the loan's three weeks only.
    expect(summary.impacts.find((i) => i.unitId === need.id)).toMatchObject({ coveredWeeks: 3, receivedFteWeeks: 1.5 })

    // Meanwhile the lender was lent for 12 of the last weeks (a loan elsewhere): approving now breaks the recovery rule.
    const elsewhere = await createRequest({ unitId: need.id, startInWeeks: -12, weeks: 12 })
    await prisma.loan.create({ data: { staffId: lenders[0].id, requestId: elsewhere.id, fte10: 2, startWeek: elsewhere.startWeek, endWeek: elsewhere.endWeek, status: 'COMPLETED' } })
    await expect(approveLoan(central, mine[0].id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'loan.stale.recovery' })
    await prisma.loan.deleteMany({ where: { requestId: elsewhere.id } })
    const approved = await approveLoan(central, mine[0].id)
    expect(approved).toMatchObject({ status: 'APPROVED', startWeek: addWeeks(monday, 4), endWeek: addWeeks(monday, 6) })
  })

  test('a request nobody can take says why: the only qualified person is at the recovery limit', async () => {
    const { request, lenders, central, need } = await scenario()
    await prisma.staffSkill.deleteMany({ where: { staffId: { in: [lenders[1].id, lenders[2].id] } } })
    const earlier = await createRequest({ unitId: need.id, startInWeeks: -12, weeks: 12 })
    await prisma.loan.create({ data: { staffId: lenders[0].id, requestId: earlier.id, fte10: 2, startWeek: earlier.startWeek, endWeek: earlier.endWeek, status: 'COMPLETED' } })
    const { loans, run } = await runMatching(central, { timeLimitMs: 300 })
    expect(loans.filter((l) => l.requestId === request.id)).toEqual([])
    const gap = (run.summary as unknown as RunSummary).gaps.find((g) => g.requestId === request.id)
    expect(gap).toEqual({ requestId: request.id, qualified: 1, reasons: [{ why: 'recovery', count: 1, staffIds: [lenders[0].id] }] })
  })
})

describe('matching off the request thread, one run at a time', () => {
  test('the solve runs in the matching thread; this one keeps serving (its timers tick) meanwhile', async () => {
    const instance = generateInstance({ units: 40, staff: 1000, requests: 60, weeks: 16 }, 5)
    await solveInWorker({ version: 1, horizonWeeks: 1, units: [], staff: [], requests: [] }, { timeLimitMs: 100 })
    let last = Date.now()
    let longestPause = 0
    const tick = setInterval(() => {
      longestPause = Math.max(longestPause, Date.now() - last)
      last = Date.now()
    }, 10)
    const solution = await solveInWorker(instance, { timeLimitMs: 1500, explain: false })
    clearInterval(tick)
    expect(solution.threadId).not.toBe(threadId)
    expect(checkLoans(instance, solution.loans)).toEqual([])
    // A 1.5 s solve on this thread would pause it for about that long.
    expect(longestPause).toBeLessThan(500)
    await closeMatchingPool()
  })

  test('a second run while one is in progress (on any instance) is refused, and shown as running; an abandoned lock expires', async () => {
    const { central } = await scenario()
    await acquireMatchingLock(central.id, 10_000)
    expect(await matchingInProgress()).toMatchObject({ timeLimitMs: 10_000 })
    await expect(runMatching(central, { timeLimitMs: 300 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'matching.alreadyRunning' })
    await expect(acquireMatchingLock(central.id, 300)).rejects.toMatchObject({ code: 'CONFLICT' })
    await releaseMatchingLock()
    expect(await matchingInProgress()).toBeNull()
    // A lock left by a crashed process is taken over once it has expired.
    await acquireMatchingLock(central.id, 300, new Date(Date.now() - 10 * 60_000))
    expect(await matchingInProgress()).toBeNull()
    const run = await runMatching(central, { timeLimitMs: 300 })
    expect(run.loans.length).toBeGreaterThan(0)
    expect(await prisma.matchingRunLock.count()).toBe(0)
  })
})
