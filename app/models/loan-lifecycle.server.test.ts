import type { LoanStatus } from '@prisma/client'
import { describe, expect, test } from 'vitest'
import { createArea, createRoles, createStaff, createUnit, createUser } from '../../tests/factories'
import { JOBS, RECURRING_TASKS } from '~/jobs/registry.server'
import { createJobRunner } from '~/jobs/runner.server'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { getFollowUp, parsePeriod } from './follow-up.server'
import { advanceLoanStatuses, BOOKED_STATUSES, calendarStatus, cancelLoan, endLoanEarly, LOAN_TRANSITIONS, nextStatus, type LoanEvent } from './loan-lifecycle.server'
import { LOAN_STATUSES } from './loan-status'
import { buildMatchingInstance } from './matching-instance.server'
import { cancelReinforcementRequest } from './requests.server'

const actorOf = async (id: string) => (await getActorById(id))!
const monday = weekStart(today())
const week = (n: number) => addWeeks(monday, n)

describe('the table of allowed changes', () => {
  // Written out by hand: every status and event, what it leads to (for a loan
  // running from last week to next week, so the calendar says "under way").
  const running = { startWeek: week(-1), endWeek: week(1) }
  const expected: Record<LoanEvent, Partial<Record<LoanStatus, LoanStatus>>> = {
    approve: { PROPOSED: 'ACTIVE' },
    reject: { PROPOSED: 'REJECTED' },
    withdraw: { PROPOSED: 'CANCELLED' },
    cancel: { APPROVED: 'CANCELLED' },
    start: { APPROVED: 'ACTIVE' },
    complete: {},
    endEarly: { ACTIVE: 'ENDED_EARLY' },
    // A decided loan's extent or weeks; running by the calendar, so it is (or stays) under way.
    change: { APPROVED: 'ACTIVE', ACTIVE: 'ACTIVE' },
  }
  const cases = (Object.keys(expected) as LoanEvent[]).flatMap((event) => LOAN_STATUSES.map((from) => [event, from, expected[event][from] ?? 'refused'] as const))

  test.each(cases)('%s from %s → %s', (event, from, to) => {
    if (to === 'refused') expect(() => nextStatus(from, event, running, monday)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
    else expect(nextStatus(from, event, running, monday)).toBe(to)
  })

  test('the calendar picks among the allowed targets', () => {
    expect(calendarStatus({ startWeek: week(1), endWeek: week(3) }, monday)).toBe('APPROVED')
    expect(calendarStatus({ startWeek: week(0), endWeek: week(3) }, monday)).toBe('ACTIVE')
    expect(calendarStatus({ startWeek: week(-3), endWeek: week(0) }, monday)).toBe('ACTIVE')
    expect(calendarStatus({ startWeek: week(-3), endWeek: week(-1) }, monday)).toBe('COMPLETED')
    const future = { startWeek: week(2), endWeek: week(4) }
    expect(nextStatus('PROPOSED', 'approve', future, monday)).toBe('APPROVED')
    expect(() => nextStatus('APPROVED', 'start', future, monday)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
    const past = { startWeek: week(-4), endWeek: week(-1) }
    expect(() => nextStatus('PROPOSED', 'approve', past, monday)).toThrow(expect.objectContaining({ message: 'loan.stale.periodPassed' }))
    expect(nextStatus('APPROVED', 'complete', past, monday)).toBe('COMPLETED')
    expect(nextStatus('ACTIVE', 'complete', past, monday)).toBe('COMPLETED')
  })

  test('a change keeps a decided loan decided: one not begun stays approved unless moved to this week; a booking by hand starts decided', () => {
    const future = { startWeek: week(2), endWeek: week(4) }
    expect(nextStatus('APPROVED', 'change', future, monday)).toBe('APPROVED')
    expect(nextStatus('APPROVED', 'change', { startWeek: week(0), endWeek: week(4) }, monday)).toBe('ACTIVE')
    expect(() => nextStatus('ACTIVE', 'change', future, monday)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
    expect(BOOKED_STATUSES).toEqual(['APPROVED', 'ACTIVE'])
    expect(BOOKED_STATUSES).toContain(calendarStatus(future, monday))
    expect(BOOKED_STATUSES).toContain(calendarStatus({ startWeek: week(0), endWeek: week(1) }, monday))
  })

  test('finished loans are final: no event leads out of them', () => {
    for (const status of ['COMPLETED', 'ENDED_EARLY', 'REJECTED', 'CANCELLED'] as const) {
      for (const event of Object.keys(LOAN_TRANSITIONS) as LoanEvent[]) expect(LOAN_TRANSITIONS[event][status]).toBeUndefined()
    }
  })
})

/** A lender from a quiet unit on a loan of 5 tenths into a busy unit, from `start` for `weeks` weeks. */
async function loanWorld(status: LoanStatus, start: number, weeks: number) {
  const roles = await createRoles()
  const area = await createArea()
  const lending = await createUnit({ areaId: area.id, openCases: 10 })
  const lender = await createStaff({ unitId: lending.id, caseload: 2 })
  const request = await prisma.reinforcementRequest.create({
    data: { unitId: roles.unit.id, fte10: 5, startWeek: week(start), endWeek: week(start + weeks - 1), motivation: 'Test', status: 'FILLED' },
  })
  const loan = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status } })
  return { ...roles, lending, lender, request, loan, centralActor: await actorOf(roles.central.id) }
}

