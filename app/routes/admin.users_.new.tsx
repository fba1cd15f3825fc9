// Central creates a person's account: e-mail, name, role, managed units and staff record.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { UserAccountFields } from '~/components/user-form'
import { CreateUserSchema } from '~/models/user-schemas'
import { createUser, listAssignableUnits } from '~/models/users.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useSchemaForm } from '~/utils/use-schema-form'

export const meta: MetaFunction = () => [{ title: 'Ny användare – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  return json({ units: await listAssignableUnits(user).catch(toResponse) })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const submission = parseWithZod(await readFormData(request), { schema: CreateUserSchema })
  if (submission.status !== 'success') return invalid('create', submission)
  const outcome = await handleFormCall('create', submission, () => createUser(user, submission.value))
  if (!outcome.ok) return outcome.response
  return redirectWithToast(`/admin/users/${outcome.value.id}`, { type: 'success', message: 'accounts.users.created', values: { name: outcome.value.name } })
}

export default function NewUserPage() {
  const { units } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(CreateUserSchema, { id: 'create-user', lastResult: data?.result })
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t('accounts.users.title')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('accounts.users.newTitle')}</h1>
      <p className="text-slate-700">{t('accounts.users.newIntro')}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <Field
          label={t('accounts.users.email')}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: 'email', ariaAttributes: false }), autoComplete: 'off', required: false }}
        />
        <UserAccountFields fields={fields} units={units} />
        <Button type="submit" disabled={navigation.state === 'submitting'}>
          {t('accounts.users.create')}
        </Button>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
