import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EXPORT_KINDS } from '~/models/csv-export.server'
import { requireRole } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Export – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'CENTRAL')
  return json({ kinds: EXPORT_KINDS })
}

export default function AdminExportPage() {
  const { t } = useTranslation()
  const { kinds } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('ops.export.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('ops.export.intro')}</p>
      </header>
      <ul className="grid gap-4 md:grid-cols-3">
        {kinds.map((kind) => (
          <li key={kind} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="text-lg font-semibold">{t(`ops.export.${kind}`)}</h2>
            <p className="mt-1 text-sm text-slate-700">{t(`ops.export.${kind}Hint`)}</p>
            {/* A plain link: the browser downloads the file, with or without JavaScript. */}
            <a href={`/admin/export/${kind}.csv`} download className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
              {t('ops.export.download', { name: t(`ops.export.${kind}`).toLowerCase() })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
