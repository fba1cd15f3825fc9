import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RequestForm } from '~/components/request-form'
import { createReinforcementRequest, ReinforcementRequestSchema } from '~/models/requests.server'
import { listSkills } from '~/models/skills.server'
import { getUnitOverview } from '~/models/units.server'
import { requireUnitManager, toResponse } from '~/utils/auth.server'
import { assertSameOrigin } from '~/utils/csrf.server'
import { formatFte10 } from '~/utils/format'
import { handleFormCall, readFormData, idParam } from '~/utils/forms.server'
import { getLocale } from '~/utils/locale.server'
import { redirectWithToast } from '~/utils/toast.server'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'

export const meta: MetaFunction = () => [{ title: 'Nytt förstärkningsbehov – Avlast' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitManager(request, unitId)
  const [unit, skills, locale] = await Promise.all([getUnitOverview(user, unitId).catch(toResponse), listSkills(), getLocale(request, user.locale)])
  const next = addWeeks(weekStart(today()), 1)
  return json({
    unit: { id: unit.id, name: unit.name },
    skills,
    defaults: {
      unitId,
      fte: formatFte10(10, locale),
      minChunk: formatFte10(2, locale),
      minWeeks: '',
      startWeek: isoWeekId(next),
      endWeek: isoWeekId(addWeeks(next, 5)),
      urgency: 'NORMAL',
      motivation: '',
      skills: [{ skillId: '', minLevel: '2' }],
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitManager(request, unitId)
  const formData = await readFormData(request)
  formData.set('unitId', unitId)
  const submission = parseWithZod(formData, { schema: ReinforcementRequestSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
  const outcome = await handleFormCall('create', submission, () => createReinforcementRequest(user, submission.value))
  if (!outcome.ok) return outcome.response
  return redirectWithToast(`/units/${unitId}`, { type: 'success', message: 'requestForm.created' })
}

export default function NewRequestPage() {
  const { unit, skills, defaults } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/units/${unit.id}`} className="text-brand-700 underline">
          ← {unit.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('requests.new')}</h1>
      <p className="max-w-3xl text-slate-700">{t('requestForm.intro')}</p>
      <RequestForm lastResult={data?.result} defaults={defaults} skills={skills} submitLabel={t('requestForm.create')} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
