import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { LoanExplanationView } from '~/components/loan-explanation'
import { LoanTermsFields } from '~/components/loan-actions'
import { Button } from '~/components/ui/button'
import { answersByLoan } from '~/models/consultation.server'
import { ApproveChangedSchema } from '~/models/consultation-schemas'
import { approveLoan, decideLoans, rejectLoan } from '~/models/loan-lifecycle.server'
import { termsFromForm } from '~/models/loan-terms-form.server'
import { listVolunteers } from '~/models/volunteers.server'
import { MATCHING_TIMES_MS } from '~/models/matching-options'
import { describeGaps, listRejectedRequests, listSuggestions, qualityOf, runMatching, unitNames, type RunSummary, type StoredExplanation } from '~/models/matching.server'
import { matchingInProgress } from '~/models/matching-lock.server'
import { recoveryRule } from '~/models/lendability'
import { getPolicy } from '~/models/settings.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { ConflictError, DomainError } from '~/utils/errors'
import { formatDateTime, formatFte10, formatNumber, formatPercent, formatWeek } from '~/utils/format'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { readFormData } from '~/utils/forms.server'
import { Section } from '~/components/section'

export const meta: MetaFunction = () => [{ title: 'Matchning – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const url = new URL(request.url)
  const page = Number(url.searchParams.get('page') ?? '1') || 1
  // One explanation at a time is shown in full; the rest are a click away.
  const why = url.searchParams.get('why')
  const [{ run, suggestions, total, pages, page: current }, policy, inProgress, rejected] = await Promise.all([listSuggestions(user, page), getPolicy(), matchingInProgress(), listRejectedRequests(user)])
  const full = (run?.summary ?? null) as RunSummary | null
  const gaps = await describeGaps(user, full)
  // Only what the page shows: the thirty most pressured units, without their weeks.
  const impacts = (full?.impacts ?? [])
    .slice()
    .sort((a, b) => (b.peakLoadBefore ?? 0) - (a.peakLoadBefore ?? 0))
    .slice(0, 30)
    .map(({ weeks: _weeks, ...rest }) => rest)
  const summary = full ? { ...full, impacts, gaps: [] } : null
  const names = await unitNames(impacts.map((i) => i.unitId))
  const list = suggestions.map(({ explanation, ...rest }) => ({ ...rest, explanation: rest.id === why ? explanation : null }))
  // Consultation: the answers to these suggestions and who offered to help, before central decides.
  const [answers, volunteers] = await Promise.all([answersByLoan(user, list.map((s) => s.id)), listVolunteers(user)])
  return json({ run: run ? { ...run, summary: null } : null, summary, names, suggestions: list, total, pages, page: current, policy, recovery: recoveryRule(policy), why, inProgress, gaps, rejected, answers, volunteers, quality: run ? qualityOf(run) : null })
}

const DecisionSchema = z.object({
  loanId: z.string({ required_error: 'validation.loanMissing', invalid_type_error: 'validation.loanMissing' }).min(1, 'validation.loanMissing'),
  note: z.string().max(1000, 'validation.noteTooLong').optional(),
})
const RunSchema = z.object({
  timeLimitMs: z.coerce.number().refine((v) => (MATCHING_TIMES_MS as readonly number[]).includes(v)).default(MATCHING_TIMES_MS[0]),
  reproposeRejected: z.array(z.string().min(1)).max(1000),
})
const BulkSchema = z.object({ loanIds: z.array(z.string().min(1)).min(1), decision: z.enum(['approve', 'reject']), note: z.string().max(1000).optional() })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const form = await readFormData(request)
  const intent = String(form.get('intent'))
  const back = `/matching${new URL(request.url).search}`
  const fail = (error: unknown) => {
    if (error instanceof ConflictError) return redirectWithToast(back, { type: 'error', message: error.message })
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return redirectWithToast(back, { type: 'error', message: error.message })
    return toResponse(error)
  }
  try {
    switch (intent) {
      case 'run': {
        const parsed = RunSchema.safeParse({ timeLimitMs: form.get('timeLimitMs') ?? undefined, reproposeRejected: form.getAll('reproposeRejected') })
        if (!parsed.success) return redirectWithToast(back, { type: 'error', message: 'validation.numberRange' })
        const { loans } = await runMatching(user, parsed.data)
        return redirectWithToast('/matching', { type: 'success', message: 'matching.ran', values: { count: String(loans.length) } })
      }
      case 'approve':
      case 'reject': {
        const parsed = DecisionSchema.safeParse({ loanId: form.get('loanId'), note: form.get('note') || undefined })
        if (!parsed.success) return redirectWithToast(back, { type: 'error', message: parsed.error.issues[0].message })
        if (intent === 'approve') await approveLoan(user, parsed.data.loanId, parsed.data.note)
        else await rejectLoan(user, parsed.data.loanId, parsed.data.note)
        return redirectWithToast(back, { type: 'success', message: intent === 'approve' ? 'matching.approved' : 'matching.rejected' })
      }
      case 'approve-changed': {
        const parsed = ApproveChangedSchema.safeParse({
          loanId: form.get('loanId'),
          fte: form.get('fte') || undefined,
          startWeek: form.get('startWeek') || undefined,
          endWeek: form.get('endWeek') || undefined,
          note: form.get('note') || undefined,
        })
        if (!parsed.success) return redirectWithToast(back, { type: 'error', message: parsed.error.issues[0]?.message ?? 'consult.errors.week' })
        const { loanId, note, ...terms } = parsed.data
        await approveLoan(user, loanId, note, termsFromForm(terms))
        return redirectWithToast(back, { type: 'success', message: 'consult.change.approvedChanged' })
      }
      case 'bulk': {
        const parsed = BulkSchema.safeParse({ loanIds: form.getAll('loanIds'), decision: form.get('decision'), note: form.get('note') || undefined })
        if (!parsed.success) return redirectWithToast(back, { type: 'error', message: 'matching.bulkNothingChosen' })
        const outcomes = await decideLoans(user, parsed.data.loanIds, parsed.data.decision, parsed.data.note)
        const failed = outcomes.filter((o) => !o.ok)
        return redirectWithToast(back, {
          type: failed.length ? 'error' : 'success',
          message: parsed.data.decision === 'approve' ? 'matching.bulkApproved' : 'matching.bulkRejected',
          values: { ok: String(outcomes.length - failed.length), failed: String(failed.length) },
        })
      }
      default:
        throw new Response('Unknown intent', { status: 400 })
    }
  } catch (error) {
    return fail(error)
  }
}

