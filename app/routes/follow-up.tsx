import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LoadChart } from '~/components/charts/load-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { Button } from '~/components/ui/button'
import { Field } from '~/components/ui/field'
import { getFollowUp, parsePeriod } from '~/models/follow-up.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { DomainError, InputError } from '~/utils/errors'
import { formatNumber, formatWeek } from '~/utils/format'
import { searchParam } from '~/utils/forms.server'
import { scrollRegion } from '~/utils/scroll-region'
import { localName, useLocale } from '~/utils/use-locale'
import { isoWeekId } from '~/utils/weeks'

export const meta: MetaFunction = () => [{ title: 'Uppföljning – Avlast' }]

/** Follow-up for a period given as ISO weeks (`?from=2026-W37&to=2026-W49`); unit-level for managers, per person for central too. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'MANAGER', 'CENTRAL')
  const url = new URL(request.url)
  const input = { from: searchParam(url, 'from'), to: searchParam(url, 'to') }
  try {
    const period = parsePeriod(input)
    return json({ data: await getFollowUp(user, period), error: null, input })
  } catch (error) {
    if (error instanceof InputError) return json({ data: await getFollowUp(user, parsePeriod({})), error: { field: error.path, message: error.message }, input }, { status: 400 })
    if (error instanceof DomainError) toResponse(error)
    throw error
  }
}

export default function FollowUpPage() {
  const { data, error, input } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  const days = (v: number | null) => (v === null ? t('common.dash') : t('workload.followUp.days', { days: formatNumber(v, locale) }))
  const from = isoWeekId(new Date(data.from))
  const to = isoWeekId(new Date(data.to))
  const query = `from=${from}&to=${to}`
  const pressurePoints = data.pressure
    .filter((w) => w.without !== null)
    .map((w) => ({ label: t('format.week', { week: formatWeek(w.week) }), load: w.without, after: w.with }))
  const errorFor = (field: string) => (error?.field === field ? [error.message] : undefined)
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('followUp.title')}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t('workload.followUp.intro', { from, to })}</p>
        </div>
        <a href={`/follow-up.csv?${query}`} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100" download>
          {t('common.exportCsv')}
        </a>
      </header>

      <Form method="get" className="no-print flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <Field label={t('workload.followUp.from')} hint={t('workload.followUp.weekHint')} errors={errorFor('from')} inputProps={{ name: 'from', defaultValue: input.from ?? from }} />
        <Field label={t('workload.followUp.to')} errors={errorFor('to')} inputProps={{ name: 'to', defaultValue: input.to ?? to }} />
        <Button type="submit">{t('workload.followUp.show')}</Button>
      </Form>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="text-xl font-semibold">
          {t('workload.followUp.totals')}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-4 md:grid-cols-4">
          {(
            [
              ['lentFteWeeks', n(data.totals.lentFteWeeks)],
              ['receivedFteWeeks', n(data.totals.receivedFteWeeks)],
              ['requestedFteWeeks', n(data.totals.requestedFteWeeks)],
              ['unmetFteWeeks', n(data.totals.unmetFteWeeks)],
              ['filled', String(data.totals.filled)],
              ['partlyFilled', String(data.totals.partlyFilled)],
              ['unfilled', String(data.totals.unfilled)],
              ['medianDays', days(data.totals.daysToFirstApproval.median)],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t(`workload.followUp.${key}`)}</dt>
              <dd className="text-2xl font-bold">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <LoadChart title={t('workload.followUp.pressureTitle')} points={pressurePoints} showAfter labels={{ load: t('followUp.loadWithout'), after: t('followUp.loadWith') }} />

      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading" className="text-xl font-semibold">
          {t('workload.followUp.perArea')}
        </h2>
        <FlowTable caption={t('workload.followUp.perArea')} rows={data.areas.map((a) => ({ ...a, name: localName(a, locale) }))} />
      </section>

      <section aria-labelledby="units-heading">
        <h2 id="units-heading" className="text-xl font-semibold">
          {t('followUp.perUnit')}
        </h2>
        <FlowTable caption={t('followUp.perUnit')} rows={data.units} />
      </section>

      {data.perPerson ? (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading" className="text-xl font-semibold">
            {t('workload.followUp.perPerson')}
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">{t('workload.followUp.perPersonIntro')}</p>
          {data.perPerson.length === 0 ? (
            <p className="mt-2">{t('followUp.noLoans')}</p>
          ) : (
            <div {...scrollRegion(t('workload.followUp.perPerson'))} className="mt-2 overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="sr-only">{t('workload.followUp.perPerson')}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="p-2">{t('staff.name')}</th>
                    <th scope="col" className="p-2">{t('situation.unit')}</th>
                    <th scope="col" className="p-2 text-right">{t('workload.followUp.weeksLent')}</th>
                    <th scope="col" className="p-2 text-right">{t('workload.followUp.lentFteWeeks')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.perPerson.map((p) => (
                    <tr key={p.staffId} className="border-b border-slate-200">
                      <th scope="row" className="p-2 font-medium">{`${p.firstName} ${p.lastName}`}</th>
                      <td className="p-2">{p.unitName}</td>
                      <td className="p-2 text-right">{p.weeksLent}</td>
                      <td className="p-2 text-right">{n(p.fteWeeks)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  )
}

type FlowRow = {
  id: string
  name: string
  lentFteWeeks: number
  receivedFteWeeks: number
  requestedFteWeeks: number
  unmetFteWeeks: number
  filled: number
  partlyFilled: number
  unfilled: number
  pressure: { without: number | null; with: number | null }[]
}

function FlowTable({ caption, rows }: { caption: string; rows: FlowRow[] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  return (
    <div {...scrollRegion(caption)} className="mt-2 overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="p-2">{t('workload.followUp.name')}</th>
            <th scope="col" className="p-2 text-right">{t('workload.followUp.lentFteWeeks')}</th>
            <th scope="col" className="p-2 text-right">{t('workload.followUp.receivedFteWeeks')}</th>
            <th scope="col" className="p-2 text-right">{t('workload.followUp.requestedFteWeeks')}</th>
            <th scope="col" className="p-2 text-right">{t('workload.followUp.unmetFteWeeks')}</th>
            <th scope="col" className="p-2 text-right">{t('workload.followUp.requestsShort')}</th>
            <th scope="col" className="p-2">{t('followUp.loadWithout')}</th>
            <th scope="col" className="p-2">{t('followUp.loadWith')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const last = [...r.pressure].reverse().find((w) => w.without !== null)
            return (
              <tr key={r.id} className="border-b border-slate-200">
                <th scope="row" className="p-2 font-medium">{r.name}</th>
                <td className="p-2 text-right">{n(r.lentFteWeeks)}</td>
                <td className="p-2 text-right">{n(r.receivedFteWeeks)}</td>
                <td className="p-2 text-right">{n(r.requestedFteWeeks)}</td>
                <td className="p-2 text-right">{n(r.unmetFteWeeks)}</td>
                <td className="p-2 text-right">{t('workload.followUp.requestsValue', { filled: r.filled, partly: r.partlyFilled, unfilled: r.unfilled })}</td>
                <td className="p-2"><LoadBadge load={last?.without ?? null} /></td>
                <td className="p-2"><LoadBadge load={last?.with ?? null} /></td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
