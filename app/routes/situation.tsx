import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Sparkline } from '~/components/charts/load-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { PrintButton } from '~/components/print-button'
import { FiguresUpdated } from '~/components/workload/figures'
import { getSituation } from '~/models/units.server'
import { liveFigures } from '~/models/weekly-report.server'
import { requireUser } from '~/utils/auth.server'
import { formatFte10, formatNumber, formatPercent, formatWeek } from '~/utils/format'
import { canViewUnit } from '~/utils/permissions'
import { useLocale } from '~/utils/use-locale'
import { today, weekStart } from '~/utils/weeks'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction = () => [{ title: 'Lägesbild – Avlast' }]

// Everyone sees the situation picture: unit-level figures, no personal data.
// The most pressured units first; the rest one click away (and all of them in the CSV).
const SHOWN_BY_DEFAULT = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const all = new URL(request.url).searchParams.get('all') === '1'
  const [rows, figures] = await Promise.all([getSituation(user), liveFigures(user)])
  const shown = all ? rows : rows.slice(0, SHOWN_BY_DEFAULT)
  const report = { week: weekStart(today()), weekId: figures.week, ...figures.totals }
  return json({ report, total: rows.length, rows: shown.map((r) => ({ ...r, linkable: canViewUnit(user, r.id) })) })
}

export default function SituationPage() {
  const { rows, report, total } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const pct = (v: number | null) => (v === null ? t('common.dash') : formatPercent(v, locale))
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('situation.title')}</h1>
          <p className="mt-1 text-slate-700">{t('situation.intro')}</p>
        </div>
        <div className="no-print flex gap-3">
          <Link to={`/reports/weekly/${report.weekId}`} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            {t('workload.report.open')}
          </Link>
          <PrintButton />
          <a href="/situation.csv" download className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            {t('common.exportCsv')}
          </a>
        </div>
      </header>

      <section aria-labelledby="report-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="report-heading" className="text-lg font-semibold">
          {t('situation.reportTitle', { week: formatWeek(report.week) })}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-4 md:grid-cols-4 lg:grid-cols-8">
          <div>
            <dt className="text-sm text-slate-600">{t('unit.openCases')}</dt>
            <dd className="text-2xl font-bold">{t('workload.casesAndPoints', { cases: formatNumber(report.openCases, locale, 0), points: formatNumber(report.points, locale, 0) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('workload.staleUnits')}</dt>
            <dd className="text-2xl font-bold">{report.staleUnits}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.unitsOverCap')}</dt>
            <dd className="text-2xl font-bold">
              {t('situation.ofUnits', { over: report.unitsOverCap, total: report.units })}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.overloadFte')}</dt>
            <dd className="text-2xl font-bold">{t('format.fte', { value: formatNumber(report.overloadFte, locale) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.openRequests')}</dt>
            <dd className="text-2xl font-bold">{report.openRequests}</dd>
            <dd className="text-xs text-slate-600">{t('format.fte', { value: formatFte10(report.openRequestFte10, locale) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.lentNow')}</dt>
            <dd className="text-2xl font-bold">{t('format.fte', { value: formatNumber(report.lentFte, locale) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.upcoming')}</dt>
            <dd className="text-2xl font-bold">{report.upcomingLoans ?? t('common.dash')}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.pending')}</dt>
            <dd className="text-2xl font-bold">{report.pendingSuggestions ?? t('common.dash')}</dd>
          </div>
        </dl>
      </section>

      {rows.length === 0 ? (
        <p>{t('situation.noUnits')}</p>
      ) : (
        <div {...scrollRegion(t('situation.caption'))} className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('situation.caption')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('situation.rank')}</th>
                <th scope="col" className="p-2">{t('situation.unit')}</th>
                <th scope="col" className="p-2">{t('situation.area')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.casesPoints')}</th>
                <th scope="col" className="p-2 text-right">{t('unit.casesPerFte')}</th>
                <th scope="col" className="p-2 text-right">{t('unit.staffFte')}</th>
                <th scope="col" className="p-2">{t('situation.loadNow')}</th>
                <th scope="col" className="p-2">{t('situation.trend')}</th>
                <th scope="col" className="p-2">{t('workload.updated')}</th>
                <th scope="col" className="p-2 text-right">{t('situation.loans')}</th>
                <th scope="col" className="p-2 text-right">{t('situation.openRequests')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, index) => {
                const first = r.trend.find((v) => v !== null) ?? null
                const carried = r.trendCarried.filter(Boolean).length
                return (
                  <tr key={r.id} className="border-b border-slate-200">
                    <td className="p-2 text-slate-600">{index + 1}</td>
                    <th scope="row" className="p-2 font-medium">
                      {r.linkable ? (
                        <Link to={`/units/${r.id}`} className="text-brand-700 underline">
                          {r.name}
                        </Link>
                      ) : (
                        r.name
                      )}
                    </th>
                    <td className="p-2">{locale === 'en' ? r.areaName.en : r.areaName.sv}</td>
                    <td className="p-2 text-right">{t('workload.casesAndPoints', { cases: formatNumber(r.openCases, locale, 0), points: formatNumber(r.casePoints, locale) })}</td>
                    <td className="p-2 text-right">{formatNumber(r.casesPerFte, locale)}</td>
                    <td className="p-2 text-right">{formatNumber(r.staffFte, locale)}</td>
                    <td className="p-2">
                      <LoadBadge load={r.loadWithLoans} />
                    </td>
                    <td className="p-2">
                      <Sparkline
                        values={r.trend}
                        carried={r.trendCarried}
                        label={t('chart.trendLabel', { from: pct(first), to: pct(r.loadWithLoans) }) + (carried ? ` ${t('workload.trendCarried', { count: carried })}` : '')}
                      />
                    </td>
                    <td className="p-2 text-sm">
                      <FiguresUpdated at={r.figuresUpdatedAt} stale={r.stale} />
                    </td>
                    <td className="p-2 text-right">
                      {r.receivedNow ? t('situation.received', { fte: formatNumber(r.receivedNow, locale) }) : null}
                      {r.lentNow ? t('situation.lent', { fte: formatNumber(r.lentNow, locale) }) : null}
                      {!r.receivedNow && !r.lentNow ? t('common.dash') : null}
                    </td>
                    <td className="p-2 text-right">{r.openRequests}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length < total ? (
        <p className="no-print">
          <Link to="?all=1" className="text-brand-700 underline">
            {t('situation.showAll', { shown: rows.length, total })}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