describe('ending a loan early', () => {
  test('keeps the weeks worked in follow-up and in the recovery count, frees the rest and reopens the request', async () => {
    const { loan, lender, lending, request, centralActor } = await loanWorld('ACTIVE', -4, 10)
    const ended = await endLoanEarly(centralActor, loan.id, { lastWeek: week(-1), note: 'Behövs hemma.' })
    expect(ended).toMatchObject({ status: 'ENDED_EARLY', startWeek: week(-4), endWeek: week(-1), plannedEndWeek: week(5), note: 'Behövs hemma.' })
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('OPEN')

    // Follow-up: four weeks lent by the lending unit (0,5 FTE each), none ahead.
    const followUp = await getFollowUp(centralActor, parsePeriod({}))
    expect(followUp.units.find((r) => r.id === lending.id)!.lentFteWeeks).toBeCloseTo(2)
    const ahead = await getFollowUp(centralActor, { from: week(0), to: week(12) })
    expect(ahead.units.find((r) => r.id === lending.id)!.lentFteWeeks).toBe(0)
    // Recovery: the four weeks worked count; the person holds no time from now on.
    const context = await buildMatchingInstance()
    expect(context.staffFacts.get(lender.id)?.weeksLentRecently).toBe(4)
    expect(context.instance.commitments.filter((c) => c.staffId === lender.id)).toEqual([])
    expect(await prisma.auditLog.count({ where: { action: 'loan.endEarly', entityId: loan.id } })).toBe(1)
  })

  test('the last week must be within the loan, not in the future and before its planned end; only active loans end early', async () => {
    const { loan, centralActor } = await loanWorld('ACTIVE', -2, 6)
    await expect(endLoanEarly(centralActor, loan.id, { lastWeek: week(-3) })).rejects.toMatchObject({ path: 'lastWeek', message: 'validation.lastWeekBeforeStart' })
    await expect(endLoanEarly(centralActor, loan.id, { lastWeek: week(1) })).rejects.toMatchObject({ path: 'lastWeek', message: 'validation.lastWeekInFuture' })
    const short = await loanWorld('ACTIVE', -2, 3)
    await expect(endLoanEarly(short.centralActor, short.loan.id, { lastWeek: week(0) })).rejects.toMatchObject({ path: 'lastWeek', message: 'validation.lastWeekNotEarly' })
    // A mid-week date means that week.
    expect((await endLoanEarly(centralActor, loan.id, { lastWeek: new Date(week(0).getTime() + 3 * 86_400_000) })).endWeek).toEqual(week(0))
    await expect(endLoanEarly(centralActor, loan.id, { lastWeek: week(0) })).rejects.toMatchObject({ code: 'CONFLICT', message: 'loan.notActive' })
    const upcoming = await loanWorld('APPROVED', 2, 4)
    await expect(endLoanEarly(upcoming.centralActor, upcoming.loan.id, { lastWeek: week(0) })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  test('only central ends or cancels loans', async () => {
    const { loan, manager, staffUser } = await loanWorld('ACTIVE', -2, 6)
    const lenderUser = await createUser({ role: 'STAFF', staffId: loan.staffId })
    for (const id of [manager.id, staffUser.id, lenderUser.id]) {
      await expect(endLoanEarly(await actorOf(id), loan.id, { lastWeek: week(0) })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(cancelLoan(await actorOf(id), loan.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).status).toBe('ACTIVE')
  })
})

describe('cancelling', () => {
  test('an approved loan is cancelled before it starts; a loan under way is refused (it ends early instead)', async () => {
    const upcoming = await loanWorld('APPROVED', 2, 4)
    expect((await cancelLoan(upcoming.centralActor, upcoming.loan.id)).status).toBe('CANCELLED')
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: upcoming.request.id } })).status).toBe('OPEN')
    const running = await loanWorld('ACTIVE', -1, 4)
    await expect(cancelLoan(running.centralActor, running.loan.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'loan.notCancellable' })
  })

  test('withdrawing a request cancels its loans not yet started and ends the running ones this week', async () => {
    const { loan, request, manager, lender } = await loanWorld('ACTIVE', -3, 8)
    const later = await prisma.loan.create({ data: { staffId: (await createStaff()).id, requestId: request.id, fte10: 2, startWeek: week(2), endWeek: request.endWeek, status: 'APPROVED' } })
    await cancelReinforcementRequest(await actorOf(manager.id), request.id)
    expect(await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ status: 'ENDED_EARLY', endWeek: week(0), plannedEndWeek: week(4) })
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: later.id } })).status).toBe('CANCELLED')
    expect((await buildMatchingInstance()).staffFacts.get(lender.id)?.weeksLentRecently).toBe(4)
  })
})

