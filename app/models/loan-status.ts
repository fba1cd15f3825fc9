// Which loans hold a person's time, shared by the server and the pages. The
// status changes themselves live in loan-lifecycle.server.ts.
import type { LoanStatus } from '@prisma/client'

export const LOAN_STATUSES = ['PROPOSED', 'APPROVED', 'ACTIVE', 'COMPLETED', 'ENDED_EARLY', 'REJECTED', 'CANCELLED'] as const satisfies readonly LoanStatus[]

/**
 * Decided loans that were not withdrawn: every week from `startWeek` to
 * `endWeek` is (or was, or will be) lent. Once a loan has ended early its
 * `endWeek` is the last week worked, so its worked weeks keep counting in
 * follow-up and recovery. Count weeks with a week filter, never by status alone.
 */
export const COMMITTED_STATUSES = ['APPROVED', 'ACTIVE', 'COMPLETED', 'ENDED_EARLY'] as const satisfies readonly LoanStatus[]

export function isCommitted(status: string): boolean {
  return (COMMITTED_STATUSES as readonly string[]).includes(status)
}

/** Decided loans not yet over: they hold the person's time from now on (a calendar, a profile, a request's cover). */
export const UNDER_WAY_STATUSES = ['APPROVED', 'ACTIVE'] as const satisfies readonly LoanStatus[]

export function isUnderWay(status: string): boolean {
  return (UNDER_WAY_STATUSES as readonly string[]).includes(status)
}
