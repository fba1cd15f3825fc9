import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LoadChart } from '~/components/charts/load-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { RequestCard } from '~/components/request-card'
import { SkillMatrixTable } from '~/components/skill-matrix'
import { Button } from '~/components/ui/button'
import { ForecastChart } from '~/components/charts/forecast-chart'
import { CaseCountsForm } from '~/components/workload/case-counts-form'
import { CaseloadCell, CapacityNote, FiguresUpdated } from '~/components/workload/figures'
import { CaseCountsSchema } from '~/models/case-type-schemas'
import { decideCaseloadProposal, setStaffCaseCounts, setUnitCaseCounts } from '~/models/case-types.server'
import { listLoans } from '~/models/loans.server'
import { getUnitForecast } from '~/models/unit-forecast.server'
import { cancelReinforcementRequest, listRequests } from '~/models/requests.server'
import { getSkillMatrix, verifyStaffSkill } from '~/models/skills.server'
import { getUnitLoadHistory, getUnitOverview } from '~/models/units.server'
import { requireUnitManager, requireUnitViewer, toResponse } from '~/utils/auth.server'
import { formatFte10, formatNumber, formatPercent, formatWeek } from '~/utils/format'
import { assertSameOrigin } from '~/utils/csrf.server'
import { handleFormCall, invalid, readFormData, idParam } from '~/utils/forms.server'
import { managesUnit } from '~/utils/permissions'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { scrollRegion } from '~/utils/scroll-region'

