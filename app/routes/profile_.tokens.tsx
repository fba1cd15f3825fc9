// Personal API tokens: create (the plaintext is shown once, in the response to
// the form) and revoke. Works without JavaScript.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { CONTROL_CLASS, ErrorList, Field } from '~/components/ui/field'
import { CreateApiTokenSchema } from '~/models/api-token-schema'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-tokens.server'
import { requireUser, toResponse } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'
import { scrollRegion } from '~/utils/scroll-region'

const RevokeApiTokenSchema = z.object({ tokenId: z.string().min(1) })

export const meta: MetaFunction = () => [{ title: 'API-nycklar – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return json({ tokens: await listApiTokens(user) })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  switch (intent) {
    case 'create': {
      const submission = parseWithZod(formData, {
        schema: CreateApiTokenSchema,
      })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => createApiToken(user, submission.value.name))
      if (!outcome.ok) return outcome.response
      const { token, apiToken } = outcome.value
      // The only response that ever carries the token: never to be cached.
      return json(
        {
          intent,
          result: submission.reply({ resetForm: true }),
          created: { name: apiToken.name, token },
        },
        { headers: { 'Cache-Control': 'no-store' } },
      )
    }
    case 'revoke': {
      const submission = parseWithZod(formData, {
        schema: RevokeApiTokenSchema,
      })
      if (submission.status !== 'success') return invalid(intent, submission)
      await revokeApiToken(user, submission.value.tokenId).catch(toResponse)
      return redirectWithToast('/profile/tokens', {
        type: 'success',
        message: 'api.tokens.revoked',
      })
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function CreatedToken({ name, token }: { name: string; token: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="created-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <h2 id="created-heading" className="text-lg font-semibold text-emerald-900">
        {t('api.tokens.createdHeading', { name })}
      </h2>
      <p id="created-hint" className="mt-1 text-emerald-900">
        {t('api.tokens.createdHint')}
      </p>
      <label htmlFor="created-token" className="mt-3 block text-sm font-semibold text-slate-800">
        {t('api.tokens.tokenLabel')}
      </label>
      <input
        id="created-token"
        readOnly
        value={token}
        aria-describedby="created-hint"
        spellCheck={false}
        autoComplete="off"
        className={`${CONTROL_CLASS} font-mono`}
        onFocus={(event) => event.currentTarget.select()}
      />
    </section>
  )
}

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const locale = useLocale()
  const navigation = useNavigation()
  const created = data && 'created' in data ? data.created : null
  const [form, fields] = useSchemaForm(CreateApiTokenSchema, {
    id: 'create-token',
    lastResult: data && 'intent' in data && data.intent === 'create' ? data.result : undefined,
  })
  return (
    <div className="max-w-4xl space-y-8">
      <header>
        <p className="text-sm">
          <Link to="/profile" className="text-brand-700 underline">
            {t('nav.profile')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('api.tokens.title')}</h1>
        <p className="mt-2 text-slate-700">{t('api.tokens.intro')}</p>
        <p className="mt-2 text-slate-700">
          {t('api.tokens.usage', {
            header: 'Authorization: Bearer …',
            endpoint: '/graphql',
          })}
        </p>
      </header>

      {created ? <CreatedToken name={created.name} token={created.token} /> : null}

      <section aria-labelledby="create-heading">
        <h2 id="create-heading" className="text-xl font-semibold">
          {t('api.tokens.createHeading')}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="create" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            className="min-w-64 flex-1"
            label={t('api.tokens.name')}
            hint={t('api.tokens.nameHint')}
            errors={fields.name.errors}
            inputProps={{
              ...getInputProps(fields.name, {
                type: 'text',
                ariaAttributes: false,
              }),
              required: false,
              autoComplete: 'off',
            }}
          />
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('api.tokens.create')}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-xl font-semibold">
          {t('api.tokens.listHeading')}
        </h2>
        {tokens.length === 0 ? (
          <p className="mt-2">{t('api.tokens.empty')}</p>
        ) : (
          <div
            {...scrollRegion(t('api.tokens.caption'))}
            className="mt-2 overflow-x-auto"
          >
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t('api.tokens.caption')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">
                    {t('api.tokens.columnName')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('api.tokens.columnPrefix')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('api.tokens.columnCreated')}
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
                {tokens.map((token) => (
                  <tr key={token.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-semibold">
                      {token.name}
                    </th>
                    <td className="p-2 font-mono">{token.prefix}…</td>
                    <td className="p-2 whitespace-nowrap">{formatDateTime(token.createdAt, locale)}</td>
                    <td className="p-2 whitespace-nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('api.tokens.neverUsed')}</td>
                    <td className="p-2 text-right">
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <Button
                          type="submit"
                          variant="danger"
                          aria-label={t('api.tokens.revokeLabel', {
                            name: token.name,
                          })}
                          disabled={navigation.state === 'submitting'}
                        >
                          {t('api.tokens.revoke')}
                        </Button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
