// A one-time link from central: the person chooses a password. An unknown,
// used or expired link is refused (410) with the same message.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { SetPasswordSchema } from '~/models/password-schema'
import { getSetPasswordLink, LinkInvalidError, setPasswordWithLink } from '~/models/passwords.server'
import { toResponse } from '~/utils/auth.server'
import { assertSameOrigin } from '~/utils/csrf.server'
import { handleFormCall, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useSchemaForm } from '~/utils/use-schema-form'

export const meta: MetaFunction = () => [{ title: 'Välj lösenord – Avlast' }, { name: 'referrer', content: 'no-referrer' }]

const gone = () => json({ message: 'accounts.setPassword.linkInvalid' }, { status: 410, headers: { 'Cache-Control': 'no-store' } })

async function linkOrGone<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof LinkInvalidError) throw gone()
    throw error
  }
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await linkOrGone(() => getSetPasswordLink(params.token ?? '')).catch(toResponse)
  return json({ email: link.email }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const submission = parseWithZod(await readFormData(request), { schema: SetPasswordSchema })
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 })
  const outcome = await handleFormCall('set', submission, () => linkOrGone(() => setPasswordWithLink(params.token ?? '', submission.value.password)))
  if (!outcome.ok) return outcome.response
  return redirectWithToast('/login', { type: 'success', message: 'accounts.setPassword.done' })
}

export default function SetPasswordPage() {
  const { email } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const lastResult = data && 'result' in data ? data.result : data
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(SetPasswordSchema, { id: 'set-password', lastResult: lastResult as never })
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-bold">{t('accounts.setPassword.title')}</h1>
      <p className="mt-1 text-slate-700">{t('accounts.setPassword.intro', { email })}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field
          label={t('accounts.setPassword.password')}
          hint={t('accounts.setPassword.passwordHint')}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: 'password', ariaAttributes: false }), autoComplete: 'new-password', required: false }}
        />
        <Field
          label={t('accounts.setPassword.confirm')}
          errors={fields.confirm.errors}
          inputProps={{ ...getInputProps(fields.confirm, { type: 'password', ariaAttributes: false }), autoComplete: 'new-password', required: false }}
        />
        <Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
          {t('accounts.setPassword.submit')}
        </Button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
