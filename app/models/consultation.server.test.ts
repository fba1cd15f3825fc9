import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { prisma } from '~/utils/db.server'
import { answerProposal, answersByLoan, listProposalsFor, setRequireStaffAnswer } from './consultation.server'
import { approveLoan } from './loan-lifecycle.server'
import { runMatching } from './matching.server'

async function proposed() {
  const world = await consultWorld()
  const loan = await prisma.loan.create({
    data: { staffId: world.lender.id, requestId: world.request.id, fte10: 5, startWeek: world.request.startWeek, endWeek: world.request.endWeek },
  })
  return { ...world, loan }
}

describe('consultation before approval', () => {
  test('the person and the lending manager see the proposal and answer; central sees both answers, the person first', async () => {
    const { loan, actors } = await proposed()
    expect((await listProposalsFor(actors.lender)).map((p) => [p.id, p.as])).toEqual([[loan.id, 'PERSON']])
    expect(
      (
        await listProposalsFor(actors.slackManager, {
          unitId: loan.staffId ? (await prisma.staff.findUniqueOrThrow({ where: { id: loan.staffId } })).unitId : '',
        })
      ).map((p) => [p.id, p.as]),
    ).toEqual([[loan.id, 'LENDING_MANAGER']])
    expect(await listProposalsFor(actors.colleague)).toEqual([])
    expect(await listProposalsFor(actors.otherManager)).toEqual([])

    await answerProposal(actors.slackManager, loan.id, { answer: 'OK', comment: 'Går bra' })
    await answerProposal(actors.lender, loan.id, { answer: 'OK' })
    // A new answer replaces the earlier one.
    await answerProposal(actors.lender, loan.id, { answer: 'OBJECTION', comment: 'Jag har en utbildning vecka två' })
    const answers = (await answersByLoan(actors.central, [loan.id]))[loan.id]
    expect(answers.map((a) => [a.role, a.answer, a.comment])).toEqual([
      ['PERSON', 'OBJECTION', 'Jag har en utbildning vecka två'],
      ['LENDING_MANAGER', 'OK', 'Går bra'],
    ])
    expect((await listProposalsFor(actors.lender))[0].myAnswer).toMatchObject({ answer: 'OBJECTION' })
    expect(await prisma.auditLog.count({ where: { action: 'proposal.answer', entityId: loan.id } })).toBe(3)
  })

  test('a re-run that makes the same suggestion keeps its answers; one on other terms asks again', async () => {
    const { actors, lender, request } = await consultWorld()
    const first = await runMatching(actors.central, { timeLimitMs: 300 })
    const mine = first.loans.find((l) => l.staffId === lender.id && l.requestId === request.id)!
    await answerProposal(actors.lender, mine.id, { answer: 'OK', comment: 'Gärna' })
    await answerProposal(actors.slackManager, mine.id, { answer: 'OK' })
    // The manager hands the unit over before the re-run: their answer no longer speaks for it.
    await prisma.unitManager.deleteMany({ where: { userId: actors.slackManager.id } })
    const again = await runMatching(actors.central, { timeLimitMs: 300 })
    const same = again.loans.find((l) => l.staffId === lender.id && l.requestId === request.id)!
    expect(same.id).not.toBe(mine.id)
    expect((await answersByLoan(actors.central, [same.id]))[same.id].map((a) => [a.role, a.answer, a.comment])).toEqual([['PERSON', 'OK', 'Gärna']])
    // The run's audit entry counts the answers it kept (other worlds' suggestions in this file's database included).
    const kept = await prisma.proposalAnswer.count({ where: { loan: { matchingRunId: again.run.id } } })
    expect((await prisma.auditLog.findFirstOrThrow({ where: { action: 'matching.run', entityId: again.run.id } })).after).toMatchObject({ answersKept: kept })
    // Her own cases grew: the run offers less, and her earlier yes does not stand for it.
    await prisma.staff.update({ where: { id: lender.id }, data: { caseload: 7, caseloadPoints: 7 } })
    const smaller = (await runMatching(actors.central, { timeLimitMs: 300 })).loans.find((l) => l.staffId === lender.id && l.requestId === request.id)!
    expect(smaller.fte10).toBeLessThan(same.fte10)
    expect((await answersByLoan(actors.central, [smaller.id]))[smaller.id] ?? []).toEqual([])
  })

  test('refused: staff answering someone else’s proposal, a manager of a unit the person is not lent from, central; bad answers named', async () => {
    const { loan, actors } = await proposed()
    await expect(answerProposal(actors.colleague, loan.id, { answer: 'OK' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(answerProposal(actors.otherManager, loan.id, { answer: 'OK' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // The receiving unit's manager does not lend the person.
    await expect(answerProposal(actors.needManager, loan.id, { answer: 'OBJECTION' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(answerProposal(actors.central, loan.id, { answer: 'OK' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(answerProposal(actors.lender, loan.id, { answer: 'MAYBE' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', path: 'answer' })
    await expect(answerProposal(actors.lender, loan.id, { answer: 'OK', comment: 'x'.repeat(1001) })).rejects.toMatchObject({ path: 'comment' })
    await expect(answersByLoan(actors.slackManager, [loan.id])).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await prisma.proposalAnswer.count({ where: { loanId: loan.id } })).toBe(0)
    // A decided loan takes no more answers.
    await prisma.loan.update({ where: { id: loan.id }, data: { status: 'REJECTED' } })
    await expect(answerProposal(actors.lender, loan.id, { answer: 'OK' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  test("with 'Kräv medarbetarens svar före godkännande', approval waits for the person's yes", async () => {
    const { loan, actors } = await proposed()
    await expect(setRequireStaffAnswer(actors.slackManager, true)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await setRequireStaffAnswer(actors.central, true)
    await expect(approveLoan(actors.central, loan.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.errors.awaitingAnswer' })
    // The manager's yes is not the person's.
    await answerProposal(actors.slackManager, loan.id, { answer: 'OK' })
    await answerProposal(actors.lender, loan.id, { answer: 'OBJECTION' })
    await expect(approveLoan(actors.central, loan.id)).rejects.toMatchObject({ message: 'consult.errors.awaitingAnswer' })
    await answerProposal(actors.lender, loan.id, { answer: 'OK' })
    expect((await approveLoan(actors.central, loan.id)).status).toBe('APPROVED')
    await setRequireStaffAnswer(actors.central, false)
    expect(await prisma.auditLog.count({ where: { action: 'policy.requireStaffAnswer' } })).toBe(2)
  })
})
