import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useSchemaForm } from '~/utils/use-schema-form'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { SelectField } from '~/components/ui/select'
import { getPolicy } from '~/models/settings.server'
import { listSkills } from '~/models/skills.server'
import { AreaSchema, NewAreaSchema, PolicySchema, SKILL_CATEGORIES, SkillSchema } from '~/models/taxonomy-schemas'
import { createArea, createSkill, listAreas, updateArea, updatePolicy, updateSkill } from '~/models/taxonomy.server'
import { requireRole } from '~/utils/auth.server'
import { formatNumber } from '~/utils/format'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'

export const meta: MetaFunction = () => [{ title: 'Kompetenser och policy – Avlast' }]

const AreaFormSchema = AreaSchema.extend({ areaId: z.string().min(1) })
const SkillEditSchema = SkillSchema.extend({ skillId: z.string().min(1) })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'CENTRAL')
  const [skills, areas, policy] = await Promise.all([listSkills({ includeInactive: true }), listAreas(), getPolicy()])
  return json({ skills, areas, policy })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  const done = (message: string) => redirectWithToast('/taxonomy', { type: 'success', message })
  switch (intent) {
    case 'create-skill': {
      const submission = parseWithZod(formData, { schema: SkillSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => createSkill(user, submission.value))
      return outcome.ok ? done('taxonomy.skillCreated') : outcome.response
    }
    case 'update-skill': {
      const submission = parseWithZod(formData, { schema: SkillEditSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const { skillId, ...values } = submission.value
      const outcome = await handleFormCall(intent, submission, () => updateSkill(user, skillId, values))
      return outcome.ok ? done('taxonomy.skillUpdated') : outcome.response
    }
    case 'update-area': {
      const submission = parseWithZod(formData, { schema: AreaFormSchema })
      if (submission.status !== 'success') return invalid(`${intent}:${formData.get('areaId')}`, submission)
      const { areaId, ...values } = submission.value
      const outcome = await handleFormCall(`${intent}:${areaId}`, submission, () => updateArea(user, areaId, values))
      return outcome.ok ? done('taxonomy.areaUpdated') : outcome.response
    }
    case 'create-area': {
      const submission = parseWithZod(formData, { schema: NewAreaSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => createArea(user, submission.value))
      return outcome.ok ? done('taxonomy.areaCreated') : outcome.response
    }
    case 'policy': {
      const submission = parseWithZod(formData, { schema: PolicySchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => updatePolicy(user, submission.value))
      return outcome.ok ? done('taxonomy.policyUpdated') : outcome.response
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function useResult(intent: string) {
  const data = useActionData<typeof action>()
  return data && 'intent' in data && data.intent === intent ? data.result : undefined
}

function NewSkillForm() {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(SkillSchema, {
    id: 'create-skill',
    lastResult: useResult('create-skill'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
      <input type="hidden" name="intent" value="create-skill" />
      <h3 className="font-semibold md:col-span-4">{t('taxonomy.newSkill')}</h3>
      <div className="md:col-span-4">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <Field label={t('taxonomy.key')} hint={t('taxonomy.keyHint')} errors={fields.key.errors} inputProps={{ ...getInputProps(fields.key, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameSv')} errors={fields.nameSv.errors} inputProps={{ ...getInputProps(fields.nameSv, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameEn')} errors={fields.nameEn.errors} inputProps={{ ...getInputProps(fields.nameEn, { type: 'text', ariaAttributes: false }), required: false }} />
      <SelectField label={t('taxonomy.category')} errors={fields.category.errors} selectProps={{ ...getSelectProps(fields.category), required: false }}>
        <option value="">{t('taxonomy.chooseCategory')}</option>
        {SKILL_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`skill.categories.${c}`)}
          </option>
        ))}
      </SelectField>
      <input type="hidden" name="active" value="true" />
      <div className="md:col-span-4">
        <Button type="submit">{t('taxonomy.createSkill')}</Button>
      </div>
    </Form>
  )
}

function NewAreaForm() {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(NewAreaSchema, { id: 'create-area', lastResult: useResult('create-area') })
  return (
    <Form method="post" {...getFormProps(form)} className="grid items-end gap-3 rounded-lg border border-dashed border-slate-300 bg-white p-4 md:grid-cols-[10rem_1fr_1fr_12rem_auto]">
      <input type="hidden" name="intent" value="create-area" />
      <h3 className="font-semibold md:col-span-5">{t('taxonomy.newArea')}</h3>
      <div className="md:col-span-5">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <Field label={t('taxonomy.key')} errors={fields.key.errors} inputProps={{ ...getInputProps(fields.key, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameSv')} errors={fields.nameSv.errors} inputProps={{ ...getInputProps(fields.nameSv, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameEn')} errors={fields.nameEn.errors} inputProps={{ ...getInputProps(fields.nameEn, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field
        label={t('unit.casesPerFte')}
        errors={fields.casesPerFte.errors}
        inputProps={{ ...getInputProps(fields.casesPerFte, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Button type="submit" variant="secondary">
        {t('taxonomy.createArea')}
      </Button>
    </Form>
  )
}

function AreaRow({ area }: { area: ReturnType<typeof useLoaderData<typeof loader>>['areas'][number] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useSchemaForm(AreaFormSchema, {
    id: `area-${area.id}`,
    lastResult: useResult(`update-area:${area.id}`),
    defaultValue: { areaId: area.id, nameSv: area.nameSv, nameEn: area.nameEn, casesPerFte: String(area.casesPerFte) },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[1fr_1fr_12rem_auto]" aria-label={localName(area, locale)}>
      <input type="hidden" name="intent" value="update-area" />
      <input {...getInputProps(fields.areaId, { type: 'hidden' })} />
      <Field label={t('taxonomy.nameSv')} errors={fields.nameSv.errors} inputProps={{ ...getInputProps(fields.nameSv, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameEn')} errors={fields.nameEn.errors} inputProps={{ ...getInputProps(fields.nameEn, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field
        label={t('taxonomy.casesPerFteFor', { area: localName(area, locale) })}
        errors={fields.casesPerFte.errors}
        inputProps={{ ...getInputProps(fields.casesPerFte, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Button type="submit" variant="secondary">
        {t('taxonomy.saveArea', { area: localName(area, locale) })}
      </Button>
      <p className="text-sm text-slate-600 md:col-span-4">{t('taxonomy.unitsInArea', { count: area._count.units })}</p>
    </Form>
  )
}

function PolicyForm({ policy }: { policy: ReturnType<typeof useLoaderData<typeof loader>>['policy'] }) {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(PolicySchema, {
    id: 'policy',
    lastResult: useResult('policy'),
    defaultValue: Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, String(v)])),
  })
  const numeric = (name: keyof typeof fields, label: string, hint: string) => (
    <Field
      label={label}
      hint={hint}
      errors={fields[name].errors}
      inputProps={{ ...getInputProps(fields[name], { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
    />
  )
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
      <input type="hidden" name="intent" value="policy" />
      <div className="md:col-span-2">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      {numeric('introductionMonths', t('policy.introductionMonths'), t('policy.introductionMonthsHint'))}
      {numeric('recoveryMaxWeeks', t('policy.recoveryMaxWeeks'), t('policy.recoveryMaxWeeksHint'))}
      {numeric('recoveryWindowWeeks', t('policy.recoveryWindowWeeks'), t('policy.recoveryWindowWeeksHint'))}
      {numeric('horizonWeeks', t('policy.horizonWeeks'), t('policy.horizonWeeksHint'))}
      {numeric('staffMaxLoad', t('policy.staffMaxLoad'), t('policy.staffMaxLoadHint'))}
      {numeric('donorMaxLoad', t('policy.donorMaxLoad'), t('policy.donorMaxLoadHint'))}
      {numeric('maxConcurrentLoans', t('policy.maxConcurrentLoans'), t('policy.maxConcurrentLoansHint'))}
      <div className="md:col-span-2">
        <Button type="submit">{t('policy.save')}</Button>
      </div>
    </Form>
  )
}

export default function TaxonomyPage() {
  const { skills, areas, policy } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">{t('taxonomy.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('taxonomy.intro')}</p>
      </header>

      <section aria-labelledby="policy-heading" className="space-y-3">
        <h2 id="policy-heading" className="text-xl font-semibold">
          {t('policy.title')}
        </h2>
        <p className="max-w-3xl text-slate-700">{t('policy.intro')}</p>
        <PolicyForm policy={policy} />
      </section>

      <section aria-labelledby="areas-heading" className="space-y-3">
        <h2 id="areas-heading" className="text-xl font-semibold">
          {t('taxonomy.areas')}
        </h2>
        {areas.map((area) => (
          <AreaRow key={area.id} area={area} />
        ))}
        <NewAreaForm />
      </section>

      <section aria-labelledby="skills-heading">
        <h2 id="skills-heading" className="text-xl font-semibold">
          {t('taxonomy.skills')}
        </h2>
        <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">{t('taxonomy.skills')}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">{t('taxonomy.nameSv')}</th>
              <th scope="col" className="p-2">{t('taxonomy.nameEn')}</th>
              <th scope="col" className="p-2">{t('taxonomy.key')}</th>
              <th scope="col" className="p-2">{t('taxonomy.category')}</th>
              <th scope="col" className="p-2">{t('taxonomy.status')}</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => (
              <tr key={s.id} className="border-b border-slate-200">
                <th scope="row" className="p-2 font-medium">{s.nameSv}</th>
                <td className="p-2">{s.nameEn}</td>
                <td className="p-2 font-mono text-xs">{s.key}</td>
                <td className="p-2">{t(`skill.categories.${s.category}`)}</td>
                <td className="p-2">
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="update-skill" />
                    <input type="hidden" name="skillId" value={s.id} />
                    <input type="hidden" name="key" value={s.key} />
                    <input type="hidden" name="nameSv" value={s.nameSv} />
                    <input type="hidden" name="nameEn" value={s.nameEn} />
                    <input type="hidden" name="category" value={s.category} />
                    <input type="hidden" name="active" value={s.active ? 'false' : 'true'} />
                    <span>{s.active ? t('taxonomy.active') : t('taxonomy.inactive')}</span>
                    <Button type="submit" variant="link">
                      {s.active ? t('taxonomy.deactivate', { name: localName(s, locale) }) : t('taxonomy.activate', { name: localName(s, locale) })}
                    </Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <NewSkillForm />
        <p className="mt-2 text-sm text-slate-600">{t('taxonomy.skillCount', { count: skills.length, value: formatNumber(skills.length, locale) })}</p>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
