import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { MAX_CAPACITY_MONTHS, parseCapacityShares } from '~/models/capacity'
import { CapacitySharesSchema, CaseTypeSchema, MatchingDemandSchema, MunicipalitySchema } from '~/models/case-type-schemas'
import { createCaseType, deleteCaseType, listCaseTypes, updateCaseType } from '~/models/case-types.server'
import { getPolicy } from '~/models/settings.server'
import { setRequireStaffAnswer } from '~/models/consultation.server'
import { listAreas } from '~/models/taxonomy.server'
import { updateCapacityShares, updateMatchingDemand, updateMunicipalityName } from '~/models/workload-policy.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { formatNumber } from '~/utils/format'
import { handleFormCall, invalid, readFormData } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { useSchemaForm } from '~/utils/use-schema-form'
import { Section } from '~/components/section'

export const meta: MetaFunction = () => [{ title: 'Ärendetyper och kapacitet – Avlast' }]

const NewTypeSchema = CaseTypeSchema.extend({ areaId: z.string().min(1) })
const EditTypeSchema = CaseTypeSchema.extend({ caseTypeId: z.string().min(1) })
const DeleteTypeSchema = z.object({ caseTypeId: z.string().min(1) })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'CENTRAL')
  const [areas, caseTypes, policy] = await Promise.all([listAreas(), listCaseTypes(), getPolicy()])
  const shares = parseCapacityShares(policy.capacityShares).map((s) => Math.round(s * 100))
  return json({ areas, caseTypes, shares, matchingDemand: policy.matchingDemand, municipalityName: policy.municipalityName, requireStaffAnswer: policy.requireStaffAnswer })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  const done = (message: string) => redirectWithToast('/workload', { type: 'success', message })
  switch (intent) {
    case 'create-type': {
      const key = `${intent}:${formData.get('areaId')}`
      const submission = parseWithZod(formData, { schema: NewTypeSchema })
      if (submission.status !== 'success') return invalid(key, submission)
      const { areaId, ...values } = submission.value
      const outcome = await handleFormCall(key, submission, () => createCaseType(user, areaId, values))
      return outcome.ok ? done('workload.types.created') : outcome.response
    }
    case 'update-type': {
      const key = `${intent}:${formData.get('caseTypeId')}`
      const submission = parseWithZod(formData, { schema: EditTypeSchema })
      if (submission.status !== 'success') return invalid(key, submission)
      const { caseTypeId, ...values } = submission.value
      const outcome = await handleFormCall(key, submission, () => updateCaseType(user, caseTypeId, values))
      return outcome.ok ? done('workload.types.updated') : outcome.response
    }
    case 'delete-type': {
      const key = `update-type:${formData.get('caseTypeId')}`
      const submission = parseWithZod(formData, { schema: DeleteTypeSchema })
      if (submission.status !== 'success') return invalid(key, submission)
      const outcome = await handleFormCall(key, submission, () => deleteCaseType(user, submission.value.caseTypeId), () => '')
      return outcome.ok ? done('workload.types.deleted') : outcome.response
    }
    case 'capacity-shares': {
      const submission = parseWithZod(formData, { schema: CapacitySharesSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => updateCapacityShares(user, submission.value.shares))
      return outcome.ok ? done('workload.capacity.saved') : outcome.response
    }
    case 'matching-demand': {
      const submission = parseWithZod(formData, { schema: MatchingDemandSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await updateMatchingDemand(user, submission.value.matchingDemand).catch(toResponse)
      return done('workload.demand.saved')
    }
    case 'require-staff-answer': {
      await setRequireStaffAnswer(user, formData.get('requireStaffAnswer') === 'on').catch(toResponse)
      return redirectWithToast('/workload#consultation-heading', { type: 'success', message: 'consult.policy.saved' })
    }
    case 'municipality': {
      const submission = parseWithZod(formData, { schema: MunicipalitySchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => updateMunicipalityName(user, submission.value.municipalityName))
      return outcome.ok ? done('workload.municipality.saved') : outcome.response
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function useResult(intent: string) {
  const data = useActionData<typeof action>()
  return data && 'intent' in data && data.intent === intent ? data.result : undefined
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function CaseTypeRow({ type, areaName }: { type: LoaderData['caseTypes'][number]; areaName: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const id = `update-type:${type.id}`
  const [form, fields] = useSchemaForm(EditTypeSchema, {
    id,
    lastResult: useResult(id),
    defaultValue: { caseTypeId: type.id, nameSv: type.nameSv, nameEn: type.nameEn, weight: locale === 'sv' ? String(type.weight).replace('.', ',') : String(type.weight) },
  })
  const name = localName(type, locale)
  return (
    <Form method="post" {...getFormProps(form)} className="grid items-end gap-3 border-b border-slate-200 py-3 md:grid-cols-[1fr_1fr_8rem_auto_auto]" aria-label={t('workload.types.formLabel', { name, area: areaName })}>
      <input type="hidden" name="caseTypeId" value={type.id} />
      <div className="md:col-span-5">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <Field label={t('taxonomy.nameSv')} errors={fields.nameSv.errors} inputProps={{ ...getInputProps(fields.nameSv, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameEn')} errors={fields.nameEn.errors} inputProps={{ ...getInputProps(fields.nameEn, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field
        label={t('workload.types.weight')}
        errors={fields.weight.errors}
        inputProps={{ ...getInputProps(fields.weight, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Button type="submit" name="intent" value="update-type" aria-label={t('workload.types.saveNamed', { name })}>
        {t('workload.types.save')}
      </Button>
      <Button type="submit" name="intent" value="delete-type" variant="secondary" aria-label={t('workload.types.deleteNamed', { name })}>
        {t('workload.types.delete')}
      </Button>
    </Form>
  )
}

function NewCaseTypeForm({ areaId, areaName }: { areaId: string; areaName: string }) {
  const { t } = useTranslation()
  const id = `create-type:${areaId}`
  const [form, fields] = useSchemaForm(NewTypeSchema, { id, lastResult: useResult(id), defaultValue: { areaId } })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 grid items-end gap-3 rounded-md border border-dashed border-slate-300 p-3 md:grid-cols-[1fr_1fr_8rem_auto]" aria-label={t('workload.types.newFor', { area: areaName })}>
      <input type="hidden" name="intent" value="create-type" />
      <input type="hidden" name="areaId" value={areaId} />
      <div className="md:col-span-4">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <Field label={t('taxonomy.nameSv')} errors={fields.nameSv.errors} inputProps={{ ...getInputProps(fields.nameSv, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field label={t('taxonomy.nameEn')} errors={fields.nameEn.errors} inputProps={{ ...getInputProps(fields.nameEn, { type: 'text', ariaAttributes: false }), required: false }} />
      <Field
        label={t('workload.types.weight')}
        errors={fields.weight.errors}
        inputProps={{ ...getInputProps(fields.weight, { type: 'text', ariaAttributes: false }), inputMode: 'decimal', required: false }}
      />
      <Button type="submit">{t('workload.types.add')}</Button>
    </Form>
  )
}

function CapacityForm({ shares }: { shares: number[] }) {
  const { t } = useTranslation()
  const months = Array.from({ length: MAX_CAPACITY_MONTHS }, (_, i) => (shares[i] === undefined ? '' : String(shares[i])))
  const [form, fields] = useSchemaForm(CapacitySharesSchema, { id: 'capacity-shares', lastResult: useResult('capacity-shares'), defaultValue: { shares: months } })
  const list = fields.shares.getFieldList()
  return (
    <Form method="post" {...getFormProps(form)} className="rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="capacity-shares" />
      <fieldset>
        <legend className="font-semibold">{t('workload.capacity.legend')}</legend>
        <p className="text-sm text-slate-700">{t('workload.capacity.hint')}</p>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
          {list.map((field, i) => (
            <Field
              key={field.key}
              label={t('workload.capacity.month', { month: i + 1 })}
              errors={field.errors}
              inputProps={{ ...getInputProps(field, { type: 'number', ariaAttributes: false }), min: 1, max: 100, step: 1, required: false }}
            />
          ))}
        </div>
      </fieldset>
      <Button type="submit" className="mt-4">
        {t('workload.capacity.save')}
      </Button>
    </Form>
  )
}

function MunicipalityForm({ name }: { name: string }) {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(MunicipalitySchema, { id: 'municipality', lastResult: useResult('municipality'), defaultValue: { municipalityName: name } })
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="municipality" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('workload.municipality.label')}
        hint={t('workload.municipality.hint')}
        errors={fields.municipalityName.errors}
        inputProps={{ ...getInputProps(fields.municipalityName, { type: 'text', ariaAttributes: false }), required: false }}
      />
      <Button type="submit">{t('workload.municipality.save')}</Button>
    </Form>
  )
}

export default function WorkloadPage() {
  const { areas, caseTypes, shares, matchingDemand, municipalityName, requireStaffAnswer } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">{t('workload.title')}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t('workload.intro')}</p>
      </header>

      <section aria-labelledby="types-heading" className="space-y-6">
        <h2 id="types-heading" className="text-xl font-semibold">
          {t('workload.types.heading')}
        </h2>
        {areas.map((area) => {
          const name = localName(area, locale)
          return (
            <div key={area.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{name}</h3>
              <p className="text-sm text-slate-600">{t('workload.pointsPerFte', { value: formatNumber(area.casesPerFte, locale) })}</p>
              {caseTypes
                .filter((c) => c.areaId === area.id)
                .map((c) => (
                  <CaseTypeRow key={c.id} type={c} areaName={name} />
                ))}
              <NewCaseTypeForm areaId={area.id} areaName={name} />
            </div>
          )
        })}
      </section>

      <section aria-labelledby="capacity-heading" className="space-y-3">
        <h2 id="capacity-heading" className="text-xl font-semibold">
          {t('workload.capacity.heading')}
        </h2>
        <CapacityForm shares={shares} />
      </section>

      <section aria-labelledby="municipality-heading" className="space-y-3">
        <h2 id="municipality-heading" className="text-xl font-semibold">
          {t('workload.municipality.heading')}
        </h2>
        <MunicipalityForm name={municipalityName} />
      </section>

      <section aria-labelledby="demand-heading" className="space-y-3">
        <h2 id="demand-heading" className="text-xl font-semibold">
          {t('workload.demand.heading')}
        </h2>
        <Form method="post" className="rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="matching-demand" />
          <fieldset>
            <legend className="font-semibold">{t('workload.demand.legend')}</legend>
            {(['FORECAST', 'CURRENT'] as const).map((value) => (
              <label key={value} className="mt-2 flex items-center gap-2">
                <input type="radio" name="matchingDemand" value={value} defaultChecked={matchingDemand === value} />
                {t(`workload.demand.${value}`)}
              </label>
            ))}
          </fieldset>
          <Button type="submit" className="mt-4">
            {t('workload.demand.save')}
          </Button>
        </Form>
      </section>

      <Section id="consultation" heading={t('consult.policy.heading')} className="space-y-3">
        <Form method="post" className="rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="require-staff-answer" />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="requireStaffAnswer" defaultChecked={requireStaffAnswer} aria-describedby="require-answer-hint" />
            {t('consult.policy.requireStaffAnswer')}
          </label>
          <p id="require-answer-hint" className="mt-1 text-sm text-slate-700">
            {t('consult.policy.hint')}
          </p>
          <Button type="submit" className="mt-4">
            {t('consult.policy.save')}
          </Button>
        </Form>
      </Section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
