import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useSchemaForm } from '~/utils/use-schema-form'
import { z } from 'zod'
import { LoadChart } from '~/components/charts/load-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { RequestCard } from '~/components/request-card'
import { SkillMatrixTable } from '~/components/skill-matrix'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { listLoans } from '~/models/loans.server'
import { OpenCasesSchema } from '~/models/profile-schemas'
import { cancelReinforcementRequest, listRequests } from '~/models/requests.server'
import { getSkillMatrix, verifyStaffSkill } from '~/models/skills.server'
import { getUnitLoadHistory, getUnitOverview, setUnitOpenCases } from '~/models/units.server'
import { requireUnitManager, requireUnitViewer, toResponse } from '~/utils/auth.server'
import { formatDate, formatFte10, formatNumber, formatWeek } from '~/utils/format'
import { assertSameOrigin } from '~/utils/csrf.server'
import { handleFormCall, invalid, readFormData, idParam } from '~/utils/forms.server'
import { managesUnit } from '~/utils/permissions'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { scrollRegion } from '~/utils/scroll-region'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? 'Enhet'} – Avlast` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitViewer(request, unitId)
  const [unit, history, matrix, requests, loans] = await Promise.all([
    getUnitOverview(user, unitId),
    getUnitLoadHistory(user, unitId, 12),
    getSkillMatrix(user, unitId),
    listRequests(user, { unitId }),
    listLoans(user, { unitId, status: ['PROPOSED', 'APPROVED', 'ACTIVE'] }),
  ]).catch(toResponse)
  return json({
    unit,
    history,
    matrix,
    requests: requests.filter((r) => r.status === 'OPEN' || r.status === 'FILLED'),
    lentOut: loans.filter((l) => l.staff.unitId === unitId),
    canManage: managesUnit(user, unitId),
  })
}

const VerifySchema = z.object({ staffSkillId: z.string().min(1) })
const CancelSchema = z.object({ requestId: z.string().min(1) })

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitManager(request, unitId)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  switch (intent) {
    case 'open-cases': {
      const submission = parseWithZod(formData, { schema: OpenCasesSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => setUnitOpenCases(user, unitId, submission.value.openCases))
      if (!outcome.ok) return outcome.response
      return redirectWithToast(`/units/${unitId}`, { type: 'success', message: 'unit.openCasesSaved' })
    }
    case 'verify-skill': {
      const submission = parseWithZod(formData, { schema: VerifySchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await verifyStaffSkill(user, submission.value.staffSkillId).catch(toResponse)
      return redirectWithToast(`/units/${unitId}#matrix-heading`, { type: 'success', message: 'unit.skillVerified' })
    }
    case 'cancel-request': {
      const submission = parseWithZod(formData, { schema: CancelSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => cancelReinforcementRequest(user, submission.value.requestId))
      if (!outcome.ok) return outcome.response
      return redirectWithToast(`/units/${unitId}`, { type: 'success', message: 'requests.cancelled' })
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function OpenCasesForm({ openCases }: { openCases: number }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(OpenCasesSchema, {
    id: 'open-cases',
    lastResult: data && 'intent' in data && data.intent === 'open-cases' ? data.result : undefined,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="open-cases" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('unit.openCasesNow')}
        hint={t('unit.openCasesHint')}
        errors={fields.openCases.errors}
        inputProps={{ ...getInputProps(fields.openCases, { type: 'number', ariaAttributes: false }), defaultValue: openCases, min: 0, step: 1, required: false }}
      />
      <Button type="submit">{t('unit.saveOpenCases')}</Button>
    </Form>
  )
}

export default function UnitPage() {
  const { unit, history, matrix, requests, lentOut, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const navigation = useNavigation()
  return (
    <div className="space-y-10">
      <header>
        <p className="text-sm text-slate-600">{localName(unit.area, locale)}</p>
        <h1 className="text-2xl font-bold">{unit.name}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.openCases')}</dt>
            <dd className="text-2xl font-bold">{unit.openCases}</dd>
            <dd className="text-xs text-slate-600">{t('unit.updated', { date: formatDate(unit.openCasesUpdatedAt, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.casesPerFte')}</dt>
            <dd>{t('unit.casesPerFteValue', { value: formatNumber(unit.casesPerFte, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.staffFte')}</dt>
            <dd>{t('format.fte', { value: formatNumber(unit.staffFte, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.load')}</dt>
            <dd>
              <LoadBadge load={unit.load} />
            </dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="caseload-heading" className="space-y-4">
        <h2 id="caseload-heading" className="text-xl font-semibold">
          {t('unit.caseloadHeading')}
        </h2>
        {canManage ? <OpenCasesForm openCases={unit.openCases} /> : null}
        <LoadChart
          title={t('unit.loadChartTitle')}
          points={history.map((h) => ({ label: t('format.week', { week: formatWeek(h.weekStart) }), load: h.load }))}
        />
      </section>

      <section aria-labelledby="requests-heading">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="requests-heading" className="text-xl font-semibold">
            {t('unit.requests')}
          </h2>
          {canManage ? (
            <Link to={`/units/${unit.id}/requests/new`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
              {t('requests.new')}
            </Link>
          ) : null}
        </div>
        {requests.length === 0 ? (
          <p className="mt-2">{t('unit.noRequests')}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {requests.map((r) => (
              <li key={r.id}>
                <RequestCard request={r}>
                  {canManage && (r.status === 'OPEN' || r.status === 'FILLED') ? (
                    <div className="mt-3 flex flex-wrap gap-4">
                      {r.status === 'OPEN' ? (
                        <Link to={`/requests/${r.id}/edit`} className="text-brand-700 underline">
                          {t('requests.edit')}
                        </Link>
                      ) : null}
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel-request" />
                        <input type="hidden" name="requestId" value={r.id} />
                        <Button type="submit" variant="link" disabled={navigation.state !== 'idle'}>
                          {t('requests.cancel')}
                        </Button>
                      </Form>
                    </div>
                  ) : null}
                </RequestCard>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lent-heading">
        <h2 id="lent-heading" className="text-xl font-semibold">
          {t('unit.lentOut')}
        </h2>
        {lentOut.length === 0 ? (
          <p className="mt-2">{t('unit.noLentOut')}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {lentOut.map((l) => (
              <li key={l.id}>
                <strong>
                  {l.staff.firstName} {l.staff.lastName}
                </strong>{' '}
                → {l.request.unit.name}: {t('format.fte', { value: formatFte10(l.fte10, locale) })},{' '}
                {t('format.weeks', { start: formatWeek(l.startWeek), end: formatWeek(l.endWeek) })} ({t(`loan.statuses.${l.status}`)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {t('unit.staff')}
        </h2>
        {unit.staff.length === 0 ? (
          <p className="mt-2">{t('unit.noStaff')}</p>
        ) : (
          <div {...scrollRegion(t('unit.staff'))} className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t('unit.staff')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">{t('staff.name')}</th>
                  <th scope="col" className="p-2">{t('staff.title')}</th>
                  <th scope="col" className="p-2">{t('staff.fte')}</th>
                  <th scope="col" className="p-2">{t('staff.caseload')}</th>
                  <th scope="col" className="p-2">{t('staff.personalLoad')}</th>
                  <th scope="col" className="p-2">{t('staff.lendable')}</th>
                </tr>
              </thead>
              <tbody>
                {unit.staff.map((s) => (
                  <tr key={s.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-medium">
                      {s.firstName} {s.lastName}
                      {s.away ? <span className="ml-2 text-xs text-slate-600">({t('staff.awayThisWeek')})</span> : null}
                    </th>
                    <td className="p-2">{s.title}</td>
                    <td className="p-2">{formatFte10(s.fte10, locale)}</td>
                    <td className="p-2">{s.caseload}</td>
                    <td className="p-2">
                      <LoadBadge load={s.personalLoad} />
                    </td>
                    <td className="p-2">{s.newcomer ? t('staff.newcomer') : s.lendingConsent ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading" className="text-xl font-semibold">
          {t('unit.matrix')}
        </h2>
        <SkillMatrixTable matrix={matrix} canVerify={canManage} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
