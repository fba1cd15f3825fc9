// The engine's hard rules (checkLoans) applied to one loan about to be made
// or changed, against the data as it is now, inside the caller's transaction
// (which holds the decision lock). Approvals, manual bookings and changes all
// go through here, so a loan central makes by hand obeys exactly the rules
// the engine's suggestions do.
import { checkLoans } from '~/engine'
import type { Tx } from '~/utils/db.server'
import { buildMatchingInstance } from './matching-instance.server'

export type LoanToCheck = { staffId: string; requestId: string; fte10: number; homeUnitId: string; requestUnitId: string }

/** Why the loan may not be made, as an i18n key (`loan.stale.<rule>`), or null when it may. */
export async function brokenRule(tx: Tx, loan: LoanToCheck): Promise<string | null> {
  const context = await buildMatchingInstance({ db: tx, scope: { unitIds: [loan.homeUnitId, loan.requestUnitId], requestIds: [loan.requestId] } })
  const violations = checkLoans(context.instance, [{ staffId: loan.staffId, requestId: loan.requestId, fte10: loan.fte10 }])
  // An instance built from the database that the engine rejects is a bug here, not a broken rule.
  if (violations[0]?.rule === 'instance') throw new Error(`The matching instance built for a loan check is invalid: ${violations[0].message}`)
  if (violations.length === 0) return null
  const notLendable = context.staffFacts.get(loan.staffId)?.notLendable ?? []
  const rule = violations[0].rule === 'eligibility' && notLendable.length ? `notLendable.${notLendable[0]}` : violations[0].rule
  return `loan.stale.${rule}`
}