export default function MatchingPage() {
  const { run, summary, names, suggestions, total, pages, page, policy, recovery, inProgress, gaps, rejected, answers, volunteers, quality } = useLoaderData<typeof loader>()
  const volunteered = new Set(volunteers.flatMap((v) => v.people.map((p) => `${p.staffId}|${v.requestId}`)))
  const { t } = useTranslation()
  const locale = useLocale()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const running = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'run'
  const busy = navigation.state !== 'idle' || inProgress !== null
  // A run started elsewhere (another tab, person or server): look again every few seconds until it is done.
  useEffect(() => {
    if (!inProgress) return
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 3000)
    return () => clearInterval(timer)
  }, [inProgress, revalidator])
  // "högst 0,4 %": rounded up, so the words stay true.
  const gapText = quality !== null && quality > 0 ? `${formatNumber(Math.ceil(quality * 1000) / 10, locale)} %` : null
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('matching.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('matching.intro')}</p>
        <details className="max-w-3xl rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-semibold">{t('matching.policiesTitle')}</summary>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            <li>{t('matching.policyConsent')}</li>
            <li>{t('matching.policyNewcomers', { months: policy.introductionMonths })}</li>
            <li>{t('matching.policyRecovery', { weeks: recovery.maxLentWeeks, window: recovery.windowWeeks })}</li>
            <li>{t('matching.policyEvidence')}</li>
            <li>{t('matching.policyCaps', { staff: formatPercent(policy.staffMaxLoad, locale), donor: formatPercent(policy.donorMaxLoad, locale) })}</li>
          </ul>
          <p className="mt-2">
            <Link to="/taxonomy#policy-heading" className="text-brand-700 underline">
              {t('matching.changePolicies')}
            </Link>
          </p>
        </details>
      </header>

      <Form method="post" className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="intent" value="run" />
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="float-left mr-2 text-sm font-semibold">{t('matching.timeLabel')}</legend>
          {MATCHING_TIMES_MS.map((ms, i) => (
            <label key={ms} className="flex items-center gap-1 text-sm">
              <input type="radio" name="timeLimitMs" value={ms} defaultChecked={i === 0} />
              {t(`matching.time${ms / 1000}`)}
            </label>
          ))}
        </fieldset>
        {rejected.length > 0 ? (
          <fieldset className="w-full space-y-1 text-sm" aria-describedby="rejected-hint">
            <legend className="font-semibold">{t('consult.rejected.legend')}</legend>
            <p id="rejected-hint" className="text-slate-700">{t('consult.rejected.hint')}</p>
            {rejected.map((r) => (
              <label key={r.requestId} className="flex items-center gap-2">
                <input type="checkbox" name="reproposeRejected" value={r.requestId} />
                {t('consult.rejected.again', { unit: r.unitName, weeks: t('format.weeks', { start: formatWeek(r.startWeek), end: formatWeek(r.endWeek) }), count: r.count })}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Button type="submit" disabled={busy} aria-describedby="run-status">
          {running || inProgress ? t('matching.running') : t('matching.run')}
        </Button>
        <p id="run-status" role="status" aria-live="polite" className="text-sm text-slate-700">
          {inProgress && !running ? (
            t('matching.inProgress', { when: formatDateTime(inProgress.startedAt, locale), who: inProgress.startedBy ?? t('audit.system'), seconds: inProgress.timeLimitMs / 1000 })
          ) : running ? (
            <span className="inline-flex items-center gap-2">
              <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-700 border-t-transparent" aria-hidden="true" />
              {t('matching.runningHint')}
            </span>
          ) : run ? (
            t('matching.lastRun', { when: formatDateTime(run.startedAt, locale), who: run.startedBy?.name ?? t('audit.system') })
          ) : (
            t('matching.neverRun')
          )}
        </p>
      </Form>

      {run && summary ? (
        <section aria-labelledby="result-heading" className="space-y-4">
          <h2 id="result-heading" className="text-xl font-semibold">
            {t('matching.result')}
          </h2>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t('matching.suggestions')}</dt>
              <dd className="text-2xl font-bold">{total}</dd>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t('matching.relief')}</dt>
              <dd className="text-2xl font-bold">{formatPercent(summary.relief, locale)}</dd>
              <dd className="text-xs text-slate-600">{t('matching.scores', { before: formatNumber(run.baselineScore, locale), after: formatNumber(run.score, locale) })}</dd>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t('matching.quality')}</dt>
              <dd>{quality === 0 ? t('matching.optimal') : gapText ? t('matching.withinGap', { gap: gapText }) : t('common.dash')}</dd>
              <dd className="text-xs text-slate-600">{t('matching.qualityHint')}</dd>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{t('matching.notOffered')}</dt>
              <dd className="text-sm">
                {t('matching.notOfferedCounts', {
                  consent: summary.notLendable.consent ?? 0,
                  newcomer: summary.notLendable.newcomer ?? 0,
                  recovery: summary.notLendable.recovery ?? 0,
                  expired: summary.expiredSkills,
                })}
              </dd>
            </div>
          </dl>
          {summary.impacts.length > 0 ? (
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="p-2 text-left font-semibold">{t('matching.impactsCaption')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">{t('situation.unit')}</th>
                  <th scope="col" className="p-2">{t('matching.peakBefore')}</th>
                  <th scope="col" className="p-2">{t('matching.peakAfter')}</th>
                  <th scope="col" className="p-2 text-right">{t('matching.coveredWeeks')}</th>
                  <th scope="col" className="p-2 text-right">{t('matching.received')}</th>
                  <th scope="col" className="p-2 text-right">{t('matching.lent')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.impacts.map((i) => (
                    <tr key={i.unitId} className="border-b border-slate-200">
                      <th scope="row" className="p-2 font-medium">{names[i.unitId] ?? i.unitId}</th>
                      <td className="p-2"><LoadBadge load={i.peakLoadBefore} /></td>
                      <td className="p-2"><LoadBadge load={i.peakLoadAfter} /></td>
                      <td className="p-2 text-right">{i.coveredWeeks ?? t('common.dash')}</td>
                      <td className="p-2 text-right">{formatNumber(i.receivedFteWeeks, locale)}</td>
                      <td className="p-2 text-right">{formatNumber(i.lentFteWeeks, locale)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <p>
        <Link to="/matching/book" className="text-brand-700 underline">
          {t('consult.book.heading')}
        </Link>
      </p>

      {volunteers.length > 0 ? (
        <Section id="volunteers" heading={t('consult.volunteer.centralHeading')} intro={t('consult.volunteer.centralIntro')} className="space-y-2">
          <ul className="list-disc space-y-1 pl-6 text-sm">
            {volunteers.map((v) => (
              <li key={v.requestId}>
                {t('consult.volunteer.centralLine', { unit: v.unitName, weeks: t('format.weeks', { start: formatWeek(v.startWeek), end: formatWeek(v.endWeek) }), people: v.people.map((p) => `${p.name} (${p.unitName})`).join(', ') })}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {gaps.length > 0 ? (
        <Section id="gaps" heading={t('matching.gapsHeading')} intro={t('matching.gapsIntro')} className="space-y-2">
          <ul className="space-y-2">
            {gaps.map((g) => (
              <li key={g.requestId} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <h3 className="font-semibold">{t('matching.gapTitle', { unit: g.unitName, weeks: `${formatWeek(g.startWeek)}–${formatWeek(g.endWeek)}` })}</h3>
                {g.skills.length ? (
                  <p className="text-slate-700">
                    {t('request.skills')}: {g.skills.map((s) => t('requests.skillAtLeast', { skill: localName(s.skill, locale), level: s.minLevel })).join(', ')}
                  </p>
                ) : null}
                {g.qualified === 0 ? (
                  <p>{t('matching.gapNone')}</p>
                ) : (
                  <ul className="list-disc pl-6">
                    {g.reasons.map((r) => (
                      <li key={r.why}>
                        {t(`matching.gapReason.${r.why}`, { count: r.count })}
                        {r.names.length ? `: ${r.names.join(', ')}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <section aria-labelledby="suggestions-heading" className="space-y-4">
        <h2 id="suggestions-heading" className="text-xl font-semibold">
          {t('matching.suggestionsHeading')}
        </h2>
        {suggestions.length === 0 ? (
          <p>{run ? t('matching.noSuggestions') : t('matching.runFirst')}</p>
        ) : (
          <>
            <Form method="post" id="bulk" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
              <input type="hidden" name="intent" value="bulk" />
              <p className="w-full text-sm text-slate-700">{t('matching.bulkHint')}</p>
              <label className="flex flex-col text-sm font-semibold">
                {t('matching.note')}
                <input name="note" maxLength={1000} className="mt-1 rounded-md border border-slate-400 px-3 py-2 font-normal" />
              </label>
              <Button type="submit" name="decision" value="approve" disabled={busy}>
                {t('matching.approveChosen')}
              </Button>
              <Button type="submit" name="decision" value="reject" variant="secondary" disabled={busy}>
                {t('matching.rejectChosen')}
              </Button>
            </Form>
            <ul className="space-y-4">
              {suggestions.map((s) => {
                const explanation = s.explanation as unknown as StoredExplanation | null
                const person = `${s.staff.firstName} ${s.staff.lastName}`
                const replies = answers[s.id] ?? []
                const personAgreed = replies.some((a) => a.role === 'PERSON' && a.answer === 'OK')
                return (
                  <li key={s.id}>
                    <article className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`loan-${s.id}`}>
                      <div className="flex flex-wrap items-start gap-3">
                        <input type="checkbox" name="loanIds" value={s.id} form="bulk" id={`choose-${s.id}`} className="mt-1.5 h-4 w-4" />
                        <label htmlFor={`choose-${s.id}`} className="sr-only">
                          {t('matching.choose', { person, unit: s.request.unit.name })}
                        </label>
                        <div className="flex-1">
                          <h3 id={`loan-${s.id}`} className="font-semibold">
                            {t('matching.suggestionTitle', { person, from: s.staff.unit.name, to: s.request.unit.name })}
                          </h3>
                          <p className="text-sm text-slate-700">
                            {s.staff.title} · {t('format.fte', { value: formatFte10(s.fte10, locale) })} ·{' '}
                            {partOfRequest(s) ? t('matching.weeksPartOf', { loan: `${formatWeek(s.startWeek)}–${formatWeek(s.endWeek)}`, request: `${formatWeek(s.request.startWeek)}–${formatWeek(s.request.endWeek)}` }) : t('format.weeks', { start: formatWeek(s.startWeek), end: formatWeek(s.endWeek) })} ·{' '}
                            {t(`request.urgencies.${s.request.urgency}`)} ·{' '}
                            {s.request.skills.map((k) => `${localName(k.skill, locale)} ≥ ${k.minLevel}`).join(', ')}
                          </p>
                          {volunteered.has(`${s.staffId}|${s.requestId}`) ? <p className="text-sm font-semibold text-green-800">{t('consult.volunteer.offered')}</p> : null}
                          <section aria-label={t('consult.answers.heading')} className="mt-2 text-sm">
                            <h4 className="font-semibold">{t('consult.answers.heading')}</h4>
                            {replies.length === 0 ? (
                              <p>{t('consult.answers.none')}</p>
                            ) : (
                              <ul className="list-disc pl-6">
                                {replies.map((a) => (
                                  <li key={a.id}>
                                    {t('consult.answers.line', { role: t(`consult.answers.roles.${a.role}`), name: a.user.name, answer: t(`consult.answers.${a.answer}`) })}
                                    {a.comment ? ` – ”${a.comment}”` : ''}
                                  </li>
                                ))}
                              </ul>
                            )}
                            {policy.requireStaffAnswer && !personAgreed ? <p className="text-amber-800">{t('consult.answers.awaiting')}</p> : null}
                          </section>
                        </div>
                      </div>
                      {/* One link that shows and hides: it stays in the page, so keyboard focus stays on it (a link replaced by another lost focus to the page's top). */}
                      <div className="mt-2">
                        <Link
                          to={explanation ? `?page=${page}` : `?page=${page}&why=${s.id}`}
                          preventScrollReset
                          aria-expanded={explanation ? true : false}
                          className="text-brand-700 underline"
                        >
                          {explanation ? t('matching.hideWhy') : t('matching.why')}
                          <span className="sr-only"> ({person})</span>
                        </Link>
                        {explanation ? (
                          <section aria-label={t('matching.why')}>
                            <LoanExplanationView
                              explanation={explanation}
                              skillNames={s.request.skills.map((k) => k.skill)}
                              receivingName={s.request.unit.name}
                              lendingName={s.staff.unit.name}
                              requestWeeks={s.request}
                            />
                          </section>
                        ) : null}
                      </div>
                      <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
                        <input type="hidden" name="loanId" value={s.id} />
                        <label className="flex flex-col text-sm font-semibold">
                          {t('matching.noteFor', { person })}
                          <input name="note" maxLength={1000} className="mt-1 rounded-md border border-slate-400 px-3 py-2 font-normal" />
                        </label>
                        <Button type="submit" name="intent" value="approve" disabled={busy}>
                          {t('matching.approve')}
                          <span className="sr-only"> {person}</span>
                        </Button>
                        <Button type="submit" name="intent" value="reject" variant="secondary" disabled={busy}>
                          {t('matching.reject')}
                          <span className="sr-only"> {person}</span>
                        </Button>
                      </Form>
                      <details className="mt-3">
                        <summary className="cursor-pointer text-sm text-brand-700 underline">
                          {t('consult.change.legend')}
                          <span className="sr-only"> ({person})</span>
                        </summary>
                        <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
                          <input type="hidden" name="loanId" value={s.id} />
                          <LoanTermsFields loan={s} person={person} />
                          <Button type="submit" name="intent" value="approve-changed" disabled={busy}>
                            {t('consult.change.approveChanged')}
                            <span className="sr-only"> {person}</span>
                          </Button>
                        </Form>
                      </details>
                    </article>
                  </li>
                )
              })}
            </ul>
            {pages > 1 ? (
              <nav aria-label={t('matching.pages')} className="flex flex-wrap gap-3">
                {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
                  <Link key={n} to={`?page=${n}`} aria-current={n === page ? 'page' : undefined} className={n === page ? 'font-bold' : 'text-brand-700 underline'}>
                    {t('matching.pageN', { n })}
                  </Link>
                ))}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  )
}

/** The suggestion covers only part of its request's period. */
function partOfRequest(s: { startWeek: string; endWeek: string; request: { startWeek: string; endWeek: string } }) {
  return s.startWeek > s.request.startWeek || s.endWeek < s.request.endWeek
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
