import type { LoanStatus } from '@prisma/client'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { Fragment, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { SelectField } from '~/components/ui/select'
import { ChangeLoanForm, EndEarlyForm } from '~/components/loan-actions'
import { cancelLoan, changeLoan, COMMITTED_STATUSES, endLoanEarly } from '~/models/loan-lifecycle.server'
import { termsFromForm } from '~/models/loan-terms-form.server'
import { LOAN_STATUSES } from '~/models/loan-status'
import { listLoans } from '~/models/loans.server'
import { listUnitNames } from '~/models/units.server'
import { requireRole } from '~/utils/auth.server'
import { InputError } from '~/utils/errors'
import { formatFte10, formatWeek } from '~/utils/format'
import { redirectWithToast } from '~/utils/toast.server'
import { addWeeks, parseDate, today, weekStart, weeksBetween } from '~/utils/weeks'
import { useLocale } from '~/utils/use-locale'
import { readFormData, searchParam, toastOutcome } from '~/utils/forms.server'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction = () => [{ title: 'Lån – Avlast' }]

const STATUSES = LOAN_STATUSES
const PAST_WEEKS = 8
const FUTURE_WEEKS = 16
/** Rows on one page: a large municipality has hundreds of loans in these weeks. */
const PAGE_SIZE = 100

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const url = new URL(request.url)
  const status = url.searchParams.get('status')
  const statuses = (STATUSES as readonly string[]).includes(status ?? '') ? [status as LoanStatus] : [...COMMITTED_STATUSES]
  const first = addWeeks(weekStart(today()), -PAST_WEEKS)
  const last = addWeeks(weekStart(today()), FUTURE_WEEKS)
  const units = await listUnitNames()
  const unitId = units.some((u) => u.id === url.searchParams.get('unit')) ? url.searchParams.get('unit')! : undefined
  const filter = { status: statuses, from: first, to: last, unitId }
  // One more than a page tells whether there is a next one; an `after` gone stale starts from the top.
  const read = (after: string | null) => listLoans(user, filter, { first: PAGE_SIZE + 1, after })
  let after = searchParam(url, 'after') ?? null
  const found = await read(after).catch((error) => {
    if (!(error instanceof InputError)) throw error
    after = null
    return read(null)
  })
  const loans = found.slice(0, PAGE_SIZE)
  return json({
    loans,
    units,
    next: found.length > PAGE_SIZE ? loans[loans.length - 1].id : null,
    paged: Boolean(after),
    first,
    weeks: PAST_WEEKS + FUTURE_WEEKS + 1,
    current: PAST_WEEKS,
    thisWeek: weekStart(today()),
  })
}

const loanId = z.string({ required_error: 'validation.loanMissing' }).min(1, 'validation.loanMissing')
const note = z.string().max(1000, 'validation.noteTooLong').optional()
const week = z.string().max(10, 'consult.errors.week')
const LoanActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('cancel'), loanId, note }),
    z.object({ intent: z.literal('end-early'), loanId, lastWeek: z.string({ required_error: 'validation.lastWeekMissing' }), note }),
    // A field left empty keeps the loan's own value.
    z.object({
      intent: z.literal('change'),
      loanId,
      fte: z.string().max(10, 'consult.errors.fte').optional(),
      startWeek: week.optional(),
      endWeek: week.optional(),
      note,
    }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union_discriminator' ? 'errors.badRequest' : ctx.defaultError }) },
)

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const form = await readFormData(request)
  const parsed = LoanActionSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => v !== '')))
  const back = `/loans${new URL(request.url).search}`
  if (!parsed.success) return redirectWithToast(back, { type: 'error', message: parsed.error.issues[0].message })
  const { data } = parsed
  if (data.intent === 'cancel') return toastOutcome(back, () => cancelLoan(user, data.loanId, data.note), { message: 'loans.cancelled' })
  if (data.intent === 'change') {
    // Done, the form closes; refused, it stays open with what was written.
    const done = `/loans?${withParam(new URL(request.url).searchParams, 'change', null)}`
    return toastOutcome(
      back,
      async () => changeLoan(user, data.loanId, { ...termsFromForm(data), note: data.note }),
      { message: 'consult.change.changed' },
      done,
    )
  }
  const lastWeek = parseDate(data.lastWeek)
  if (!lastWeek) return redirectWithToast(back, { type: 'error', message: 'validation.dateInvalid' })
  return toastOutcome(back, () => endLoanEarly(user, data.loanId, { lastWeek, note: data.note }), { message: 'loans.ended' })
}

const TONE: Record<string, string> = {
  PROPOSED: 'bg-sky-200',
  APPROVED: 'bg-amber-300',
  ACTIVE: 'bg-emerald-500',
  COMPLETED: 'bg-slate-400',
  REJECTED: 'bg-red-400',
  CANCELLED: 'bg-rose-200',
  ENDED_EARLY: 'bg-slate-700',
}

/** Focus moves to the table when another page of it is shown (WCAG 2.4.3), not on the first. */
function usePageFocus(after: string | null) {
  const table = useRef<HTMLDivElement>(null)
  const shown = useRef(after)
  useEffect(() => {
    if (shown.current === after) return
    shown.current = after
    table.current?.focus()
  }, [after])
  return table
}

