import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useSchemaForm } from '~/utils/use-schema-form'
import { ReinforcementRequestSchema, URGENCIES } from '~/models/request-schema'
import { SkillOptions } from './skill-options'
import { Button } from './ui/button'
import { ErrorList, Field } from './ui/field'
import { SelectField, TextareaField } from './ui/select'

type SkillOption = { id: string; nameSv: string; nameEn: string; category: string }

export type RequestFormDefaults = {
  unitId: string
  fte: string
  minChunk: string
  startWeek: string
  endWeek: string
  minWeeks: string
  urgency: string
  motivation: string
  skills: { skillId: string; minLevel: string }[]
}

/** Create or edit a reinforcement request; works without JavaScript. */
export function RequestForm({
  lastResult,
  defaults,
  skills,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>
  defaults: RequestFormDefaults
  skills: SkillOption[]
  submitLabel: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ReinforcementRequestSchema, {
    id: 'request',
    lastResult,
    defaultValue: defaults,
  })
  const skillRows = fields.skills.getFieldList()
  return (
    <Form method="post" {...getFormProps(form)} className="grid max-w-3xl gap-5 rounded-lg border border-slate-200 bg-white p-6 md:grid-cols-2">
      <input {...getInputProps(fields.unitId, { type: 'hidden' })} />
      <div className="md:col-span-2">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <Field
        label={t('requestForm.fte')}
        hint={t('requestForm.fteHint')}
        errors={fields.fte.errors}
        inputProps={{ ...getInputProps(fields.fte, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Field
        label={t('requestForm.minChunk')}
        hint={t('requestForm.minChunkHint')}
        errors={fields.minChunk.errors}
        inputProps={{ ...getInputProps(fields.minChunk, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Field
        label={t('requestForm.startWeek')}
        hint={t('requestForm.weekHint')}
        errors={fields.startWeek.errors}
        inputProps={{ ...getInputProps(fields.startWeek, { type: 'week', ariaAttributes: false }), required: false }}
      />
      <Field
        label={t('requestForm.endWeek')}
        hint={t('requestForm.weekHint')}
        errors={fields.endWeek.errors}
        inputProps={{ ...getInputProps(fields.endWeek, { type: 'week', ariaAttributes: false }), required: false }}
      />
      <Field
        label={t('requestForm.minWeeks')}
        hint={t('requestForm.minWeeksHint')}
        errors={fields.minWeeks.errors}
        inputProps={{ ...getInputProps(fields.minWeeks, { type: 'text', ariaAttributes: false }), inputMode: 'numeric', required: false }}
      />
      <SelectField label={t('request.urgency')} errors={fields.urgency.errors} selectProps={{ ...getSelectProps(fields.urgency), required: false }}>
        {URGENCIES.map((u) => (
          <option key={u} value={u}>
            {t(`request.urgencies.${u}`)}
          </option>
        ))}
      </SelectField>
      <div className="md:col-span-2">
        <TextareaField
          label={t('request.motivation')}
          hint={t('requestForm.motivationHint')}
          errors={fields.motivation.errors}
          textareaProps={{ ...getTextareaProps(fields.motivation, { ariaAttributes: false }), required: false }}
        />
      </div>
      <fieldset className="md:col-span-2">
        <legend className="text-sm font-semibold text-slate-800">{t('request.skills')}</legend>
        <ErrorList id={fields.skills.errorId} errors={fields.skills.errors} />
        <ul className="mt-2 space-y-3">
          {skillRows.map((row, index) => {
            const rowFields = row.getFieldset()
            return (
              <li key={row.key} className="grid items-end gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[1fr_10rem_auto]">
                <SelectField
                  label={t('requestForm.skillN', { n: index + 1 })}
                  errors={rowFields.skillId.errors}
                  selectProps={{ ...getSelectProps(rowFields.skillId), required: false }}
                >
                  <SkillOptions skills={skills} />
                </SelectField>
                <SelectField
                  label={t('requestForm.minLevelN', { n: index + 1 })}
                  errors={rowFields.minLevel.errors}
                  selectProps={{ ...getSelectProps(rowFields.minLevel), required: false }}
                >
                  {[1, 2, 3, 4].map((level) => (
                    <option key={level} value={level}>
                      {level} – {t(`skill.levels.${level}`)}
                    </option>
                  ))}
                </SelectField>
                {skillRows.length > 1 ? (
                  <Button variant="secondary" {...form.remove.getButtonProps({ name: fields.skills.name, index })}>
                    {t('requestForm.removeSkill', { n: index + 1 })}
                  </Button>
                ) : null}
              </li>
            )
          })}
        </ul>
        <Button variant="secondary" className="mt-3" {...form.insert.getButtonProps({ name: fields.skills.name, defaultValue: { skillId: '', minLevel: '2' } })}>
          {t('requestForm.addSkill')}
        </Button>
      </fieldset>
      <div className="md:col-span-2">
        <Button type="submit" disabled={navigation.state === 'submitting'}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  )
}