import { ProposalCard } from '~/components/proposal-card'
import { answerProposal, listProposalsFor } from '~/models/consultation.server'
import { AnswerSchema } from '~/models/consultation-schemas'
import { DomainError } from '~/utils/errors'
import { Section } from '~/components/section'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? 'Enhet'} – Avlast` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitViewer(request, unitId)
  const [unit, history, forecast, matrix, requests, loans] = await Promise.all([
    getUnitOverview(user, unitId),
    getUnitLoadHistory(user, unitId, 12),
    getUnitForecast(user, unitId, 8),
    getSkillMatrix(user, unitId),
    listRequests(user, { unitId, status: ['OPEN', 'FILLED'] }),
    listLoans(user, { unitId, status: ['PROPOSED', 'APPROVED', 'ACTIVE'] }),
  ]).catch(toResponse)
  // The lending manager answers the proposals that would lend the unit's staff.
  const proposals = managesUnit(user, unitId) ? await listProposalsFor(user, { unitId }) : []
  return json({
    unit,
    history,
    forecast,
    matrix,
    requests,
    lentOut: loans.filter((l) => l.staff.unitId === unitId),
    canManage: managesUnit(user, unitId),
    proposals,
  })
}

const VerifySchema = z.object({ staffSkillId: z.string().min(1) })
const CancelSchema = z.object({ requestId: z.string().min(1) })
const StaffCountsSchema = CaseCountsSchema.extend({ staffId: z.string().min(1) })
const ProposalSchema = z.object({ staffId: z.string().min(1), decision: z.enum(['accept', 'decline']) })

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const unitId = idParam(params, 'unitId')
  const user = await requireUnitManager(request, unitId)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  switch (intent) {
    case 'case-counts': {
      const submission = parseWithZod(formData, { schema: CaseCountsSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => setUnitCaseCounts(user, unitId, submission.value.counts))
      if (!outcome.ok) return outcome.response
      return redirectWithToast(`/units/${unitId}`, { type: 'success', message: 'unit.openCasesSaved' })
    }
    case 'staff-counts': {
      const submission = parseWithZod(formData, { schema: StaffCountsSchema })
      const key = `${intent}:${formData.get('staffId')}`
      if (submission.status !== 'success') return invalid(key, submission)
      const outcome = await handleFormCall(key, submission, () => setStaffCaseCounts(user, submission.value.staffId, submission.value.counts))
      if (!outcome.ok) return outcome.response
      return redirectWithToast(`/units/${unitId}#staff-heading`, { type: 'success', message: 'workload.caseload.saved' })
    }
    case 'decide-proposal': {
      const submission = parseWithZod(formData, { schema: ProposalSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await decideCaseloadProposal(user, submission.value.staffId, submission.value.decision === 'accept').catch(toResponse)
      const message = submission.value.decision === 'accept' ? 'workload.caseload.proposalAccepted' : 'workload.caseload.proposalDeclined'
      return redirectWithToast(`/units/${unitId}#staff-heading`, { type: 'success', message })
    }
    case 'verify-skill': {
      const submission = parseWithZod(formData, { schema: VerifySchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await verifyStaffSkill(user, submission.value.staffSkillId).catch(toResponse)
      return redirectWithToast(`/units/${unitId}#matrix-heading`, { type: 'success', message: 'unit.skillVerified' })
    }
    case 'answer': {
      const back = `/units/${unitId}#unit-proposals-heading`
      const submission = parseWithZod(formData, { schema: AnswerSchema })
      if (submission.status !== 'success') return redirectWithToast(back, { type: 'error', message: 'consult.errors.answer' })
      try {
        await answerProposal(user, submission.value.loanId, submission.value)
      } catch (error) {
        if (error instanceof DomainError && error.code === 'CONFLICT') return redirectWithToast(back, { type: 'error', message: error.message })
        return toResponse(error)
      }
      return redirectWithToast(back, { type: 'success', message: 'consult.proposals.sent' })
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

function useResult(intent: string) {
  const data = useActionData<typeof action>()
  return data && 'intent' in data && data.intent === intent ? data.result : undefined
}

type Overview = ReturnType<typeof useLoaderData<typeof loader>>['unit']

/** The manager keeps each person's own cases per case type, and decides on corrections they proposed. */
function StaffCaseloads({ staff, caseTypes }: { staff: Overview['staff']; caseTypes: Overview['caseTypes'] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useActionData<typeof action>()
  const name = (id: string) => caseTypes.find((c) => c.id === id)
  return (
    <div className="mt-6 space-y-3">
      <h3 className="text-lg font-semibold">{t('workload.caseload.heading')}</h3>
      <p className="max-w-3xl text-sm text-slate-700">{t('workload.caseload.intro')}</p>
      {staff.map((s) => {
        const intent = `staff-counts:${s.id}`
        const result = data && 'intent' in data && data.intent === intent ? data.result : undefined
        const person = `${s.firstName} ${s.lastName}`
        return (
          <div key={s.id} className="rounded-md border border-slate-200 bg-white p-3">
            {s.proposal ? (
              <div className="mb-3 rounded-md bg-amber-50 p-3" role="group" aria-label={t('workload.caseload.proposalFrom', { name: person })}>
                <p className="font-medium">{t('workload.caseload.proposalFrom', { name: person })}</p>
                <p className="text-sm">
                  {s.proposal.counts.map((c) => `${name(c.caseTypeId) ? localName(name(c.caseTypeId)!, locale) : '?'}: ${c.count}`).join(', ')}
                </p>
                <Form method="post" className="mt-2 flex gap-3">
                  <input type="hidden" name="intent" value="decide-proposal" />
                  <input type="hidden" name="staffId" value={s.id} />
                  <Button type="submit" name="decision" value="accept">
                    {t('workload.caseload.accept', { name: person })}
                  </Button>
                  <Button type="submit" name="decision" value="decline" variant="secondary">
                    {t('workload.caseload.decline', { name: person })}
                  </Button>
                </Form>
              </div>
            ) : null}
            <details open={!!result}>
              <summary className="cursor-pointer text-brand-700 underline">{t('workload.caseload.edit', { name: person })}</summary>
              <div className="mt-2">
                <CaseCountsForm
                  formId={intent}
                  intent="staff-counts"
                  hidden={{ staffId: s.id }}
                  legend={t('workload.caseload.legend', { name: person })}
                  submitLabel={t('workload.caseload.save')}
                  types={caseTypes.map((c) => ({ ...c, count: s.counts.find((x) => x.caseTypeId === c.id)?.count ?? 0 }))}
                  lastResult={result}
                />
              </div>
            </details>
          </div>
        )
      })}
    </div>
  )
}

export default function UnitPage() {
  const { unit, history, forecast, matrix, requests, lentOut, canManage, proposals } = useLoaderData<typeof loader>()
  const countsResult = useResult('case-counts')
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
            <dd className="text-2xl font-bold">{t('workload.casesAndPoints', { cases: formatNumber(unit.openCases, locale, 0), points: formatNumber(unit.casePoints, locale) })}</dd>
            <dd className="text-xs text-slate-600">
              <FiguresUpdated at={unit.openCasesUpdatedAt} stale={unit.stale} />
            </dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.casesPerFte')}</dt>
            <dd>{t('workload.pointsPerFte', { value: formatNumber(unit.casesPerFte, locale) })}</dd>
            <dd className="text-xs text-slate-600">{t('workload.reasonablePoints', { points: formatNumber(unit.reasonablePoints, locale) })}</dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{t('unit.staffFte')}</dt>
            <dd>{t('format.fte', { value: formatNumber(unit.capacityFte, locale) })}</dd>
            <dd className="text-xs text-slate-600">
              <CapacityNote staffFte={unit.staffFte} capacityFte={unit.capacityFte} reducedStaff={unit.reducedStaff} />
            </dd>
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
        {canManage ? (
          <CaseCountsForm
            formId="case-counts"
            intent="case-counts"
            legend={t('workload.counts.unitLegend')}
            submitLabel={t('unit.saveOpenCases')}
            types={unit.caseTypes}
            lastResult={countsResult}
          />
        ) : null}
        <LoadChart
          title={t('unit.loadChartTitle')}
          points={history.map((h) => ({ label: t('format.week', { week: formatWeek(h.weekStart) }) + (h.carriedForward ? ` (${t('workload.carried')})` : ''), load: h.load }))}
        />
        <ForecastChart
          title={t('workload.forecast.title')}
          history={history.map((h) => ({ label: formatWeek(h.weekStart), points: h.points, carried: h.carriedForward }))}
          forecast={forecast.map((f) => ({ label: formatWeek(f.week), points: f.points, low: f.low, high: f.high }))}
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

      {proposals.length > 0 ? (
        <Section id="unit-proposals" heading={t('consult.proposals.unitHeading')} intro={t('consult.proposals.intro')} className="space-y-3">
          {proposals.map((p) => (
            <ProposalCard key={p.id} proposal={p} />
          ))}
        </Section>
      ) : null}

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
                  <th scope="col" className="p-2">{t('workload.capacity.column')}</th>
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
                    <td className="p-2">{s.capacityShare < 1 ? t('workload.capacity.reduced', { share: formatPercent(s.capacityShare, locale) }) : formatPercent(1, locale)}</td>
                    <td className="p-2">
                      <CaseloadCell cases={s.caseload} points={s.caseloadPoints} updatedAt={s.caseloadUpdatedAt} old={s.caseloadOld} />
                    </td>
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
        {canManage && unit.staff.length > 0 ? <StaffCaseloads staff={unit.staff} caseTypes={unit.caseTypes} /> : null}
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
