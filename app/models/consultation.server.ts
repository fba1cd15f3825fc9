// Consultation before approval: the person proposed for a loan and the
// managers of their unit see each proposal that concerns them, with the
// engine's explanation, and answer "Det fungerar" or "Jag har invändningar"
// with a comment; central reads the answers on the matching page. With the
// policy requireStaffAnswer, approval waits for the person's yes
// (loan-lifecycle.server.ts asks personAgreed).
import type { ProposalAnswerKind, ProposalAnswerRole } from '@prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import { lockDecisions } from './decision-lock.server'
import { loanSelect } from './loans.server'
import { requestBriefSelect } from './request-brief'

export const PROPOSAL_ANSWERS = ['OK', 'OBJECTION'] as const satisfies readonly ProposalAnswerKind[]
export const MAX_COMMENT_LENGTH = 1000

/** As whom the actor answers a proposal: the person proposed, a manager of the person's unit, or not at all (null). */
export function answeringRole(
  actor: Pick<Actor, 'role' | 'staffId' | 'managedUnitIds'>,
  loan: { staffId: string; staff: { unitId: string } },
): ProposalAnswerRole | null {
  if (actor.staffId && actor.staffId === loan.staffId) return 'PERSON'
  if (actor.role === 'MANAGER' && actor.managedUnitIds.includes(loan.staff.unitId)) return 'LENDING_MANAGER'
  return null
}

const answerSelect = { id: true, loanId: true, role: true, answer: true, comment: true, answeredAt: true, user: { select: { id: true, name: true } } } as const

/**
 * The actor answers a proposed loan that concerns them (FORBIDDEN for anyone
 * else, central included: central decides). A new answer replaces the
 * actor's earlier one; audited (whether there is a comment, not its words).
 */
export async function answerProposal(actor: Actor, loanId: string, input: { answer: string; comment?: string | null }) {
  if (!(PROPOSAL_ANSWERS as readonly string[]).includes(input.answer)) throw new InputError('answer', 'consult.errors.answer')
  const comment = input.comment?.trim() || null
  if (comment && comment.length > MAX_COMMENT_LENGTH) throw new InputError('comment', 'consult.errors.commentTooLong')
  const answer = input.answer as ProposalAnswerKind
  return prisma.$transaction(async (tx) => {
    // After a matching run that is replacing the suggestions, not in the middle of it.
    await lockDecisions(tx)
    const loan = await tx.loan.findUnique({ where: { id: loanId }, select: { id: true, status: true, staffId: true, staff: { select: { unitId: true } } } })
    if (!loan) throw new NotFoundError()
    const role = answeringRole(actor, loan)
    if (!role) throw new ForbiddenError('consult.errors.notYourProposal')
    if (loan.status !== 'PROPOSED') throw new ConflictError('loan.notProposed')
    const before = await tx.proposalAnswer.findUnique({ where: { loanId_userId: { loanId, userId: actor.id } }, select: { answer: true } })
    const saved = await tx.proposalAnswer.upsert({
      where: { loanId_userId: { loanId, userId: actor.id } },
      create: { loanId, userId: actor.id, role, answer, comment },
      update: { role, answer, comment, answeredAt: new Date() },
      select: answerSelect,
    })
    await audit(tx, actor, {
      action: 'proposal.answer',
      entity: 'Loan',
      entityId: loanId,
      before: before ?? undefined,
      after: { role, answer, hasComment: comment !== null },
    })
    return saved
  })
}

/** Has the person proposed answered "Det fungerar"? */
export async function personAgreed(tx: Tx, loanId: string) {
  return (await tx.proposalAnswer.count({ where: { loanId, role: 'PERSON', answer: 'OK' } })) > 0
}

/**
 * The proposals that concern the actor, newest runs first: as the person
 * proposed, and as manager of the lending units (`unitId` narrows to one of
 * them). Each with its explanation, request and the actor's own answer.
 */
export async function listProposalsFor(actor: Actor, filter: { unitId?: string } = {}) {
  const mine = actor.staffId ? [{ staffId: actor.staffId }] : []
  const units = actor.role === 'MANAGER' ? actor.managedUnitIds.filter((u) => !filter.unitId || u === filter.unitId) : []
  const or = [...(filter.unitId ? [] : mine), ...(units.length ? [{ staff: { unitId: { in: [...units] } } }] : [])]
  if (!or.length) return []
  const loans = await prisma.loan.findMany({
    where: { status: 'PROPOSED', OR: or },
    orderBy: [{ startWeek: 'asc' }, { id: 'asc' }],
    take: 100,
    select: {
      ...loanSelect,
      request: { select: requestBriefSelect },
      answers: { where: { userId: actor.id }, select: answerSelect },
    },
  })
  return loans.map(({ answers, ...loan }) => ({ ...loan, myAnswer: answers[0] ?? null, as: answeringRole(actor, loan) }))
}

/** Every answer to these loans, for central before deciding: loanId → answers, the person's first. */
export async function answersByLoan(actor: Actor, loanIds: readonly string[]) {
  assertRole(actor, 'CENTRAL')
  const rows = await prisma.proposalAnswer.findMany({ where: { loanId: { in: [...loanIds] } }, orderBy: { answeredAt: 'asc' }, select: answerSelect })
  const byLoan: Record<string, typeof rows> = {}
  for (const row of rows) (byLoan[row.loanId] ??= []).push(row)
  for (const list of Object.values(byLoan)) list.sort((a, b) => (a.role === b.role ? 0 : a.role === 'PERSON' ? -1 : 1))
  return byLoan
}

/** The answers to one loan the actor may read: central every one, others their own. */
export async function answersVisibleTo(actor: Actor, loanId: string) {
  return prisma.proposalAnswer.findMany({
    where: { loanId, ...(actor.role === 'CENTRAL' ? {} : { userId: actor.id }) },
    orderBy: { answeredAt: 'asc' },
    select: answerSelect,
  })
}

/** Central turns the policy "Kräv medarbetarens svar före godkännande" on or off; audited. */
export async function setRequireStaffAnswer(actor: Actor, requireStaffAnswer: boolean) {
  assertRole(actor, 'CENTRAL')
  await prisma.$transaction(async (tx) => {
    const before = await tx.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {}, select: { requireStaffAnswer: true } })
    await tx.settings.update({ where: { id: 'default' }, data: { requireStaffAnswer } })
    await audit(tx, actor, { action: 'policy.requireStaffAnswer', entity: 'Settings', entityId: 'default', before, after: { requireStaffAnswer } })
  })
}
