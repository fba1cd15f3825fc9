// What central can do with a decided loan on /loans: end one under way
// early, or change its extent or weeks (the server checks every rule again).
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { CONTROL_CLASS } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { formatFte10, formatWeek, toYmdSafe } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'
import { addWeeks, toYmd } from '~/utils/weeks'

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
  const locale = useLocale()
  const active = loan.status === 'ACTIVE'
  const input = `${CONTROL_CLASS} w-40`
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-brand-700 underline">{t('loans.change', { person })}</summary>
      <Form method="post" className="mt-2 space-y-3">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="loanId" value={loan.id} />
        {active ? <p className="max-w-xs text-sm text-slate-700">{t('loans.changeActive', { week: formatWeek(loan.startWeek) })}</p> : null}
        <label className="block text-sm font-semibold">
          {t('consult.change.fteFor', { person })}
          <input name="fte" inputMode="decimal" required defaultValue={formatFte10(loan.fte10, locale)} className={input} />
        </label>
        {active ? null : (
          <label className="block text-sm font-semibold">
            {t('consult.change.startWeek')}
            <input name="startWeek" type="date" required defaultValue={toYmdSafe(loan.startWeek)} className={input} />
          </label>
        )}
        <label className="block text-sm font-semibold">
          {t('consult.change.endWeek')}
          <input name="endWeek" type="date" required defaultValue={toYmdSafe(loan.endWeek)} className={input} />
        </label>
        <label className="block text-sm font-semibold">
          {t('matching.noteFor', { person })}
          <input name="note" maxLength={1000} className={input} />
        </label>
        <Button type="submit" disabled={busy}>
          {t('consult.change.submit')}
          <span className="sr-only"> {person}</span>
        </Button>
      </Form>
    </details>
  )
}
