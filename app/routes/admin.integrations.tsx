// Central's integration accounts: other systems with API tokens of their own.
// A new token is shown once, in the response to the form that made it.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { CONTROL_CLASS, ErrorList, Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { CreateIntegrationSchema, CreateIntegrationTokenSchema } from '~/models/integration-schemas'
import { createIntegration, createIntegrationToken, deactivateIntegration, listIntegrations, revokeIntegrationToken } from '~/models/integrations.server'
import { listAssignableUnits } from '~/models/users.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { formatDate, formatDateTime } from '~/utils/format'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { scrollRegion } from '~/utils/scroll-region'
import { redirectWithToast } from '~/utils/toast.server'
import { useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'

const IdSchema = z.object({ id: z.string().trim().min(1).max(64) })

export const meta: MetaFunction = () => [{ title: 'Integrationer – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const [integrations, units] = await Promise.all([listIntegrations(user), listAssignableUnits(user)]).catch(toResponse)
  return json({ integrations, units })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  const done = (message: string) => redirectWithToast('/admin/integrations', { type: 'success', message })
  switch (intent) {
    case 'create': {
      const submission = parseWithZod(formData, { schema: CreateIntegrationSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => createIntegration(user, submission.value))
      return outcome.ok ? done('accounts.integrations.created') : outcome.response
    }
    case 'token': {
      const submission = parseWithZod(formData, { schema: CreateIntegrationTokenSchema })
      const key = `token:${formData.get('integrationId')}`
      if (submission.status !== 'success') return invalid(key, submission)
      const outcome = await handleFormCall(key, submission, () => createIntegrationToken(user, Object.fromEntries(formData)))
      if (!outcome.ok) return outcome.response
      // The only response that ever carries the token: never to be cached.
      return json({ intent: key, created: { name: outcome.value.apiToken.name, token: outcome.value.token } }, { headers: { 'Cache-Control': 'no-store' } })
    }
    case 'revoke':
    case 'deactivate': {
      const submission = parseWithZod(formData, { schema: IdSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await (intent === 'revoke' ? revokeIntegrationToken(user, submission.value.id) : deactivateIntegration(user, submission.value.id)).catch(toResponse)
      return done(intent === 'revoke' ? 'api.tokens.revoked' : 'accounts.integrations.deactivated')
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function NewIntegration({ units }: { units: Data['units'] }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(CreateIntegrationSchema, {
    id: 'create-integration',
    lastResult: data && 'result' in data && data.intent === 'create' ? data.result : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="create" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('accounts.integrations.name')}
        hint={t('accounts.integrations.nameHint')}
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: 'text', ariaAttributes: false }), required: false, autoComplete: 'off' }}
      />
      <SelectField
        label={t('accounts.integrations.role')}
        hint={t('accounts.integrations.roleHint')}
        errors={fields.role.errors}
        selectProps={{ name: fields.role.name, id: fields.role.id, defaultValue: 'CENTRAL' }}
      >
        <option value="CENTRAL">{t('roles.CENTRAL')}</option>
        <option value="MANAGER">{t('roles.MANAGER')}</option>
      </SelectField>
      <fieldset aria-describedby={fields.managedUnitIds.errors?.length ? `${fields.managedUnitIds.id}-error` : undefined}>
        <legend className="text-sm font-semibold text-slate-800">{t('accounts.integrations.units')}</legend>
        <ul className="mt-2 grid max-h-48 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
          {units.map((unit) => (
            <li key={unit.id}>
              <label className="flex items-center gap-2">
                <input type="checkbox" name={fields.managedUnitIds.name} value={unit.id} />
                {unit.name}
              </label>
            </li>
          ))}
        </ul>
        <ErrorList id={`${fields.managedUnitIds.id}-error`} errors={fields.managedUnitIds.errors} />
      </fieldset>
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('accounts.integrations.create')}
      </Button>
    </Form>
  )
}

function NewToken({ integrationId, name }: { integrationId: string; name: string }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const key = `token:${integrationId}`
  const [form, fields] = useSchemaForm(CreateIntegrationTokenSchema, {
    id: key,
    lastResult: data && 'result' in data && data.intent === key ? data.result : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} aria-label={t('accounts.integrations.newTokenFor', { name })} className="mt-3 flex flex-wrap items-end gap-4">
      <input type="hidden" name="intent" value="token" />
      <input type="hidden" name="integrationId" value={integrationId} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('api.tokens.name')}
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: 'text', ariaAttributes: false }), required: false, autoComplete: 'off' }}
      />
      <SelectField
        label={t('accounts.integrations.scope')}
        errors={fields.scope.errors}
        selectProps={{ name: fields.scope.name, id: fields.scope.id, defaultValue: 'READ_ONLY' }}
      >
        <option value="READ_ONLY">{t('accounts.integrations.scopes.READ_ONLY')}</option>
        <option value="ROLE">{t('accounts.integrations.scopes.ROLE')}</option>
      </SelectField>
      <Field
        label={t('accounts.integrations.expiresOn')}
        errors={fields.expiresOn.errors}
        inputProps={{ ...getInputProps(fields.expiresOn, { type: 'date', ariaAttributes: false }), required: false }}
      />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('api.tokens.create')}
      </Button>
    </Form>
  )
}

