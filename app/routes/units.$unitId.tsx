import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { getUnitOverview } from '~/models/units.server'
import { requireUnitViewer, toResponse } from '~/utils/auth.server'
import { formatDate, formatFte10, formatNumber } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? 'Enhet'} – Avlast` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const unitId = params.unitId ?? ''
  const user = await requireUnitViewer(request, unitId)
  const unit = await getUnitOverview(user, unitId).catch(toResponse)
  return json({ unit })
}

export default function UnitPage() {
  const { unit } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <div className="space-y-8">
      <header>
        <p className="text-sm text-slate-600">{localName(unit.area, locale)}</p>
        <h1 className="text-2xl font-bold">{unit.name}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.openCases')}</dt>
            <dd className="text-2xl font-bold">{unit.openCases}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.casesPerFte')}</dt>
            <dd>{t('unit.casesPerFteValue', { value: formatNumber(unit.casesPerFte, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.staffFte')}</dt>
            <dd>{t('format.fte', { value: formatNumber(unit.staffFte, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.load')}</dt>
            <dd>
              <LoadBadge load={unit.load} />
            </dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="text-xl font-semibold">
          {t('unit.requests')}
        </h2>
        {unit.requests.length === 0 ? (
          <p className="mt-2">{t('unit.noRequests')}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {unit.requests.map((r) => (
              <li key={r.id} className="rounded-lg bg-white p-3 shadow-sm">
                {t('format.fte', { value: formatFte10(r.fte10, locale) })}, {formatDate(r.startWeek, locale)} –{' '}
                {formatDate(r.endWeek, locale)} · {t(`request.urgencies.${r.urgency}`)} ·{' '}
                {r.skills.map((s) => `${localName(s.skill, locale)} ≥ ${s.minLevel}`).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {t('unit.staff')}
        </h2>
        {unit.staff.length === 0 ? (
          <p className="mt-2">{t('unit.noStaff')}</p>
        ) : (
          <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('staff.name')}</th>
                <th scope="col" className="p-2">{t('staff.title')}</th>
                <th scope="col" className="p-2">{t('staff.fte')}</th>
                <th scope="col" className="p-2">{t('staff.caseload')}</th>
                <th scope="col" className="p-2">{t('staff.personalLoad')}</th>
                <th scope="col" className="p-2">{t('staff.lendable')}</th>
              </tr>
            </thead>
            <tbody>
              {unit.staff.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-medium">
                    {s.firstName} {s.lastName}
                  </th>
                  <td className="p-2">{s.title}</td>
                  <td className="p-2">{formatFte10(s.fte10, locale)}</td>
                  <td className="p-2">{s.caseload}</td>
                  <td className="p-2">
                    <LoadBadge load={s.personalLoad} />
                  </td>
                  <td className="p-2">
                    {s.newcomer ? t('staff.newcomer') : s.lendingConsent ? t('common.yes') : t('common.no')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
