// My account: change my password, turn two-factor sign-in on or off, and my API tokens.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { CONTROL_CLASS, ErrorList, Field } from '~/components/ui/field'
import { getEmailNotifications, setEmailNotifications } from '~/models/notifications.server'
import { ChangePasswordSchema } from '~/models/password-schema'
import { changeOwnPassword, hasPassword } from '~/models/passwords.server'
import { confirmTwoFactor, disableTwoFactor, getTwoFactorStatus, startTwoFactorEnrolment } from '~/models/two-factor.server'
import { getSessionId, requireUser, toResponse } from '~/utils/auth.server'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { signInMethods } from '~/utils/sign-in.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useSchemaForm } from '~/utils/use-schema-form'
import { Section } from '~/components/section'

const CodeSchema = z.object({ code: z.string({ required_error: 'accounts.twoFactor.codeWrong' }).trim().max(20, 'accounts.twoFactor.codeWrong') })

export const meta: MetaFunction = () => [{ title: 'Mitt konto – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [password, twoFactor, emailNotifications] = await Promise.all([hasPassword(user), getTwoFactorStatus(user), getEmailNotifications(user)])
  return json({ passwords: signInMethods().password, hasPassword: password, twoFactor, emailNotifications })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  switch (intent) {
    case 'notifications': {
      await setEmailNotifications(user, formData.get('emailNotifications') === 'on')
      return redirectWithToast('/account', { type: 'success', message: 'notifications.settings.saved' })
    }
    case 'password': {
      const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const sessionId = await getSessionId(request)
      const outcome = await handleFormCall(intent, submission, () => changeOwnPassword(user, submission.value, sessionId ?? undefined))
      return outcome.ok ? redirectWithToast('/account', { type: 'success', message: 'accounts.account.passwordChanged' }) : outcome.response
    }
    case 'start-two-factor':
      return json({ intent, enrolment: await startTwoFactorEnrolment(user).catch(toResponse) }, { headers: { 'Cache-Control': 'no-store' } })
    case 'confirm-two-factor':
    case 'disable-two-factor': {
      const submission = parseWithZod(formData, { schema: CodeSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const call = intent === 'confirm-two-factor' ? confirmTwoFactor : disableTwoFactor
      const outcome = await handleFormCall(intent, submission, () => call(user, submission.value.code))
      if (outcome.ok)
        return redirectWithToast('/account', {
          type: 'success',
          message: intent === 'confirm-two-factor' ? 'accounts.twoFactor.enabled' : 'accounts.twoFactor.disabled',
        })
      // A wrong code while enrolling: the same QR code again, to try once more.
      const body = await outcome.response.json()
      const enrolment = intent === 'confirm-two-factor' ? await startTwoFactorEnrolment(user).catch(toResponse) : undefined
      return json({ ...body, enrolment }, { status: outcome.response.status, headers: { 'Cache-Control': 'no-store' } })
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ChangePasswordSchema, {
    id: 'change-password',
    lastResult: data && 'intent' in data && data.intent === 'password' && 'result' in data ? data.result : undefined,
  })
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-xl font-semibold">
        {t(hasPassword ? 'accounts.account.passwordHeading' : 'accounts.account.setPasswordHeading')}
      </h2>
      <p className="mt-1 text-slate-700">{t(hasPassword ? 'accounts.account.passwordEffect' : 'accounts.account.noPasswordIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="password" />
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        {hasPassword ? (
          <Field
            label={t('accounts.account.currentPassword')}
            errors={fields.currentPassword.errors}
            inputProps={{
              ...getInputProps(fields.currentPassword, { type: 'password', ariaAttributes: false }),
              autoComplete: 'current-password',
              required: false,
            }}
          />
        ) : null}
        <Field
          label={t('accounts.account.newPassword')}
          hint={t('accounts.setPassword.passwordHint')}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: 'password', ariaAttributes: false }), autoComplete: 'new-password', required: false }}
        />
        <Field
          label={t('accounts.account.confirm')}
          errors={fields.confirm.errors}
          inputProps={{ ...getInputProps(fields.confirm, { type: 'password', ariaAttributes: false }), autoComplete: 'new-password', required: false }}
        />
        <Button type="submit" disabled={navigation.state === 'submitting'}>
          {t('accounts.account.changePassword')}
        </Button>
      </Form>
    </section>
  )
}

function CodeForm({ intent, label, hint }: { intent: string; label: string; hint?: string }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(CodeSchema, {
    id: intent,
    lastResult: data && 'intent' in data && data.intent === intent && 'result' in data ? data.result : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-4">
      <input type="hidden" name="intent" value={intent} />
      <Field
        label={t('accounts.twoFactor.code')}
        hint={hint}
        errors={fields.code.errors}
        inputProps={{
          ...getInputProps(fields.code, { type: 'text', ariaAttributes: false }),
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          required: false,
        }}
      />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {label}
      </Button>
    </Form>
  )
}

function TwoFactorSection({ status }: { status: 'off' | 'pending' | 'on' }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const enrolment = data && 'enrolment' in data ? data.enrolment : undefined
  return (
    <Section id="two-factor" heading={t('accounts.twoFactor.heading')} intro={t('accounts.twoFactor.intro')} className="space-y-2">
      <p className="font-medium">{t(status === 'on' ? 'accounts.twoFactor.on' : 'accounts.twoFactor.off')}</p>
      {status === 'on' ? (
        <CodeForm intent="disable-two-factor" label={t('accounts.twoFactor.disable')} hint={t('accounts.twoFactor.disableHint')} />
      ) : enrolment ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <p>{t('accounts.twoFactor.scan')}</p>
          <img src={enrolment.qrCode} alt={t('accounts.twoFactor.qrAlt')} width={240} height={240} />
          <label htmlFor="totp-secret" className="block text-sm font-semibold text-slate-800">
            {t('accounts.twoFactor.secretLabel')}
          </label>
          <input id="totp-secret" readOnly value={enrolment.secret} spellCheck={false} className={`${CONTROL_CLASS} max-w-md font-mono`} />
          <CodeForm intent="confirm-two-factor" label={t('accounts.twoFactor.confirm')} />
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="start-two-factor" />
          <Button type="submit">{t('accounts.twoFactor.start')}</Button>
        </Form>
      )}
    </Section>
  )
}

function NotificationSettings({ on }: { on: boolean }) {
  const { t } = useTranslation()
  return (
    <Section id="notifications" heading={t('notifications.settings.heading')}>
      <Form method="post" className="mt-2 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="notifications" />
        <div className="flex items-start gap-2">
          <input id="email-notifications" name="emailNotifications" type="checkbox" defaultChecked={on} aria-describedby="email-notifications-hint" className="mt-1 h-4 w-4" />
          <div>
            <label htmlFor="email-notifications" className="font-medium">
              {t('notifications.settings.email')}
            </label>
            <p id="email-notifications-hint" className="text-sm text-slate-700">
              {t('notifications.settings.emailHint')}
            </p>
          </div>
        </div>
        <Button type="submit">{t('notifications.settings.save')}</Button>
      </Form>
    </Section>
  )
}

export default function AccountPage() {
  const { passwords, hasPassword, twoFactor, emailNotifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="max-w-3xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t('accounts.account.title')}</h1>
        <p className="mt-1 text-slate-700">{passwords ? t('accounts.account.intro') : t('accounts.passwordsOff')}</p>
      </header>
      {passwords ? <PasswordForm hasPassword={hasPassword} /> : null}
      {passwords && hasPassword ? <TwoFactorSection status={twoFactor} /> : null}
      <NotificationSettings on={emailNotifications} />
      <p>
        <Link to="/profile/tokens" className="text-brand-700 underline">
          {t('accounts.account.tokens')}
        </Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