/** The page's query with `name` set to `value`, or without it. */
function withParam(params: URLSearchParams, name: string, value: string | null) {
  const query = new URLSearchParams(params)
  if (value) query.set(name, value)
  else query.delete(name)
  return query.toString()
}

export default function LoansPage() {
  const { loans, units, next, paged, first, weeks, current, thisWeek } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const [params] = useSearchParams()
  const changing = params.get('change')
  const navigation = useNavigation()
  const table = usePageFocus(params.get('after'))
  const firstWeek = new Date(first)
  const columns = Array.from({ length: weeks }, (_, i) => addWeeks(firstWeek, i))
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('loans.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('loans.intro')}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <SelectField label={t('loans.status')} selectProps={{ name: 'status', defaultValue: params.get('status') ?? '' }}>
          <option value="">{t('loans.current')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`loan.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('loans.unit')} selectProps={{ name: 'unit', defaultValue: params.get('unit') ?? '' }}>
          <option value="">{t('loans.allUnits')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary">
          {t('loans.show')}
        </Button>
      </Form>
      <ul className="flex flex-wrap gap-4 text-sm" aria-label={t('loans.legend')}>
        {STATUSES.map((s) => (
          <li key={s} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-5 rounded ${TONE[s]}`} />
            {t(`loan.statuses.${s}`)}
          </li>
        ))}
      </ul>
      {loans.length === 0 ? (
        <p>{t('loans.empty')}</p>
      ) : (
        <div ref={table} {...scrollRegion(t('loans.caption'))} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="border-collapse text-left text-sm">
            <caption className="sr-only">{t('loans.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 bg-white p-2">
                  {t('loans.loan')}
                </th>
                <th scope="col" className="p-2">
                  {t('loans.period')}
                </th>
                {columns.map((c, i) => (
                  <th
                    key={c.toISOString()}
                    scope="col"
                    className={`px-1 py-2 text-center text-xs font-normal ${i === current ? 'text-brand-800 font-bold' : 'text-slate-600'}`}
                  >
                    {formatWeek(c)}
                  </th>
                ))}
                <th scope="col" className="p-2">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loans.map((l) => {
                const start = weeksBetween(firstWeek, new Date(l.startWeek))
                const end = weeksBetween(firstWeek, new Date(l.endWeek))
                const person = `${l.staff.firstName} ${l.staff.lastName}`
                const changeable = l.status === 'APPROVED' || l.status === 'ACTIVE'
                return (
                  <Fragment key={l.id}>
                    <tr className="border-t border-slate-200">
                      <th scope="row" className="sticky left-0 bg-white p-2 font-medium whitespace-nowrap">
                        {person}{' '}
                        <span className="font-normal text-slate-600">
                          ({l.staff.unit.name} → {l.request.unit.name})
                        </span>
                      </th>
                      <td className="p-2 whitespace-nowrap">
                        {t('format.weeks', { start: formatWeek(l.startWeek), end: formatWeek(l.endWeek) })},{' '}
                        {t('format.fte', { value: formatFte10(l.fte10, locale) })}, {t(`loan.statuses.${l.status}`)}
                        {l.plannedEndWeek ? (
                          <span className="block text-xs text-slate-600">
                            {t('loan.endedEarly', { week: formatWeek(l.endWeek), planned: formatWeek(l.plannedEndWeek) })}
                          </span>
                        ) : null}
                      </td>
                      {columns.map((c, i) => (
                        <td key={c.toISOString()} className="px-0.5 py-2" aria-hidden="true">
                          {i >= start && i <= end ? <span className={`block h-3 rounded ${TONE[l.status]}`} /> : null}
                        </td>
                      ))}
                      <td className="min-w-56 p-2">
                        {l.status === 'APPROVED' ? (
                          <Form method="post" className="flex items-center gap-2">
                            <input type="hidden" name="intent" value="cancel" />
                            <input type="hidden" name="loanId" value={l.id} />
                            <Button type="submit" variant="link" disabled={navigation.state !== 'idle'}>
                              {t('loans.cancel', { person })}
                            </Button>
                          </Form>
                        ) : l.status === 'ACTIVE' ? (
                          <EndEarlyForm loan={l} person={person} thisWeek={new Date(thisWeek)} busy={navigation.state !== 'idle'} />
                        ) : null}
                        {changeable ? (
                          // One loan's change form at a time, in a row of its own below; the link stays, so focus does too.
                          <Link
                            to={`?${withParam(params, 'change', changing === l.id ? null : l.id)}`}
                            preventScrollReset
                            aria-expanded={changing === l.id}
                            // The name says whose loan (the visible words are in it, WCAG 2.5.3).
                            aria-label={t('loans.change', { person, unit: l.request.unit.name })}
                            className="text-brand-700 mt-2 block text-sm underline"
                          >
                            {t('consult.change.submit')}
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                    {changeable && changing === l.id ? (
                      <tr>
                        <td colSpan={columns.length + 3} className="bg-slate-50 p-4">
                          <ChangeLoanForm loan={l} person={person} busy={navigation.state !== 'idle'} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {next || paged ? (
        <nav aria-label={t('loans.pages')} className="flex flex-wrap gap-4">
          {paged ? (
            <Link to={`?${withParam(params, 'after', null)}`} className="text-brand-700 underline">
              {t('loans.fromStart')}
            </Link>
          ) : null}
          {next ? (
            <Link to={`?${withParam(params, 'after', next)}`} className="text-brand-700 underline">
              {t('loans.more')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
