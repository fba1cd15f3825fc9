// endLoanEarly and cancelLoan over HTTP, per role: the change, each refusal and bad input.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, toYmd, weekStart } from '~/utils/weeks'
import { createStaff } from '../tests/factories'
import { createLendingWorld, credentialsFor, example, expectBadInput, expectRefused, gql } from './test-helpers'

const END = example('end-loan-early')
const CANCEL = 'mutation ($id: ID!, $note: String) { cancelLoan(id: $id, note: $note) { id status } }'
const monday = weekStart(today())
const week = (n: number) => addWeeks(monday, n)

async function loanWorld(status: 'APPROVED' | 'ACTIVE', start: number, weeks: number) {
  const world = await createLendingWorld()
  const request = await prisma.reinforcementRequest.create({
    data: { unitId: world.receiving.id, fte10: 5, startWeek: week(start), endWeek: week(start + weeks - 1), motivation: 'Test', status: 'FILLED' },
  })
  const loan = await prisma.loan.create({ data: { staffId: world.lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status } })
  return { ...world, request, loan }
}

describe('endLoanEarly', () => {
  test('central ends a loan under way: the weeks worked stay, the planned end is kept', async () => {
    const { loan, central } = await loanWorld('ACTIVE', -3, 8)
    const response = await gql(END, { id: loan.id, lastWeek: toYmd(week(-1)), note: 'Behövs hemma.' }, await credentialsFor(central.id))
    expect(response.errors).toEqual([])
    expect(response.data.endLoanEarly).toEqual({ id: loan.id, status: 'ENDED_EARLY', startWeek: toYmd(week(-3)), endWeek: toYmd(week(-1)), plannedEndWeek: toYmd(week(4)) })
    const listed = await gql('{ loans(status: ENDED_EARLY) { id endWeek plannedEndWeek } }', {}, await credentialsFor(central.id))
    expect(listed.data.loans).toEqual([{ id: loan.id, endWeek: toYmd(week(-1)), plannedEndWeek: toYmd(week(4)) }])
  })

  test('the weeks worked before an early end stay in follow-up: lent by one unit, received by the other', async () => {
    const { loan, central, lending, receiving } = await loanWorld('ACTIVE', -3, 8)
    const credentials = await credentialsFor(central.id)
    expect((await gql(END, { id: loan.id, lastWeek: toYmd(week(-1)), note: null }, credentials)).errors).toEqual([])
    const followUp = await gql(
      'query ($from: String, $to: String) { followUp(from: $from, to: $to) { units { id figures { lentFteWeeks receivedFteWeeks } } } }',
      { from: toYmd(week(-4)), to: toYmd(week(4)) },
      credentials,
    )
    expect(followUp.errors).toEqual([])
    const figures = (id: string) => followUp.data.followUp.units.find((u: { id: string }) => u.id === id)?.figures
    // Three weeks worked at half time; the five planned weeks after the end count for nothing.
    expect(figures(lending.id)).toMatchObject({ lentFteWeeks: 1.5, receivedFteWeeks: 0 })
    expect(figures(receiving.id)).toMatchObject({ lentFteWeeks: 0, receivedFteWeeks: 1.5 })
  })

  test('refused for managers and staff, the lent person included; nothing is written', async () => {
    const { loan, manager, lendingManager, staffUser } = await loanWorld('ACTIVE', -3, 8)
    for (const user of [manager, lendingManager, staffUser]) {
      await expectRefused(END, { id: loan.id, lastWeek: toYmd(week(0)) }, await credentialsFor(user.id))
      await expectRefused(CANCEL, { id: loan.id }, await credentialsFor(user.id))
    }
  })

  test('bad weeks name lastWeek; a loan not under way is a conflict; an unknown one not found', async () => {
    const { loan, central } = await loanWorld('ACTIVE', -3, 8)
    const credentials = await credentialsFor(central.id)
    await expectBadInput(END, { id: loan.id, lastWeek: toYmd(week(-4)) }, credentials, 'lastWeek', 'validation.lastWeekBeforeStart')
    await expectBadInput(END, { id: loan.id, lastWeek: toYmd(week(2)) }, credentials, 'lastWeek', 'validation.lastWeekInFuture')
    await expectBadInput(END, { id: loan.id, lastWeek: '2026-02-30' }, credentials, 'lastWeek')
    await expectBadInput(END, { id: loan.id, lastWeek: toYmd(week(0)), note: 'x'.repeat(1001) }, credentials, 'note', 'validation.noteTooLong')
    await expectRefused(END, { id: 'no-such-loan', lastWeek: toYmd(week(0)) }, credentials, 'NOT_FOUND')
    const upcoming = await prisma.loan.create({ data: { staffId: (await createStaff()).id, requestId: loan.requestId, fte10: 2, startWeek: week(2), endWeek: week(4), status: 'APPROVED' } })
    const conflict = await expectRefused(END, { id: upcoming.id, lastWeek: toYmd(week(0)) }, credentials, 'CONFLICT')
    expect(conflict.errors[0].message).toBe('Bara pågående lån kan avslutas i förtid.')
  })
})

describe('cancelLoan', () => {
  test('central cancels an approved loan before it starts; one under way is a conflict', async () => {
    const upcoming = await loanWorld('APPROVED', 2, 4)
    const credentials = await credentialsFor(upcoming.central.id)
    expect((await gql(CANCEL, { id: upcoming.loan.id }, credentials)).data.cancelLoan).toEqual({ id: upcoming.loan.id, status: 'CANCELLED' })
    const running = await loanWorld('ACTIVE', -1, 4)
    await expectRefused(CANCEL, { id: running.loan.id }, await credentialsFor(running.central.id), 'CONFLICT')
  })
})
