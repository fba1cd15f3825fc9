// Central's list of people's accounts: search by name or e-mail, by role and status.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { ROLES, UserSearchSchema } from '~/models/user-schemas'
import { listUsers } from '~/models/users.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { searchParam } from '~/utils/forms.server'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction = () => [{ title: 'Användare – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const url = new URL(request.url)
  const filter = UserSearchSchema.parse({ q: searchParam(url, 'q')?.slice(0, 100), role: searchParam(url, 'role'), status: searchParam(url, 'status') })
  const users = await listUsers(user, filter).catch(toResponse)
  return json({ filter, users })
}

export default function UsersPage() {
  const { filter, users } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('accounts.users.title')}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t('accounts.users.intro')}</p>
        </div>
        <Link to="/admin/users/new" className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white">
          {t('accounts.users.new')}
        </Link>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <Field
          className="min-w-64 flex-1"
          label={t('accounts.users.search')}
          inputProps={{ name: 'q', type: 'search', defaultValue: filter.q ?? '', maxLength: 100 }}
        />
        <SelectField label={t('accounts.users.role')} selectProps={{ name: 'role', defaultValue: filter.role ?? '' }}>
          <option value="">{t('accounts.users.allRoles')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('accounts.users.status')} selectProps={{ name: 'status', defaultValue: filter.status }}>
          {(['active', 'inactive', 'all'] as const).map((status) => (
            <option key={status} value={status}>
              {t(`accounts.users.statuses.${status}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit">{t('accounts.users.searchSubmit')}</Button>
      </Form>
      {users.length === 0 ? (
        <p>{t('accounts.users.none')}</p>
      ) : (
        <div {...scrollRegion(t('accounts.users.caption'))} className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('accounts.users.caption')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  {t('accounts.users.name')}
                </th>
                <th scope="col" className="p-2">
                  {t('accounts.users.email')}
                </th>
                <th scope="col" className="p-2">
                  {t('accounts.users.role')}
                </th>
                <th scope="col" className="p-2">
                  {t('accounts.users.units')}
                </th>
                <th scope="col" className="p-2">
                  {t('accounts.users.signIn')}
                </th>
                <th scope="col" className="p-2">
                  {t('accounts.users.status')}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-semibold">
                    <Link to={`/admin/users/${u.id}`} className="text-brand-700 underline">
                      {u.name}
                    </Link>
                  </th>
                  <td className="p-2">{u.email}</td>
                  <td className="p-2">
                    {t(`roles.${u.role}`)}
                    {u.staff ? ` · ${t('accounts.users.hasStaffProfile')}` : ''}
                  </td>
                  <td className="p-2">{u.managedUnits.map((m) => m.name).join(', ') || '–'}</td>
                  <td className="p-2">
                    {u.hasPassword ? t('accounts.users.methods.password') : t('accounts.users.methods.sso')}
                    {u.twoFactor ? ` · ${t('accounts.users.methods.twoFactor')}` : ''}
                  </td>
                  <td className="p-2">{u.active ? t('accounts.users.statuses.active') : t('accounts.users.statuses.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
