import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { WeeklyBars } from '~/components/charts/bar-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { getFollowUp } from '~/models/follow-up.server'
import { requireRole } from '~/utils/auth.server'
import { formatFte10, formatNumber, formatWeek } from '~/utils/format'
import { addWeeks } from '~/utils/weeks'
import { useLocale } from '~/utils/use-locale'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction = () => [{ title: 'Uppföljning – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  return json(await getFollowUp(user))
}

export default function FollowUpPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const status = (s: string) => data.requests[s] ?? { count: 0, fte10: 0 }
  const involved = data.rows.filter((r) => r.lentPast || r.receivedPast || r.lentAhead || r.receivedAhead)
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('followUp.title')}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t('followUp.intro', { back: 12, ahead: 12 })}</p>
        </div>
        <a href="/follow-up.csv" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100" download>
          {t('common.exportCsv')}
        </a>
      </header>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="text-xl font-semibold">
          {t('followUp.requests')}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-4 md:grid-cols-5">
          {(['OPEN', 'FILLED', 'CLOSED', 'CANCELLED'] as const).map((s) => (
            <div key={s} className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t(`request.statuses.${s}`)}</dt>
              <dd className="text-2xl font-bold">{status(s).count}</dd>
              <dd className="text-xs text-slate-600">{t('format.fte', { value: formatFte10(status(s).fte10, locale) })}</dd>
            </div>
          ))}
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('followUp.covered')}</dt>
            <dd className="text-lg font-bold">
              {t('followUp.coveredValue', { covered: formatFte10(data.coveredFte10, locale), requested: formatFte10(data.requestedFte10, locale) })}
            </dd>
          </div>
        </dl>
      </section>

      <WeeklyBars
        title={t('followUp.lentPerWeek')}
        unit={t('followUp.fteUnit')}
        points={data.totals.map((w) => ({ label: formatWeek(w.weekStart), value: Math.round(w.lent * 10) / 10 }))}
      />

      <section aria-labelledby="units-heading">
        <h2 id="units-heading" className="text-xl font-semibold">
          {t('followUp.perUnit')}
        </h2>
        {involved.length === 0 ? (
          <p className="mt-2">{t('followUp.noLoans')}</p>
        ) : (
          <div {...scrollRegion(t('followUp.perUnit'))} className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t('followUp.perUnit')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">{t('situation.unit')}</th>
                  <th scope="col" className="p-2 text-right">{t('followUp.lentPast')}</th>
                  <th scope="col" className="p-2 text-right">{t('followUp.receivedPast')}</th>
                  <th scope="col" className="p-2 text-right">{t('followUp.lentAhead')}</th>
                  <th scope="col" className="p-2 text-right">{t('followUp.receivedAhead')}</th>
                  <th scope="col" className="p-2">{t('followUp.loadWithout')}</th>
                  <th scope="col" className="p-2">{t('followUp.loadWith')}</th>
                </tr>
              </thead>
              <tbody>
                {involved.map((r) => (
                  <tr key={r.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-medium">{r.name}</th>
                    <td className="p-2 text-right">{formatNumber(r.lentPast, locale)}</td>
                    <td className="p-2 text-right">{formatNumber(r.receivedPast, locale)}</td>
                    <td className="p-2 text-right">{formatNumber(r.lentAhead, locale)}</td>
                    <td className="p-2 text-right">{formatNumber(r.receivedAhead, locale)}</td>
                    <td className="p-2"><LoadBadge load={r.loadWithoutLoans} /></td>
                    <td className="p-2"><LoadBadge load={r.loadWithLoans} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2 text-sm text-slate-600">{t('followUp.fteWeeksNote', { from: formatWeek(data.from), to: formatWeek(addWeeks(new Date(data.from), data.weeks - 1)) })}</p>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
