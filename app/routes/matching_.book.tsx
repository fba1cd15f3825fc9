import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { BookingSchema } from '~/models/consultation-schemas'
import { bookLoan } from '~/models/loan-lifecycle.server'
import { termsFromForm } from '~/models/loan-terms-form.server'
import { bookingOptions } from '~/models/manual-booking.server'
import { requireRole } from '~/utils/auth.server'
import { formatFte10, formatWeek } from '~/utils/format'
import { handleFormCall, invalid, readFormData, searchParam } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useSchemaForm } from '~/utils/use-schema-form'
import { useLocale } from '~/utils/use-locale'
import { today, toYmd, weekStart } from '~/utils/weeks'

export const meta: MetaFunction = () => [{ title: 'Boka ett lån manuellt – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const options = await bookingOptions(user, searchParam(new URL(request.url), 'requestId'))
  // The weeks the form starts with. By the server's clock: a booking for a request already under way starts this week, not in the past.
  const thisWeek = weekStart(today())
  const { chosen } = options
  const defaults = chosen ? { startWeek: toYmd(chosen.startWeek < thisWeek ? thisWeek : chosen.startWeek), endWeek: toYmd(chosen.endWeek) } : null
  return json({ ...options, defaults })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: BookingSchema })
  if (submission.status !== 'success') return invalid('book', submission)
  const v = submission.value
  const outcome = await handleFormCall('book', submission, () =>
    bookLoan(user, {
      staffId: v.staffId,
      requestId: v.requestId,
      ...termsFromForm(v),
      note: v.note,
    }),
  )
  if (!outcome.ok) return outcome.response
  return redirectWithToast('/loans', { type: 'success', message: 'consult.book.booked' })
}

export default function BookLoanPage() {
  const { requests, chosen, people, defaults } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useSchemaForm(BookingSchema, { id: 'book', lastResult: data && 'result' in data ? data.result : undefined })
  const weeks = (r: { startWeek: string; endWeek: string }) => t('format.weeks', { start: formatWeek(r.startWeek), end: formatWeek(r.endWeek) })
  return (
    <div className="max-w-2xl space-y-6">
      <p>
        <Link to="/matching" className="text-brand-700 underline">
          {t('matching.title')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('consult.book.heading')}</h1>
      <p className="text-slate-700">{t('consult.book.intro')}</p>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm font-semibold">
          {t('consult.book.request')}
          <select name="requestId" defaultValue={chosen?.id ?? ''} className="mt-1 rounded-md border border-slate-400 px-3 py-2 font-normal">
            <option value="">{t('consult.book.choose')}</option>
            {requests.map((r) => (
              <option key={r.id} value={r.id}>
                {r.unit.name}, {weeks(r)}, {t('format.fte', { value: formatFte10(r.fte10, locale) })}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t('consult.book.show')}
        </Button>
      </Form>
      {chosen ? (
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="requestId" value={chosen.id} />
          <div role="alert" aria-live="assertive">
            {form.errors?.length ? <p className="font-semibold text-red-700">{t('consult.book.refused', { reason: t(form.errors[0]) })}</p> : null}
            <ErrorList errors={fields.requestId.errors} />
          </div>
          <SelectField label={t('consult.book.staff')} errors={fields.staffId.errors} selectProps={{ ...getSelectProps(fields.staffId), required: false }}>
            <option value="">{t('consult.book.choose')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.unitName})
              </option>
            ))}
          </SelectField>
          <Field
            label={t('consult.book.fte')}
            errors={fields.fte.errors}
            inputProps={{ ...getInputProps(fields.fte, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
          />
          <Field
            label={t('consult.book.startWeek')}
            errors={fields.startWeek.errors}
            inputProps={{
              ...getInputProps(fields.startWeek, { type: 'date', ariaAttributes: false }),
              defaultValue: fields.startWeek.initialValue ?? defaults?.startWeek,
              required: false,
            }}
          />
          <Field
            label={t('consult.book.endWeek')}
            errors={fields.endWeek.errors}
            inputProps={{
              ...getInputProps(fields.endWeek, { type: 'date', ariaAttributes: false }),
              defaultValue: fields.endWeek.initialValue ?? defaults?.endWeek,
              required: false,
            }}
          />
          <Field
            label={t('consult.book.note')}
            errors={fields.note.errors}
            inputProps={{ ...getInputProps(fields.note, { type: 'text', ariaAttributes: false }), maxLength: 1000 }}
          />
          <Button type="submit">{t('consult.book.submit')}</Button>
        </Form>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
