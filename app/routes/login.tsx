import { assertSameOrigin } from '~/utils/csrf.server'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { clientIp, signInSucceeded, takeSignInAttempt } from '~/models/login-throttle.server'
import { getUser, signIn, verifyLogin } from '~/utils/auth.server'
import { isKnownDevice, rememberDevice } from '~/utils/known-device.server'
import { SsoButton, SsoError, SsoOnlySignIn } from '~/components/sign-in-options'
import { secondFactorStep, signInMethods } from '~/utils/sign-in.server'
import { homePath } from '~/utils/permissions'
import { readFormData } from '~/utils/forms.server'
import { PASSWORD_MAX_LENGTH } from '~/utils/limits'

export const LoginSchema = z.object({
  email: z
    .string({ required_error: 'validation.emailRequired' })
    .trim()
    .email('validation.emailInvalid'),
  password: z.string({ required_error: 'validation.passwordRequired' }).max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong'),
  redirectTo: z.string().optional(),
})

export const meta: MetaFunction = () => [{ title: 'Logga in – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(homePath(user))
  return json(signInMethods())
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  // With AUTH_PASSWORD=off single sign-on is the only way in.
  if (!signInMethods().password) throw json({ message: 'accounts.passwordsOff' }, { status: 403 })
  const formData = await readFormData(request)
  const ip = clientIp(context)
  const submission = await parseWithZod(formData, {
    async: true,
    schema: LoginSchema.transform(async (data, ctx) => {
      const knownDevice = await isKnownDevice(request, data.email)
      if (!(await takeSignInAttempt(data.email, ip, knownDevice))) {
        ctx.addIssue({ code: 'custom', message: 'login.tooManyAttempts' })
        return z.NEVER
      }
      const user = await verifyLogin(data.email, data.password)
      if (user) await signInSucceeded(data.email, ip, knownDevice)
      else {
        ctx.addIssue({ code: 'custom', message: 'login.invalidCredentials' })
        return z.NEVER
      }
      return { ...data, userId: user.id, twoFactor: user.twoFactor }
    }),
  })
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { userId, email, redirectTo, twoFactor } = submission.value
  // With TOTP the browser is remembered once the code is right too.
  if (twoFactor) return secondFactorStep(userId, email, redirectTo)
  return signIn(request, userId, redirectTo, [await rememberDevice(request, email)])
}

export default function LoginPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const methods = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'login',
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  if (!methods.password) return <SsoOnlySignIn />
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-bold">{t('login.title')}</h1>
      <p className="mt-1 text-slate-700">{t('login.intro')}</p>
      {searchParams.get('expired') === '1' ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3">
          {t('login.sessionExpired')}
        </p>
      ) : null}
      <SsoError />
      {methods.sso ? <SsoButton /> : null}
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          label={t('login.email')}
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: 'email', ariaAttributes: false }),
            autoComplete: 'username',
            required: false,
          }}
        />
        <Field
          label={t('login.password')}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: 'password', ariaAttributes: false }),
            autoComplete: 'current-password',
            required: false,
          }}
        />
        <Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
          {t('login.submit')}
        </Button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
