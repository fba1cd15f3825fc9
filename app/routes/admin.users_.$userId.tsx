// One person's account for central: change name, role, units and staff link;
// deactivate or reactivate; issue a one-time set-password link (shown once,
// in this response only); turn off two-factor sign-in for a lost phone.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { CONTROL_CLASS, ErrorList } from '~/components/ui/field'
import { UserAccountFields } from '~/components/user-form'
import { issueSetPasswordLink, SET_PASSWORD_LINK_HOURS } from '~/models/passwords.server'
import { resetTwoFactor } from '~/models/two-factor.server'
import { EditUserFormSchema } from '~/models/user-schemas'
import { deactivateUser, getUserAccount, listAssignableUnits, reactivateUser, updateUser } from '~/models/users.server'
import { appOrigin } from '~/utils/app-url.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { getEnv } from '~/utils/env.server'
import { ConflictError } from '~/utils/errors'
import { formatDateTime } from '~/utils/format'
import { handleFormCall, idParam, invalid, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'

export const meta: MetaFunction = () => [{ title: 'Användare – Avlast' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const [account, units] = await Promise.all([getUserAccount(user, idParam(params, 'userId')), listAssignableUnits(user)]).catch(toResponse)
  // The link's lifetime from the server: passwords.server is not in the browser's bundle.
  return json({ account, units, passwords: getEnv().AUTH_PASSWORD === 'on', self: account.id === user.id, linkHours: SET_PASSWORD_LINK_HOURS })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const userId = idParam(params, 'userId')
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  const here = `/admin/users/${userId}`
  // A button's refusal (the last central user, oneself) is shown above the forms.
  const simple = async (call: () => Promise<unknown>, message: string) => {
    try {
      await call()
    } catch (error) {
      if (error instanceof ConflictError) return json({ intent, error: error.message }, { status: 409 })
      toResponse(error)
    }
    return redirectWithToast(here, { type: 'success', message })
  }
  switch (intent) {
    case 'update': {
      const submission = parseWithZod(formData, { schema: EditUserFormSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => updateUser(user, userId, submission.value))
      return outcome.ok ? redirectWithToast(here, { type: 'success', message: 'accounts.users.saved' }) : outcome.response
    }
    case 'deactivate':
      return simple(() => deactivateUser(user, userId), 'accounts.users.deactivated')
    case 'reactivate':
      return simple(() => reactivateUser(user, userId), 'accounts.users.reactivated')
    case 'reset-two-factor':
      return simple(() => resetTwoFactor(user, userId), 'accounts.users.twoFactorReset')
    case 'link': {
      const link = await issueSetPasswordLink(user, userId, appOrigin(request)).catch(toResponse)
      // The only response that ever carries the link: never to be cached.
      return json({ intent, link }, { headers: { 'Cache-Control': 'no-store' } })
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function IssuedLink({ url, expiresAt }: { url: string; expiresAt: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section aria-labelledby="link-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <h2 id="link-heading" className="text-lg font-semibold text-emerald-900">
        {t('accounts.users.linkHeading')}
      </h2>
      <p id="link-hint" className="mt-1 text-emerald-900">
        {t('accounts.users.linkHint', { time: formatDateTime(expiresAt, locale) })}
      </p>
      <label htmlFor="set-password-link" className="mt-3 block text-sm font-semibold text-slate-800">
        {t('accounts.users.linkLabel')}
      </label>
      <input
        id="set-password-link"
        readOnly
        value={url}
        aria-describedby="link-hint"
        spellCheck={false}
        autoComplete="off"
        className={`${CONTROL_CLASS} font-mono`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </section>
  )
}

function ActionButton({ intent, label, variant = 'secondary' }: { intent: string; label: string; variant?: 'secondary' | 'danger' }) {
  const navigation = useNavigation()
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant={variant} disabled={navigation.state === 'submitting'}>
        {label}
      </Button>
    </Form>
  )
}

export default function UserPage() {
  const { account, units, passwords, self, linkHours } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const locale = useLocale()
  const result = data && 'result' in data ? data.result : undefined
  const [form, fields] = useSchemaForm(EditUserFormSchema, {
    id: 'edit-user',
    lastResult: data && 'intent' in data && data.intent === 'update' ? result : undefined,
  })
  const otherError = data && 'error' in data ? [data.error] : undefined
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t('accounts.users.title')}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{account.name}</h1>
        <p className="mt-1 text-slate-700">
          {account.email} · {t(`roles.${account.role}`)} · {account.active ? t('accounts.users.statuses.active') : t('accounts.users.statuses.inactive')}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {account.hasPassword ? t('accounts.users.methods.password') : t('accounts.users.methods.sso')}
          {account.twoFactor ? ` · ${t('accounts.users.methods.twoFactor')}` : ''}
          {account.deactivatedAt ? ` · ${t('accounts.users.deactivatedAt', { time: formatDateTime(account.deactivatedAt, locale) })}` : ''}
        </p>
      </header>
      {otherError ? (
        <div role="alert">
          <ErrorList errors={otherError} />
        </div>
      ) : null}
      {data && 'link' in data ? <IssuedLink url={data.link.url} expiresAt={data.link.expiresAt} /> : null}

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="text-xl font-semibold">
          {t('accounts.users.editHeading')}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="update" />
          <div role="alert" aria-live="assertive">
            <ErrorList id={form.errorId} errors={form.errors} />
          </div>
          <UserAccountFields
            fields={fields}
            units={units}
            defaults={{ name: account.name, role: account.role, managedUnitIds: account.managedUnitIds, staffEmail: account.staff?.email ?? null }}
          />
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('common.save')}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="access-heading" className="space-y-3">
        <h2 id="access-heading" className="text-xl font-semibold">
          {t('accounts.users.accessHeading')}
        </h2>
        {account.active && passwords ? (
          <div className="space-y-1">
            <p className="text-slate-700">{t('accounts.users.linkIntro', { hours: linkHours })}</p>
            <ActionButton intent="link" label={t('accounts.users.issueLink')} />
          </div>
        ) : null}
        {account.twoFactor ? <ActionButton intent="reset-two-factor" label={t('accounts.users.resetTwoFactor')} /> : null}
        {account.active ? (
          self ? null : (
            <div className="space-y-1">
              <p className="text-slate-700">{t('accounts.users.deactivateIntro')}</p>
              <ActionButton intent="deactivate" label={t('accounts.users.deactivate')} variant="danger" />
            </div>
          )
        ) : (
          <ActionButton intent="reactivate" label={t('accounts.users.reactivate')} />
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
