import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { auditEntities, listAuditLog } from '~/models/audit.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { searchParam } from '~/utils/forms.server'
import { useLocale } from '~/utils/use-locale'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction = () => [{ title: 'Ändringslogg – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const url = new URL(request.url)
  const filter = {
    entity: searchParam(url, 'entity'),
    action: searchParam(url, 'action'),
    actorEmail: searchParam(url, 'actor'),
    before: searchParam(url, 'before'),
  }
  const [page, entities] = await Promise.all([listAuditLog(user, filter).catch(toResponse), auditEntities()])
  return json({ ...page, entities })
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null
  return <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-words text-xs">{JSON.stringify(value, null, 1)}</pre>
}

export default function AuditPage() {
  const { rows, next, entities } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const [params] = useSearchParams()
  const nextParams = new URLSearchParams(params)
  if (next) nextParams.set('before', next)
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('audit.intro')}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <SelectField label={t('audit.entity')} selectProps={{ name: 'entity', defaultValue: params.get('entity') ?? '' }}>
          <option value="">{t('audit.all')}</option>
          {entities.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </SelectField>
        <Field label={t('audit.action')} inputProps={{ name: 'action', defaultValue: params.get('action') ?? '', placeholder: 'loan.' }} />
        <Field label={t('audit.actor')} inputProps={{ name: 'actor', type: 'email', defaultValue: params.get('actor') ?? '' }} />
        <Button type="submit">{t('audit.filter')}</Button>
      </Form>
      {rows.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <div {...scrollRegion(t('audit.title'))} className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('audit.when')}</th>
                <th scope="col" className="p-2">{t('audit.who')}</th>
                <th scope="col" className="p-2">{t('audit.action')}</th>
                <th scope="col" className="p-2">{t('audit.entity')}</th>
                <th scope="col" className="p-2">{t('audit.before')}</th>
                <th scope="col" className="p-2">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">{formatDateTime(r.at, locale)}</td>
                  <td className="p-2">{r.actorEmail ?? t('audit.system')}</td>
                  <td className="p-2 font-mono text-xs">{r.action}</td>
                  <td className="p-2">
                    {r.entity}
                    {r.entityId ? <span className="block font-mono text-xs text-slate-600">{r.entityId}</span> : null}
                  </td>
                  <td className="p-2"><Json value={r.before} /></td>
                  <td className="p-2"><Json value={r.after} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`?${nextParams}`} className="text-brand-700 underline">
            {t('audit.older')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
