import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RequestForm } from '~/components/request-form'
import { getRequestForEdit, ReinforcementRequestSchema, updateReinforcementRequest } from '~/models/requests.server'
import { listSkills } from '~/models/skills.server'
import { requireUser, toResponse } from '~/utils/auth.server'
import { assertSameOrigin } from '~/utils/csrf.server'
import { formatFte10 } from '~/utils/format'
import { handleFormCall, readFormData, idParam } from '~/utils/forms.server'
import { getLocale } from '~/utils/locale.server'
import { redirectWithToast } from '~/utils/toast.server'
import { isoWeekId } from '~/utils/weeks'

export const meta: MetaFunction = () => [{ title: 'Ändra förstärkningsbehov – Avlast' }]

// In the user's own number format ("0,5" / "0.5"); the form accepts either.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [req, skills, locale] = await Promise.all([
    getRequestForEdit(user, idParam(params, 'requestId')).catch(toResponse),
    listSkills(),
    getLocale(request, user.locale),
  ])
  return json({
    request: { id: req.id, unit: req.unit, status: req.status },
    skills,
    defaults: {
      unitId: req.unitId,
      fte: formatFte10(req.fte10, locale),
      minChunk: formatFte10(req.minChunk10, locale),
      minWeeks: req.minWeeks === null ? '' : String(req.minWeeks),
      startWeek: isoWeekId(req.startWeek),
      endWeek: isoWeekId(req.endWeek),
      urgency: req.urgency,
      motivation: req.motivation,
      skills: req.skills.map((s) => ({ skillId: s.skillId, minLevel: String(s.minLevel) })),
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireUser(request)
  const id = idParam(params, 'requestId')
  const existing = await getRequestForEdit(user, id).catch(toResponse)
  const formData = await readFormData(request)
  formData.set('unitId', existing.unitId)
  const submission = parseWithZod(formData, { schema: ReinforcementRequestSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
  const outcome = await handleFormCall('update', submission, () => updateReinforcementRequest(user, id, submission.value))
  if (!outcome.ok) return outcome.response
  return redirectWithToast(`/units/${existing.unitId}`, { type: 'success', message: 'requestForm.updated' })
}

export default function EditRequestPage() {
  const { request, skills, defaults } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/units/${request.unit.id}`} className="text-brand-700 underline">
          ← {request.unit.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('requestForm.editTitle')}</h1>
      <p className="max-w-3xl text-slate-700">{t('requestForm.editIntro')}</p>
      <RequestForm lastResult={data?.result} defaults={defaults} skills={skills} submitLabel={t('requestForm.save')} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
