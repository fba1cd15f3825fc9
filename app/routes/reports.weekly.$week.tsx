import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Sparkline } from '~/components/charts/load-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { Button } from '~/components/ui/button'
import { ErrorList } from '~/components/ui/field'
import { ReportCommentSchema } from '~/models/case-type-schemas'
import { REPORT_STATE_TEXT } from '~/models/report-state'
import { commentWeeklyReport, getWeeklyReport, listWeeklyReports } from '~/models/weekly-report.server'
import { requireRole, requireUser, toResponse } from '~/utils/auth.server'
import { formatDateTime, formatLoadChange, formatNumber, formatPercent, formatSigned } from '~/utils/format'
import { handleFormCall, idParam, invalid, readFormData } from '~/utils/forms.server'
import { hasRole } from '~/utils/permissions'
import { scrollRegion } from '~/utils/scroll-region'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lägesbild ${data?.report.weekId ?? ''} – Avlast` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const week = idParam(params, 'week')
  const [report, weeks] = await Promise.all([getWeeklyReport(user, week).catch(toResponse), listWeeklyReports()])
  return json({ report, weeks, canComment: hasRole(user, 'CENTRAL') })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const week = idParam(params, 'week')
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: ReportCommentSchema })
  if (submission.status !== 'success') return invalid('comment', submission)
  const outcome = await handleFormCall('comment', submission, () => commentWeeklyReport(user, week, submission.value.comment))
  if (!outcome.ok) return outcome.response
  return redirectWithToast(`/reports/weekly/${week}`, { type: 'success', message: 'workload.report.commentSaved' })
}

function CommentForm({ comment }: { comment: string | null }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(ReportCommentSchema, {
    id: 'comment',
    lastResult: data && 'intent' in data ? data.result : undefined,
    defaultValue: { comment: comment ?? '' },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="no-print space-y-2">
      <ErrorList id={form.errorId} errors={form.errors} />
      <label htmlFor={fields.comment.id} className="block font-semibold">
        {t('workload.report.commentLabel')}
      </label>
      <textarea
        {...getTextareaProps(fields.comment, { ariaAttributes: false })}
        aria-invalid={fields.comment.errors ? true : undefined}
        aria-describedby={fields.comment.errors ? `${fields.comment.id}-error` : undefined}
        rows={5}
        className="block w-full max-w-3xl rounded-md border border-slate-400 px-3 py-2"
      />
      <ErrorList id={`${fields.comment.id}-error`} errors={fields.comment.errors} />
      <Button type="submit">{t('workload.report.saveComment')}</Button>
    </Form>
  )
}

export default function WeeklyReportPage() {
  const { report, weeks, canComment } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const totals = report.figures.totals
  const pct = (v: number | null) => (v === null ? t('common.dash') : formatPercent(v, locale))
  const signed = (v: number | null | undefined, format: (x: number) => string) => formatSigned(v, format, { dash: t('common.dash') })
  const points = (v: number) => formatNumber(v, locale, 0)
  // A change in load is in percentage points ("+3 procentenheter"), as in the PDF and the CSV.
  const loadChange = (v: number | null | undefined) => formatLoadChange(t, v, { dash: t('common.dash') })
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('workload.report.title', { week: report.weekId })}</h1>
          <p className="mt-1 text-slate-700">{t(REPORT_STATE_TEXT[report.state])}</p>
        </div>
        <div className="no-print flex flex-wrap gap-3">
          <a href={`/reports/weekly/${report.weekId}.pdf`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800" download>
            {t('workload.report.downloadPdf')}
          </a>
          <a href={`/reports/weekly/${report.weekId}.csv`} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100" download>
            {t('common.exportCsv')}
          </a>
        </div>
      </header>

      <section aria-labelledby="totals-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="totals-heading" className="text-lg font-semibold">
          {t('workload.report.totals')}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-4 md:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-600">{t('workload.report.casesPoints')}</dt>
            <dd className="text-xl font-bold">{t('workload.casesAndPoints', { cases: formatNumber(totals.openCases, locale, 0), points: points(totals.points) })}</dd>
            <dd className="text-xs text-slate-600">{t('workload.report.changePoints', { change: signed(report.change.totals?.points, points) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('workload.report.loadWithLoans')}</dt>
            <dd className="text-xl font-bold">{pct(totals.loadWithLoans)}</dd>
            <dd className="text-xs text-slate-600">{t('workload.report.changeLoad', { change: loadChange(report.change.totals?.load) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('situation.unitsOverCap')}</dt>
            <dd className="text-xl font-bold">{t('situation.ofUnits', { over: totals.unitsOverCap, total: totals.units })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('workload.staleUnits')}</dt>
            <dd className="text-xl font-bold">{totals.staleUnits}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading" className="text-xl font-semibold">
          {t('workload.report.perArea')}
        </h2>
        <div {...scrollRegion(t('workload.report.perArea'))} className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('workload.report.perArea')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('situation.area')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.casesPoints')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.report.reasonable')}</th>
                <th scope="col" className="p-2">{t('workload.report.loadWithLoans')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.report.change')}</th>
                <th scope="col" className="p-2">{t('situation.trend')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.report.stale')}</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.areas.map((a) => {
                const trend = report.trend.areas[a.id] ?? []
                const change = report.change.areas[a.id]
                return (
                  <tr key={a.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-medium">{localName(a, locale)}</th>
                    <td className="p-2 text-right">{t('workload.casesAndPoints', { cases: formatNumber(a.openCases, locale, 0), points: points(a.points) })}</td>
                    <td className="p-2 text-right">{points(a.reasonablePoints)}</td>
                    <td className="p-2">
                      <LoadBadge load={a.loadWithLoans} />
                    </td>
                    <td className="p-2 text-right">
                      {signed(change?.points, points)} / {loadChange(change?.load)}
                    </td>
                    <td className="p-2">
                      <Sparkline values={trend} label={t('chart.trendLabel', { from: pct(trend.find((v) => v !== null) ?? null), to: pct(trend.at(-1) ?? null) })} />
                    </td>
                    <td className="p-2 text-right">{a.staleUnits}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="comment-heading" className="space-y-3">
        <h2 id="comment-heading" className="text-xl font-semibold">
          {t('workload.report.comment')}
        </h2>
        {report.comment ? (
          <div className="max-w-3xl whitespace-pre-line rounded-md border border-slate-200 bg-white p-4">
            <p>{report.comment}</p>
            {report.commentedBy && report.commentedAt ? (
              <p className="mt-2 text-xs text-slate-600">{t('workload.report.commentedBy', { name: report.commentedBy, at: formatDateTime(report.commentedAt, locale) })}</p>
            ) : null}
          </div>
        ) : (
          <p>{t('workload.report.noComment')}</p>
        )}
        {canComment ? <CommentForm comment={report.comment} /> : null}
      </section>

      <section aria-labelledby="units-heading">
        <h2 id="units-heading" className="text-xl font-semibold">
          {t('workload.report.perUnit')}
        </h2>
        <div {...scrollRegion(t('workload.report.perUnit'))} className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('workload.report.perUnit')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('situation.unit')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.casesPoints')}</th>
                <th scope="col" className="p-2 text-right">{t('workload.report.reasonable')}</th>
                <th scope="col" className="p-2">{t('workload.report.loadWithLoans')}</th>
                <th scope="col" className="p-2">{t('workload.report.status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.units.map((u) => (
                <tr key={u.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-medium">{u.name}</th>
                  <td className="p-2 text-right">{t('workload.casesAndPoints', { cases: formatNumber(u.openCases, locale, 0), points: points(u.points) })}</td>
                  <td className="p-2 text-right">{points(u.reasonablePoints)}</td>
                  <td className="p-2">
                    <LoadBadge load={u.loadWithLoans} />
                  </td>
                  <td className="p-2">{[u.carriedForward ? t('workload.carried') : null, u.stale ? t('workload.stale') : null].filter(Boolean).join(', ') || t('common.dash')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <nav aria-labelledby="weeks-heading" className="no-print">
        <h2 id="weeks-heading" className="text-xl font-semibold">
          {t('workload.report.earlier')}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {weeks.map((w) => (
            <li key={w.weekId}>
              <Link to={`/reports/weekly/${w.weekId}`} aria-current={w.weekId === report.weekId ? 'page' : undefined} className="text-brand-700 underline aria-[current=page]:font-bold aria-[current=page]:no-underline">
                {w.weekId}
                {w.commented ? ` (${t('workload.report.commented')})` : ''}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
