// A loan's extent and weeks as a form sends them ("0,3", "2026-12-14"): for
// booking by hand, approving a suggestion changed, and changing a decided loan.
import { InputError } from '~/utils/errors'
import { parseDate } from '~/utils/weeks'
import { fte10FromFte, type LoanTerms } from './loan-lifecycle.server'

type TermsText = { fte?: string; startWeek?: string; endWeek?: string }

function weekOf(field: 'startWeek' | 'endWeek', value: string | undefined) {
  if (value === undefined) return undefined
  const date = parseDate(value)
  if (!date) throw new InputError(field, 'consult.errors.week')
  return date
}

/** The terms given; one left out is undefined (the loan keeps its own). Each that does not parse names its field. */
export function termsFromForm(input: Required<TermsText>): LoanTerms
export function termsFromForm(input: TermsText): Partial<LoanTerms>
export function termsFromForm(input: TermsText): Partial<LoanTerms> {
  return {
    fte10: input.fte === undefined ? undefined : fte10FromFte(input.fte),
    startWeek: weekOf('startWeek', input.startWeek),
    endWeek: weekOf('endWeek', input.endWeek),
  }
}
