// Explanations for loans the engine did not choose itself (a loan central
// books by hand, or changes), in the same terms as a suggestion's.
import { explainLoans } from './explain'
import { buildModel } from './model'
import { eligiblePairs } from './pairs'
import { SearchState } from './state'
import type { Instance, Loan, LoanExplanation } from './types'
import { validateInstance } from './validate'

/**
 * Why each given loan helps, as plain data: the loans are placed as they are
 * (check them with `checkLoans` first); a loan whose pair cannot carry a loan
 * at all is left out, as is everything for an invalid instance.
 */
export function explainGivenLoans(instance: Instance, loans: readonly Loan[]): LoanExplanation[] {
  const checked = validateInstance(instance)
  if (!checked.ok) return []
  const model = buildModel(checked.instance)
  const pairs = eligiblePairs(model)
  const state = new SearchState(model, pairs)
  const { staffIndex, requestIndex, requests } = checked.instance
  for (const loan of loans) {
    const s = staffIndex.get(loan.staffId)
    const r = requestIndex.get(loan.requestId)
    if (s === undefined || r === undefined) continue
    let p = -1
    for (let i = 0; i < pairs.staff.length && p < 0; i++) if (pairs.staff[i] === s && pairs.request[i] === r) p = i
    if (p < 0) continue
    state.set(p, loan.fte10, loan.startWeek ?? requests[r].start, loan.endWeek ?? requests[r].end)
  }
  return explainLoans(model, state)
}
