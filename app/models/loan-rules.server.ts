// The engine's hard rules (checkLoans) applied to one loan about to be made
// or changed, against the data as it is now, inside the caller's transaction
// (which holds the decision lock). Approvals, manual bookings and changes all
// go through here, so a loan central makes by hand obeys exactly the rules
// the engine's suggestions do.
import { checkLoans, explainGivenLoans, type Loan } from '~/engine'
import type { Tx } from '~/utils/db.server'
import { weeksBetween } from '~/utils/weeks'
import { excludesFromMatching } from './lendability'
import { buildMatchingInstance, type MatchingContext } from './matching-instance.server'

/** The loan and its weeks (Mondays); weeks before this one are past and not re-checked. `loanId`: a loan being changed, which does not count against itself. */
export type LoanToCheck = { staffId: string; requestId: string; fte10: number; startWeek: Date; endWeek: Date; homeUnitId: string; requestUnitId: string; loanId?: string }

/**
 * The rule the loan would break (`staffCap`, `notLendable.consent`, …) or
 * null when it may be made, with the instance it was checked on and the loan
 * in the engine's weeks (to explain it).
 */
export async function checkLoan(tx: Tx, loan: LoanToCheck): Promise<{ rule: string | null; context: MatchingContext; engineLoan: Loan }> {
  const scope = { unitIds: [loan.homeUnitId, loan.requestUnitId], requestIds: [loan.requestId], exceptLoanIds: loan.loanId ? [loan.loanId] : [] }
  const context = await buildMatchingInstance({ db: tx, scope })
  // The engine's weeks count from this week (SPEC version 2: a loan may cover part of its request).
  const startWeek = Math.max(0, weeksBetween(context.horizonStart, loan.startWeek))
  const endWeek = weeksBetween(context.horizonStart, loan.endWeek)
  const engineLoan = { staffId: loan.staffId, requestId: loan.requestId, fte10: loan.fte10, startWeek, endWeek }
  const violations = checkLoans(context.instance, [engineLoan])
  // An instance built from the database that the engine rejects is a bug here, not a broken rule.
  if (violations[0]?.rule === 'instance') throw new Error(`The matching instance built for a loan check is invalid: ${violations[0].message}`)
  if (violations.length === 0) return { rule: null, context, engineLoan }
  const notLendable = (context.staffFacts.get(loan.staffId)?.notLendable ?? []).filter(excludesFromMatching)
  const rule = violations[0].rule === 'eligibility' && notLendable.length ? `notLendable.${notLendable[0]}` : violations[0].rule
  return { rule, context, engineLoan }
}

/** Why the loan may not be made, as an i18n key (`loan.stale.<rule>`), or null when it may. */
export async function brokenRule(tx: Tx, loan: LoanToCheck): Promise<string | null> {
  const { rule } = await checkLoan(tx, loan)
  return rule === null ? null : `loan.stale.${rule}`
}

/** The engine's explanation of a loan that keeps the rules, on the instance it was checked on (null if the engine finds no room for it). */
export function explainCheckedLoan(context: MatchingContext, engineLoan: Loan) {
  return explainGivenLoans(context.instance, [engineLoan])[0] ?? null
}
