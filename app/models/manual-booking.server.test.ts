// Manual bookings and changes to loans, through the lifecycle module: the same hard rules as the engine's suggestions.
import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { approveLoan, bookLoan, changeLoan, fte10FromFte } from './loan-lifecycle.server'
import type { StoredExplanation } from './matching.server'

describe('booking a loan by hand', () => {
  test('central books a named person: approved at once, marked manual, explained and audited; the request is filled', async () => {
    const { request, lender, actors } = await consultWorld()
    const loan = await bookLoan(actors.central, {
      staffId: lender.id,
      requestId: request.id,
      fte10: 5,
      startWeek: request.startWeek,
      endWeek: request.endWeek,
      note: 'Avtalat per telefon',
    })
    expect(loan).toMatchObject({
      status: 'APPROVED',
      manual: true,
      fte10: 5,
      note: 'Avtalat per telefon',
      decidedBy: { id: actors.central.id },
      staffId: lender.id,
    })
    const explanation = loan.explanation as unknown as StoredExplanation
    expect(explanation.person.skills).toEqual([{ skill: expect.stringMatching(/^bbic-/), level: 3, minLevel: 2 }])
    expect(explanation.person.spareBefore10).toBe(5)
    expect(explanation.person.spareAfter10).toBe(0)
    expect(explanation.receiving.weeks.length).toBe(4)
    expect(await prisma.auditLog.count({ where: { action: 'loan.book', entityId: loan.id } })).toBe(1)
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('FILLED')
  })

  test('a booking or new weeks that start in a past week are refused, naming the week (past weeks were never checked)', async () => {
    const { request, lender, actors } = await consultWorld()
    const lastWeek = addWeeks(weekStart(today()), -1)
    await expect(bookLoan(actors.central, { staffId: lender.id, requestId: request.id, fte10: 2, startWeek: lastWeek, endWeek: request.endWeek })).rejects.toMatchObject({
      path: 'startWeek',
      message: 'validation.startInPast',
    })
    const proposal = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek } })
    await expect(approveLoan(actors.central, proposal.id, null, { startWeek: lastWeek })).rejects.toMatchObject({ path: 'startWeek', message: 'validation.startInPast' })
    expect(await prisma.loan.count({ where: { staffId: lender.id, status: { not: 'PROPOSED' } } })).toBe(0)
  })

  test('a booking over the cap on the person is refused with the rule named; nothing is written', async () => {
    const { request, lender, actors } = await consultWorld()
    // Eight tenths: the person has five to spare.
    await expect(
      bookLoan(actors.central, { staffId: lender.id, requestId: request.id, fte10: 8, startWeek: request.startWeek, endWeek: request.endWeek }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'consult.broken.size',
    })
    // Someone without the skill: the skills rule.
    const { colleague } = await consultWorld()
    await expect(
      bookLoan(actors.central, { staffId: colleague.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'consult.broken.eligibility',
    })
    expect(await prisma.loan.count({ where: { requestId: request.id } })).toBe(0)
  })

  test('only central books: a manager or staff is FORBIDDEN', async () => {
    const { request, lender, actors } = await consultWorld()
    const input = { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek }
    for (const actor of [actors.needManager, actors.slackManager, actors.lender])
      await expect(bookLoan(actor, input)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await prisma.loan.count({ where: { requestId: request.id } })).toBe(0)
  })

  test('bad input names the field', async () => {
    const { request, lender, actors } = await consultWorld()
    const input = { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek }
    await expect(bookLoan(actors.central, { ...input, fte10: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', path: 'fte' })
    await expect(bookLoan(actors.central, { ...input, endWeek: addWeeks(request.startWeek, -1) })).rejects.toMatchObject({
      path: 'endWeek',
      message: 'consult.errors.endBeforeStart',
    })
    await expect(bookLoan(actors.central, { ...input, requestId: 'nope' })).rejects.toMatchObject({ path: 'requestId' })
    await expect(bookLoan(actors.central, { ...input, staffId: 'nope' })).rejects.toMatchObject({ path: 'staffId' })
    expect(() => fte10FromFte('0,5')).not.toThrow()
    expect(fte10FromFte('0,5')).toBe(5)
    expect(() => fte10FromFte(0.55)).toThrow(expect.objectContaining({ path: 'fte' }))
    expect(() => fte10FromFte(1.1)).toThrow(expect.objectContaining({ path: 'fte' }))
  })
})

describe('changing a loan', () => {
  test('central approves a proposal with a changed extent and weeks: re-checked, the new terms kept, explained again', async () => {
    const { request, lender, actors } = await consultWorld()
    const proposal = await prisma.loan.create({
      data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek },
    })
    await expect(approveLoan(actors.central, proposal.id, null, { fte10: 9 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.broken.size' })
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('PROPOSED')
    const approved = await approveLoan(actors.central, proposal.id, 'Tre tiondelar räcker', { fte10: 3, endWeek: addWeeks(request.startWeek, 2) })
    expect(approved).toMatchObject({ status: 'APPROVED', fte10: 3, startWeek: request.startWeek, endWeek: addWeeks(request.startWeek, 2) })
    expect((approved.explanation as unknown as StoredExplanation).fte10).toBe(3)
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'loan.approve', entityId: proposal.id } })
    expect(JSON.stringify(entry.after)).toContain('changedFrom')
  })

  test('an approved loan is extended or its extent changed, the loan not counting against itself; one that breaks a rule is refused', async () => {
    const { request, lender, actors } = await consultWorld()
    const loan = await bookLoan(actors.central, {
      staffId: lender.id,
      requestId: request.id,
      fte10: 5,
      startWeek: request.startWeek,
      endWeek: addWeeks(request.startWeek, 1),
    })
    // Its own five tenths do not count against it: the same extent over longer weeks fits.
    const extended = await changeLoan(actors.central, loan.id, { endWeek: request.endWeek })
    expect(extended).toMatchObject({ status: 'APPROVED', fte10: 5, endWeek: request.endWeek })
    await expect(changeLoan(actors.central, loan.id, { fte10: 6 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.broken.size' })
    await expect(changeLoan(actors.central, loan.id, { endWeek: addWeeks(request.endWeek, 1) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'consult.broken.period',
    })
    const smaller = await changeLoan(actors.central, loan.id, { fte10: 3 })
    expect(smaller.fte10).toBe(3)
    // Less than the request asks for: it opens again.
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('OPEN')
    await expect(changeLoan(actors.central, loan.id, { fte10: 3 })).rejects.toMatchObject({ message: 'consult.errors.nothingChanged' })
    await expect(changeLoan(actors.needManager, loan.id, { fte10: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await prisma.auditLog.count({ where: { action: 'loan.change', entityId: loan.id } })).toBe(2)
  })

  test('a loan under way keeps its first week; a finished or proposed one cannot be changed', async () => {
    const { request, lender, actors } = await consultWorld()
    const running = await prisma.reinforcementRequest.update({ where: { id: request.id }, data: { startWeek: addWeeks(request.startWeek, -2) } })
    const active = await prisma.loan.create({
      data: { staffId: lender.id, requestId: request.id, fte10: 3, startWeek: running.startWeek, endWeek: running.endWeek, status: 'ACTIVE' },
    })
    await expect(changeLoan(actors.central, active.id, { startWeek: request.startWeek })).rejects.toMatchObject({
      path: 'startWeek',
      message: 'consult.errors.startWeekFixed',
    })
    // A new extent applies from this week: the two weeks worked keep theirs, for follow-up and recovery.
    const continued = await changeLoan(actors.central, active.id, { fte10: 4 })
    const monday = weekStart(today())
    expect(continued).toMatchObject({ status: 'ACTIVE', fte10: 4, startWeek: monday, endWeek: running.endWeek })
    expect(await prisma.loan.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ status: 'COMPLETED', fte10: 3, startWeek: running.startWeek, endWeek: addWeeks(monday, -1) })
    expect(await prisma.auditLog.findMany({ where: { entityId: { in: [active.id, continued.id] } }, select: { action: true, entityId: true } })).toEqual(
      expect.arrayContaining([
        { action: 'loan.complete', entityId: active.id },
        { action: 'loan.change', entityId: continued.id },
      ]),
    )
    // The continuing loan began this week: a change to it is made in place.
    expect(await changeLoan(actors.central, continued.id, { fte10: 2 })).toMatchObject({ id: continued.id, fte10: 2, startWeek: monday })
    const proposal = await prisma.loan.create({
      data: { staffId: lender.id, requestId: request.id, fte10: 1, startWeek: running.startWeek, endWeek: running.endWeek },
    })
    await expect(changeLoan(actors.central, proposal.id, { fte10: 2 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.errors.notChangeable' })
  })
})