describe('the schedule', () => {
  test('the daily task activates and completes loans and closes past requests, with no page opened', async () => {
    const starting = await loanWorld('APPROVED', 0, 3)
    const finished = await loanWorld('ACTIVE', -4, 3)
    const missed = await loanWorld('APPROVED', -3, 2)
    const future = await loanWorld('APPROVED', 1, 3)
    // Room for every task and for the mail jobs earlier tests queued (claimed oldest first).
    const runner = createJobRunner({ jobs: JOBS, tasks: RECURRING_TASKS, concurrency: 100 })
    await runner.scheduleRecurring()
    await runner.runDue()
    const status = async (id: string) => (await prisma.loan.findUniqueOrThrow({ where: { id } })).status
    expect(await status(starting.loan.id)).toBe('ACTIVE')
    expect(await status(finished.loan.id)).toBe('COMPLETED')
    expect(await status(missed.loan.id)).toBe('COMPLETED')
    expect(await status(future.loan.id)).toBe('APPROVED')
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: finished.request.id } })).status).toBe('CLOSED')
    expect(await prisma.job.findFirst({ where: { key: { startsWith: 'task:loans.lifecycle:' } }, select: { status: true } })).toEqual({ status: 'DONE' })
    // Running it again changes nothing.
    expect(await advanceLoanStatuses()).toEqual({ activated: 0, completed: 0, closed: 0 })
  })

  test('opening the loans page moves nothing', async () => {
    const { loan, central } = await loanWorld('APPROVED', 0, 3)
    const { loader } = await import('~/routes/loans')
    const { request: get, sessionCookie } = await import('../../tests/factories')
    const response = await loader({ request: get('/loans', { cookie: await sessionCookie(central.id) }), params: {}, context: {} })
    expect(response.status).toBe(200)
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).status).toBe('APPROVED')
  })
})
