// What central can do with a decided loan on /loans: end one under way
// early, or change its extent or weeks (the server checks every rule again).
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { SelectField } from '~/components/ui/select'
import { formatFte10, formatWeek, toYmdSafe } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'
import { addWeeks, toYmd } from '~/utils/weeks'

const INPUT = 'mt-1 w-40 rounded-md border border-slate-400 bg-white px-3 py-2 font-normal'
const NOTE_INPUT = 'mt-1 w-72 rounded-md border border-slate-400 bg-white px-3 py-2 font-normal'

type DecidedLoan = { id: string; status: string; fte10: number; startWeek: string; endWeek: string }

/** The weeks a loan under way can end with: from its first week to this week, before its planned end. */
export function EndEarlyForm({ loan, person, thisWeek, busy }: { loan: DecidedLoan; person: string; thisWeek: Date; busy: boolean }) {
  const { t } = useTranslation()
  const weeks: Date[] = []
  for (let w = new Date(loan.startWeek); w <= thisWeek && w < new Date(loan.endWeek); w = addWeeks(w, 1)) weeks.push(w)
  if (weeks.length === 0) return null
  return (
    <Form method="post" className="flex items-end gap-2">
      <input type="hidden" name="intent" value="end-early" />
      <input type="hidden" name="loanId" value={loan.id} />
      <SelectField label={t('loans.lastWeek', { person })} selectProps={{ name: 'lastWeek', defaultValue: toYmd(weeks[weeks.length - 1]) }}>
        {weeks.map((w) => (
          <option key={w.toISOString()} value={toYmd(w)}>
            {formatWeek(w)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={busy}>
        {t('loans.endEarly', { person })}
      </Button>
    </Form>
  )
}

/**
 * Another extent or other weeks for an approved loan or one under way. A loan
 * under way keeps its first week, and a new extent applies from this week.
 */
export function ChangeLoanForm({ loan, person, busy }: { loan: DecidedLoan; person: string; busy: boolean }) {
  const { t } = useTranslation()
  const active = loan.status === 'ACTIVE'
  return (
    <Form method="post" className="sticky left-4 flex max-w-4xl flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="change" />
      <input type="hidden" name="loanId" value={loan.id} />
      {active ? <p className="basis-full text-sm text-slate-700">{t('loans.changeActive', { week: formatWeek(loan.startWeek) })}</p> : null}
      <LoanTermsFields loan={loan} person={person} fixedStart={active} />
      <label className="flex flex-col text-sm font-semibold">
        {t('matching.noteFor', { person })}
        <input name="note" maxLength={1000} className={NOTE_INPUT} />
      </label>
      <Button type="submit" disabled={busy}>
        {t('consult.change.submit')}
        <span className="sr-only"> {person}</span>
      </Button>
    </Form>
  )
}

/**
 * A loan's extent and weeks as form fields (`fte`, `startWeek`, `endWeek`),
 * filled in with its own: for approving a suggestion changed or changing a
 * decided loan. A loan under way keeps its first week, so it has no field.
 */
export function LoanTermsFields({
  loan,
  person,
  fixedStart = false,
}: {
  loan: Pick<DecidedLoan, 'fte10' | 'startWeek' | 'endWeek'>
  person: string
  fixedStart?: boolean
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <>
      <label className="flex flex-col text-sm font-semibold">
        {t('consult.change.fteFor', { person })}
        <input name="fte" inputMode="decimal" defaultValue={formatFte10(loan.fte10, locale)} className={INPUT} />
      </label>
      {fixedStart ? null : (
        <label className="flex flex-col text-sm font-semibold">
          {t('consult.change.startWeekFor', { person })}
          <input name="startWeek" type="date" defaultValue={toYmdSafe(loan.startWeek)} className={INPUT} />
        </label>
      )}
      <label className="flex flex-col text-sm font-semibold">
        {t('consult.change.endWeekFor', { person })}
        <input name="endWeek" type="date" defaultValue={toYmdSafe(loan.endWeek)} className={INPUT} />
      </label>
    </>
  )
}
