import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { getSituation } from '~/models/units.server'
import { requireUser } from '~/utils/auth.server'
import { formatNumber } from '~/utils/format'
import { canViewUnit } from '~/utils/permissions'
import { useLocale } from '~/utils/use-locale'

export const meta: MetaFunction = () => [{ title: 'Lägesbild – Avlast' }]

// Everyone sees the situation picture: unit-level figures, no personal data.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const rows = await getSituation(user)
  return json({ rows: rows.map((r) => ({ ...r, linkable: canViewUnit(user, r.id) })) })
}

export default function SituationPage() {
  const { rows } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('situation.title')}</h1>
        <p className="mt-1 text-slate-700">{t('situation.intro')}</p>
      </header>
      {rows.length === 0 ? (
        <p>{t('situation.noUnits')}</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">{t('situation.unit')}</th>
              <th scope="col" className="p-2">{t('situation.area')}</th>
              <th scope="col" className="p-2 text-right">{t('unit.openCases')}</th>
              <th scope="col" className="p-2 text-right">{t('unit.casesPerFte')}</th>
              <th scope="col" className="p-2 text-right">{t('unit.staffFte')}</th>
              <th scope="col" className="p-2">{t('unit.load')}</th>
              <th scope="col" className="p-2 text-right">{t('situation.openRequests')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-200">
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
                <td className="p-2 text-right">{r.openCases}</td>
                <td className="p-2 text-right">{formatNumber(r.casesPerFte, locale)}</td>
                <td className="p-2 text-right">{formatNumber(r.staffFte, locale)}</td>
                <td className="p-2">
                  <LoadBadge load={r.load} />
                </td>
                <td className="p-2 text-right">{r.openRequests}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
