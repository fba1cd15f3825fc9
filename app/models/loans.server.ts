import type { LoanStatus, Prisma } from '@prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { ConflictError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { audit } from './audit.server'

export const loanSelect = {
  id: true,
  staffId: true,
  requestId: true,
  fte10: true,
  startWeek: true,
  endWeek: true,
  status: true,
  explanation: true,
  note: true,
  decidedAt: true,
  matchingRunId: true,
  decidedBy: { select: { id: true, name: true } },
  staff: { select: { id: true, firstName: true, lastName: true, unitId: true, unit: { select: { id: true, name: true } } } },
  request: { select: { id: true, unitId: true, fte10: true, status: true, unit: { select: { id: true, name: true } } } },
} satisfies Prisma.LoanSelect

export type LoanRow = Prisma.LoanGetPayload<{ select: typeof loanSelect }>

export const MAX_NOTE_LENGTH = 1000

/**
 * Central sees every loan; a manager the loans into their units and of their
 * own staff; staff their own.
 */
export function loanScope(actor: Actor): Prisma.LoanWhereInput {
  if (actor.role === 'CENTRAL') return {}
  if (actor.role === 'MANAGER') {
    const units = [...actor.managedUnitIds]
    return { OR: [{ request: { unitId: { in: units } } }, { staff: { unitId: { in: units } } }] }
  }
  return { staffId: actor.staffId ?? '__none__' }
}

export async function listLoans(
  actor: Actor,
  filter: { status?: LoanStatus | LoanStatus[]; unitId?: string; staffId?: string; from?: Date; to?: Date } = {},
): Promise<LoanRow[]> {
  const status = Array.isArray(filter.status) ? { in: filter.status } : filter.status
  return prisma.loan.findMany({
    where: {
      AND: [
        loanScope(actor),
        status ? { status } : {},
        filter.unitId ? { OR: [{ request: { unitId: filter.unitId } }, { staff: { unitId: filter.unitId } }] } : {},
        filter.staffId ? { staffId: filter.staffId } : {},
        filter.from ? { endWeek: { gte: filter.from } } : {},
        filter.to ? { startWeek: { lte: filter.to } } : {},
      ],
    },
    orderBy: [{ startWeek: 'asc' }, { createdAt: 'asc' }],
    select: loanSelect,
  })
}

/**
 * Moves loans along by the calendar: approved loans become active in their
 * first week and completed after their last; requests whose period is over close.
 */
export async function advanceLoanLifecycle(now: Date = today(), db: Tx = prisma) {
  const monday = weekStart(now)
  const toActivate = await db.loan.findMany({ where: { status: 'APPROVED', startWeek: { lte: monday }, endWeek: { gte: monday } }, select: { id: true } })
  const toComplete = await db.loan.findMany({ where: { status: { in: ['APPROVED', 'ACTIVE'] }, endWeek: { lt: monday } }, select: { id: true } })
  const toClose = await db.reinforcementRequest.findMany({ where: { status: { in: ['OPEN', 'FILLED'] }, endWeek: { lt: monday } }, select: { id: true } })
  if (!toActivate.length && !toComplete.length && !toClose.length) return { activated: 0, completed: 0, closed: 0 }
  const run = async (tx: Tx) => {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id)
    if (toActivate.length) await tx.loan.updateMany({ where: { id: { in: ids(toActivate) }, status: 'APPROVED' }, data: { status: 'ACTIVE' } })
    if (toComplete.length) await tx.loan.updateMany({ where: { id: { in: ids(toComplete) }, status: { in: ['APPROVED', 'ACTIVE'] } }, data: { status: 'COMPLETED' } })
    if (toClose.length) await tx.reinforcementRequest.updateMany({ where: { id: { in: ids(toClose) }, status: { in: ['OPEN', 'FILLED'] } }, data: { status: 'CLOSED' } })
    await audit(tx, null, {
      action: 'loan.lifecycle',
      entity: 'Loan',
      after: { activated: ids(toActivate), completed: ids(toComplete), closedRequests: ids(toClose) },
    })
  }
  if (db === prisma) await prisma.$transaction(run)
  else await run(db)
  return { activated: toActivate.length, completed: toComplete.length, closed: toClose.length }
}

function checkNote(note: string | undefined | null) {
  const trimmed = note?.trim() || null
  if (trimmed && trimmed.length > MAX_NOTE_LENGTH) throw new InputError('note', 'validation.noteTooLong')
  return trimmed
}

export async function rejectLoan(actor: Actor, loanId: string, note?: string | null): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(note)
  return prisma.$transaction(async (tx) => {
    const loan = await tx.loan.findUnique({ where: { id: loanId }, select: { status: true } })
    if (!loan) throw new NotFoundError()
    if (loan.status !== 'PROPOSED') throw new ConflictError('loan.notProposed')
    const updated = await tx.loan.update({
      where: { id: loanId },
      data: { status: 'REJECTED', note: text, decidedById: actor.id, decidedAt: new Date() },
      select: loanSelect,
    })
    await audit(tx, actor, { action: 'loan.reject', entity: 'Loan', entityId: loanId, before: { status: 'PROPOSED' }, after: { status: 'REJECTED', hasNote: text !== null } })
    return updated
  })
}

/** Central withdraws an approved or active loan; its request opens again. */
export async function cancelLoan(actor: Actor, loanId: string, note?: string | null): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(note)
  return prisma.$transaction(async (tx) => {
    const loan = await tx.loan.findUnique({ where: { id: loanId }, select: { status: true, requestId: true, request: { select: { status: true } } } })
    if (!loan) throw new NotFoundError()
    if (loan.status !== 'APPROVED' && loan.status !== 'ACTIVE') throw new ConflictError('loan.notCancellable')
    const updated = await tx.loan.update({
      where: { id: loanId },
      data: { status: 'CANCELLED', note: text, decidedById: actor.id, decidedAt: new Date() },
      select: loanSelect,
    })
    if (loan.request.status === 'FILLED') {
      await tx.reinforcementRequest.update({ where: { id: loan.requestId }, data: { status: 'OPEN' } })
    }
    await audit(tx, actor, { action: 'loan.cancel', entity: 'Loan', entityId: loanId, before: { status: loan.status }, after: { status: 'CANCELLED', hasNote: text !== null } })
    return updated
  })
}
