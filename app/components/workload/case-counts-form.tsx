import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { CaseCountsSchema } from '~/models/case-type-schemas'
import { formatNumber } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'

export type CaseTypeCount = { id: string; nameSv: string; nameEn: string; weight: number; count: number }

/**
 * Open cases per case type, one number field each, labelled with the type and
 * its weight. Used for a unit, for a person (manager) and for a proposal (staff).
 */
export function CaseCountsForm({
  formId,
  intent,
  types,
  submitLabel,
  lastResult,
  hidden = {},
  legend,
}: {
  formId: string
  intent: string
  types: CaseTypeCount[]
  submitLabel: string
  lastResult?: SubmissionResult<string[]> | null
  hidden?: Record<string, string>
  legend: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useSchemaForm(CaseCountsSchema, {
    id: formId,
    lastResult,
    defaultValue: { counts: types.map((c) => ({ caseTypeId: c.id, count: String(c.count) })) },
  })
  const rows = fields.counts.getFieldList()
  return (
    <Form method="post" {...getFormProps(form)} className="rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset>
        <legend className="font-semibold">{legend}</legend>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {rows.map((row, i) => {
            const item = row.getFieldset()
            const type = types[i]
            if (!type) return null
            return (
              <div key={row.key}>
                <input {...getInputProps(item.caseTypeId, { type: 'hidden' })} />
                <Field
                  label={t('workload.counts.label', { name: localName(type, locale), weight: formatNumber(type.weight, locale, 2) })}
                  errors={item.count.errors}
                  inputProps={{ ...getInputProps(item.count, { type: 'number', ariaAttributes: false }), min: 0, step: 1, required: false, inputMode: 'numeric' }}
                />
              </div>
            )
          })}
        </div>
      </fieldset>
      <Button type="submit" className="mt-4">
        {submitLabel}
      </Button>
    </Form>
  )
}
