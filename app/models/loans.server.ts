import type { LoanStatus, Prisma } from '@prisma/client'
import { prisma } from '~/utils/db.server'
import { checkIdPage, idPageArgs, pageOrder, pageRows, type IdPage } from './id-page.server'
import { maySeePerson, type Actor } from '~/utils/permissions'

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
  plannedEndWeek: true,
  decidedAt: true,
  matchingRunId: true,
  manual: true,
  decidedBy: { select: { id: true, name: true } },
  staff: { select: { id: true, firstName: true, lastName: true, unitId: true, unit: { select: { id: true, name: true } } } },
  request: { select: { id: true, unitId: true, fte10: true, status: true, unit: { select: { id: true, name: true } } } },
} satisfies Prisma.LoanSelect

export type LoanRow = Prisma.LoanGetPayload<{ select: typeof loanSelect }>

export const MAX_NOTE_LENGTH = 1000

/**
 * The engine's explanation describes the person (skills, load, weeks away,
 * weeks lent): it is left out for anyone who may not see their details,
 * such as the manager of the receiving unit.
 */
export function withExplanationFor<L extends { explanation: unknown; staff: { id: string; unitId: string } }>(actor: Actor, loan: L): L {
  return loan.explanation === null || maySeePerson(actor, loan.staff) ? loan : { ...loan, explanation: null }
}

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
  page?: IdPage,
): Promise<LoanRow[]> {
  const status = Array.isArray(filter.status) ? { in: filter.status } : filter.status
  const scope = loanScope(actor)
  if (page) await checkIdPage(page, async (id) => (await prisma.loan.count({ where: { AND: [scope, { id }] } })) > 0)
  const loans = await prisma.loan.findMany({
    where: {
      AND: [
        scope,
        status ? { status } : {},
        filter.unitId ? { OR: [{ request: { unitId: filter.unitId } }, { staff: { unitId: filter.unitId } }] } : {},
        filter.staffId ? { staffId: filter.staffId } : {},
        filter.from ? { endWeek: { gte: filter.from } } : {},
        filter.to ? { startWeek: { lte: filter.to } } : {},
      ],
    },
    orderBy: pageOrder(page),
    select: loanSelect,
    ...idPageArgs(page),
  })
  return pageRows(loans, page).map((loan) => withExplanationFor(actor, loan))
}
