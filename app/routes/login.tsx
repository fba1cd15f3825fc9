import { assertSameOrigin } from '~/utils/csrf.server'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { clientIp, signInSucceeded, takeSignInAttempt } from '~/models/login-throttle.server'
import { createUserSession, getActorById, getUser, verifyLogin } from '~/utils/auth.server'
import { homePath } from '~/utils/permissions'
import { safeRedirect } from '~/utils/redirect'
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
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const formData = await readFormData(request)
  const ip = clientIp(context)
  const submission = await parseWithZod(formData, {
    async: true,
    schema: LoginSchema.transform(async (data, ctx) => {
      if (!(await takeSignInAttempt(data.email, ip))) {
        ctx.addIssue({ code: 'custom', message: 'login.tooManyAttempts' })
        return z.NEVER
      }
      const user = await verifyLogin(data.email, data.password)
      if (user) await signInSucceeded(data.email, ip)
      else {
        ctx.addIssue({ code: 'custom', message: 'login.invalidCredentials' })
        return z.NEVER
      }
      return { ...data, userId: user.id }
    }),
  })
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const actor = await getActorById(submission.value.userId)
  if (!actor) throw new Response('Unknown user', { status: 500 })
  const fallback = homePath(actor)
  const requested = safeRedirect(submission.value.redirectTo, fallback)
  return createUserSession(request, actor.id, requested === '/' ? fallback : requested)
}

export default function LoginPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'login',
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-bold">{t('login.title')}</h1>
      <p className="mt-1 text-slate-700">{t('login.intro')}</p>
      {searchParams.get('expired') === '1' ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3">
          {t('login.sessionExpired')}
        </p>
      ) : null}
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
