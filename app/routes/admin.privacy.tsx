import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { erasePerson, getPrivacySubject, searchStaffForPrivacy } from '~/models/gdpr.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { handleFormCall, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Personuppgifter – Avlast' }]

export const EraseSchema = z.object({
  staffId: z.string().trim().min(1).max(100),
  confirmEmail: z
    .string({ required_error: 'ops.privacy.confirmMismatch' })
    .trim()
    .max(254, 'ops.privacy.confirmMismatch'),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const url = new URL(request.url)
  const query = (url.searchParams.get('q') ?? '').slice(0, 100)
  const eraseId = url.searchParams.get('erase')
  const [results, subject] = await Promise.all([
    searchStaffForPrivacy(user, query),
    eraseId ? getPrivacySubject(user, eraseId.slice(0, 100)) : null,
  ]).catch(toResponse)
  return json({ query, results, subject })
}

const badRequest = () => json({ message: 'ops.badRequest' }, { status: 400 })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const formData = await readFormData(request)
  const intent = formData.get('intent')

  if (intent === 'erase') {
    const submission = parseWithZod(formData, { schema: EraseSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    const subject = await getPrivacySubject(user, submission.value.staffId).catch(toResponse)
    if (submission.value.confirmEmail.toLowerCase() !== subject.email.toLowerCase()) {
      return json({ result: submission.reply({ fieldErrors: { confirmEmail: ['ops.privacy.confirmMismatch'] } }) }, { status: 400 })
    }
    const outcome = await handleFormCall('erase', submission, () => erasePerson(user, subject.id))
    if (!outcome.ok) return outcome.response
    return redirectWithToast('/admin/privacy', { type: 'success', message: 'ops.privacy.erased' })
  }
  throw badRequest()
}

function EraseForm({ subject, query }: { subject: { id: string; firstName: string; lastName: string; email: string }; query: string }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const lastResult = data && 'result' in data ? data.result : undefined
  const [form, fields] = useForm({
    id: 'erase',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
  })
  const name = `${subject.firstName} ${subject.lastName}`
  return (
    <section aria-labelledby="erase-heading" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-4">
      <h2 id="erase-heading" className="text-xl font-semibold text-red-900">
        {t('ops.privacy.confirmHeading', { name })}
      </h2>
      <p className="max-w-3xl">{t('ops.privacy.confirmText')}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <div role="alert" aria-live="assertive">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <input type="hidden" name="intent" value="erase" />
        <input type="hidden" name="staffId" value={subject.id} />
        <Field
          label={t('ops.privacy.confirmLabel', { email: subject.email })}
          errors={fields.confirmEmail.errors}
          inputProps={{ ...getInputProps(fields.confirmEmail, { type: 'text', ariaAttributes: false }), autoComplete: 'off', required: false }}
        />
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" variant="danger" disabled={navigation.state === 'submitting'}>
            {t('ops.privacy.confirmSubmit')}
          </Button>
          <Link to={`/admin/privacy?q=${encodeURIComponent(query)}`} className="text-brand-700 underline">
            {t('ops.privacy.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  )
}

export default function AdminPrivacyPage() {
  const { query, results, subject } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('ops.privacy.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('ops.privacy.intro')}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <Field label={t('ops.privacy.search')} inputProps={{ name: 'q', type: 'search', defaultValue: query, maxLength: 100 }} />
        <Button type="submit">{t('ops.privacy.searchSubmit')}</Button>
      </Form>
      {subject ? <EraseForm subject={subject} query={query} /> : null}
      {query && !results.length ? <p>{t('ops.privacy.noResults', { query })}</p> : null}
      {results.length ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-xl font-semibold">
            {t('ops.privacy.resultsHeading')}
          </h2>
          <ul className="mt-2 space-y-3">
            {results.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="min-w-64 flex-1">
                  <p className="font-semibold">
                    {s.firstName} {s.lastName}
                  </p>
                  <p className="text-sm text-slate-700">
                    {s.email} · {s.title} · {s.unit.name}
                    {s.user ? ` · ${t('ops.privacy.hasAccount')}` : ''}
                    {s.active ? '' : ` · ${t('ops.privacy.inactive')}`}
                  </p>
                </div>
                {/* A document submission, so the browser saves the file. */}
                <Form method="post" action={`/admin/privacy/${s.id}.json`} reloadDocument>
                  <Button type="submit" variant="secondary">
                    {t('ops.privacy.download')}
                  </Button>
                </Form>
                <Link
                  to={`/admin/privacy?${new URLSearchParams({ q: query, erase: s.id })}#erase-heading`}
                  className="text-red-700 underline"
                  aria-label={`${t('ops.privacy.erase')} ${s.firstName} ${s.lastName}`}
                >
                  {t('ops.privacy.erase')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