export default function IntegrationsPage() {
  const { integrations, units } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const locale = useLocale()
  const created = data && 'created' in data ? data.created : null
  return (
    <div className="max-w-5xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t('accounts.integrations.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('accounts.integrations.intro')}</p>
      </header>
      {created ? (
        <section aria-labelledby="created-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <h2 id="created-heading" className="text-lg font-semibold text-emerald-900">
            {t('api.tokens.createdHeading', { name: created.name })}
          </h2>
          <p id="created-hint" className="mt-1 text-emerald-900">
            {t('api.tokens.createdHint')}
          </p>
          <label htmlFor="created-token" className="mt-3 block text-sm font-semibold text-slate-800">
            {t('accounts.integrations.tokenLabel')}
          </label>
          <input
            id="created-token"
            readOnly
            value={created.token}
            aria-describedby="created-hint"
            spellCheck={false}
            autoComplete="off"
            className={`${CONTROL_CLASS} font-mono`}
          />
        </section>
      ) : null}
      {integrations.map((integration) => (
        <section key={integration.id} aria-labelledby={`integration-${integration.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id={`integration-${integration.id}`} className="text-xl font-semibold">
            {integration.name}
          </h2>
          <p className="text-slate-700">
            {t(`roles.${integration.role}`)}
            {integration.managedUnits.length ? `: ${integration.managedUnits.map((m) => m.unit.name).join(', ')}` : ''}
            {integration.active ? '' : ` · ${t('accounts.users.statuses.inactive')}`}
          </p>
          {integration.apiTokens.length ? (
            <div {...scrollRegion(t('accounts.integrations.tokensOf', { name: integration.name }))} className="mt-2 overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">{t('accounts.integrations.tokensOf', { name: integration.name })}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="p-2">
                      {t('api.tokens.columnName')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('api.tokens.columnPrefix')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('accounts.integrations.scope')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('accounts.integrations.expires')}
                    </th>
                    <th scope="col" className="p-2">
                      {t('api.tokens.columnLastUsed')}
                    </th>
                    <th scope="col" className="p-2">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {integration.apiTokens.map((token) => (
                    <tr key={token.id} className="border-b border-slate-200">
                      <th scope="row" className="p-2 font-semibold">
                        {token.name}
                      </th>
                      <td className="p-2 font-mono">{token.prefix}…</td>
                      <td className="p-2">{t(`accounts.integrations.scopes.${token.scope}`)}</td>
                      <td className="p-2 whitespace-nowrap">
                        {token.expiresAt ? formatDate(new Date(new Date(token.expiresAt).getTime() - 86_400_000), locale) : '–'}
                      </td>
                      <td className="p-2 whitespace-nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('api.tokens.neverUsed')}</td>
                      <td className="p-2 text-right">
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={token.id} />
                          <Button type="submit" variant="danger" aria-label={t('api.tokens.revokeLabel', { name: token.name })}>
                            {t('api.tokens.revoke')}
                          </Button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="mt-2">{t('accounts.integrations.noTokens')}</p>
          )}
          {integration.active ? (
            <>
              <NewToken integrationId={integration.id} name={integration.name} />
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="deactivate" />
                <input type="hidden" name="id" value={integration.id} />
                <Button type="submit" variant="secondary" aria-label={t('accounts.integrations.deactivateLabel', { name: integration.name })}>
                  {t('accounts.integrations.deactivate')}
                </Button>
              </Form>
            </>
          ) : null}
        </section>
      ))}
      <section aria-labelledby="new-integration-heading">
        <h2 id="new-integration-heading" className="text-xl font-semibold">
          {t('accounts.integrations.newHeading')}
        </h2>
        <NewIntegration units={units} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
