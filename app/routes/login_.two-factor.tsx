// The second step of a password sign-in with TOTP: the code from the app.
// A wrong code counts as a failed sign-in for the account (the same throttle).
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { clientIp, signInSucceeded, takeSignInAttempt } from '~/models/login-throttle.server'
import { spendTwoFactorCode } from '~/models/two-factor.server'
import { signIn } from '~/utils/auth.server'
import { assertSameOrigin } from '~/utils/csrf.server'
import { isKnownDevice, rememberDevice } from '~/utils/known-device.server'
import { readFormData } from '~/utils/forms.server'
import { pendingTwoFactor } from '~/utils/sign-in-flow.server'
import { useSchemaForm } from '~/utils/use-schema-form'

const CodeSchema = z.object({ code: z.string({ required_error: 'accounts.twoFactor.codeWrong' }).trim().max(20, 'accounts.twoFactor.codeWrong') })

export const meta: MetaFunction = () => [{ title: 'Logga in – Avlast' }]

async function pending(request: Request) {
  const flow = await pendingTwoFactor.read(request)
  if (!flow) throw redirect('/login?expired=1', { headers: { 'Set-Cookie': await pendingTwoFactor.clear() } })
  return flow
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pending(request)
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const flow = await pending(request)
  const submission = parseWithZod(await readFormData(request), { schema: CodeSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const ip = clientIp(context)
  const knownDevice = await isKnownDevice(request, flow.email)
  if (!(await takeSignInAttempt(flow.email, ip, knownDevice))) return json(submission.reply({ formErrors: ['login.tooManyAttempts'] }), { status: 429 })
  const ok = await spendTwoFactorCode(flow.userId, submission.value.code)
  if (ok) await signInSucceeded(flow.email, ip, knownDevice)
  if (!ok) return json(submission.reply({ fieldErrors: { code: ['accounts.twoFactor.codeWrong'] }, resetForm: true }), { status: 400 })
  return signIn(request, flow.userId, flow.redirectTo, [await pendingTwoFactor.clear(), await rememberDevice(request, flow.email)])
}

export default function TwoFactorSignInPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(CodeSchema, { id: 'two-factor', lastResult })
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-bold">{t('accounts.twoFactor.loginTitle')}</h1>
      <p className="mt-1 text-slate-700">{t('accounts.twoFactor.loginIntro')}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <Field
          label={t('accounts.twoFactor.code')}
          errors={fields.code.errors}
          inputProps={{
            ...getInputProps(fields.code, { type: 'text', ariaAttributes: false }),
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
            required: false,
          }}
        />
        <Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
          {t('accounts.twoFactor.loginSubmit')}
        </Button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
