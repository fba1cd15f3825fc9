import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useSchemaForm } from '~/utils/use-schema-form'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { Button } from '~/components/ui/button'
import { ErrorList, Field } from '~/components/ui/field'
import { SkillOptions } from '~/components/skill-options'
import { SelectField } from '~/components/ui/select'
import { CaseCountsForm } from '~/components/workload/case-counts-form'
import { CaseloadCell } from '~/components/workload/figures'
import { ProposalCard } from '~/components/proposal-card'
import { VolunteerList } from '~/components/volunteer-list'
import { answerProposal, listProposalsFor } from '~/models/consultation.server'
import { AnswerSchema, VolunteerSchema } from '~/models/consultation-schemas'
import { openRequestsFitting, volunteer, withdrawVolunteer } from '~/models/volunteers.server'
import { setMyAvailability } from '~/models/availability.server'
import { calendarPath, hasCalendarFeed, renewCalendarToken } from '~/models/calendar.server'
import { CaseCountsSchema } from '~/models/case-type-schemas'
import { proposeCaseload } from '~/models/case-types.server'
import { AbsenceSchema, EVIDENCE_KINDS, StaffSkillSchema } from '~/models/profile-schemas'
import { getPolicy } from '~/models/settings.server'
import { listSkills, updateMySkills } from '~/models/skills.server'
import { getStaffProfile } from '~/models/staff.server'
import { appOrigin } from '~/utils/app-url.server'
import { requireUser, toResponse } from '~/utils/auth.server'
import { formatDate, formatFte10, formatPercent, toYmdSafe } from '~/utils/format'
import { handleFormCall, invalid, readFormData, toastOutcome } from '~/utils/forms.server'
import { redirectWithToast } from '~/utils/toast.server'
import { localName, useLocale } from '~/utils/use-locale'
import { Section } from '~/components/section'

export const meta: MetaFunction = () => [{ title: 'Min profil – Avlast' }]

const RemoveSkillSchema = z.object({ skillId: z.string().min(1) })
const RemoveAbsenceSchema = z.object({ absenceId: z.string().min(1) })
const ConsentSchema = z.object({ lendingConsent: z.enum(['yes', 'no']) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  if (!user.staffId) return json({ profile: null, skills: [] as Awaited<ReturnType<typeof listSkills>>, introductionMonths: 0, proposals: [], fitting: [], calendarFeed: false })
  const [profile, skills, policy, proposals, fitting, calendarFeed] = await Promise.all([
    getStaffProfile(user, user.staffId).catch(toResponse),
    listSkills(),
    getPolicy(),
    listProposalsFor(user),
    openRequestsFitting(user),
    hasCalendarFeed(user),
  ])
  // A manager who is also staff answers for their unit on the unit page; here only their own.
  return json({ profile, skills, introductionMonths: policy.introductionMonths, proposals: proposals.filter((p) => p.staffId === user.staffId), fitting, calendarFeed })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  switch (intent) {
    case 'renew-calendar': {
      // The address is shown once, in this answer (only its hash is stored); never cached.
      const token = await renewCalendarToken(user).catch(toResponse)
      return json({ intent, calendarUrl: new URL(calendarPath(token), appOrigin(request)).href }, { headers: { 'Cache-Control': 'no-store' } })
    }
    case 'save-skill': {
      const submission = parseWithZod(formData, { schema: StaffSkillSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => updateMySkills(user, { set: [submission.value] }), (p) => p.replace(/^set\.0\./, ''))
      if (!outcome.ok) return outcome.response
      return redirectWithToast('/profile', { type: 'success', message: 'profile.skillSaved' })
    }
    case 'remove-skill': {
      const submission = parseWithZod(formData, { schema: RemoveSkillSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      // A skill not in the profile (gone already, or never there) is refused in words.
      return toastOutcome('/profile', () => updateMySkills(user, { remove: [submission.value.skillId] }), { message: 'profile.skillRemoved' })
    }
    case 'add-absence': {
      const submission = parseWithZod(formData, { schema: AbsenceSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => setMyAvailability(user, { addAbsences: [submission.value] }), (p) => p.replace(/^addAbsences\.0\./, ''))
      if (!outcome.ok) return outcome.response
      return redirectWithToast('/profile', { type: 'success', message: 'profile.absenceSaved' })
    }
    case 'remove-absence': {
      const submission = parseWithZod(formData, { schema: RemoveAbsenceSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      // An absence not among one's own (gone already, or never there) is refused in words.
      return toastOutcome('/profile', () => setMyAvailability(user, { removeAbsenceIds: [submission.value.absenceId] }), { message: 'profile.absenceRemoved' })
    }
    case 'propose-caseload': {
      const submission = parseWithZod(formData, { schema: CaseCountsSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      const outcome = await handleFormCall(intent, submission, () => proposeCaseload(user, submission.value.counts))
      if (!outcome.ok) return outcome.response
      return redirectWithToast('/profile#caseload-heading', { type: 'success', message: 'workload.caseload.proposed' })
    }
    case 'consent': {
      const submission = parseWithZod(formData, { schema: ConsentSchema })
      if (submission.status !== 'success') return invalid(intent, submission)
      await setMyAvailability(user, { lendingConsent: submission.value.lendingConsent === 'yes' }).catch(toResponse)
      return redirectWithToast('/profile', { type: 'success', message: 'profile.consentSaved' })
    }
    case 'answer':
    case 'volunteer':
    case 'withdraw-volunteer': {
      const back = intent === 'answer' ? '/profile#proposals-heading' : '/profile#volunteer-heading'
      if (intent === 'answer') {
        const submission = parseWithZod(formData, { schema: AnswerSchema })
        if (submission.status !== 'success') return redirectWithToast(back, { type: 'error', message: 'consult.errors.answer' })
        return toastOutcome(back, () => answerProposal(user, submission.value.loanId, submission.value), { message: 'consult.proposals.sent' })
      }
      const submission = parseWithZod(formData, { schema: VolunteerSchema })
      if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
      const { requestId } = submission.value
      if (intent === 'volunteer') return toastOutcome(back, () => volunteer(user, requestId), { message: 'consult.volunteer.done' })
      return toastOutcome(back, () => withdrawVolunteer(user, requestId), { message: 'consult.volunteer.withdrawn' })
    }
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Profile = NonNullable<LoaderData['profile']>

function useLastResult(intent: string) {
  const data = useActionData<typeof action>()
  return data && 'intent' in data && data.intent === intent ? data.result : undefined
}

function SkillForm({ skills, profile }: { skills: LoaderData['skills']; profile: Profile }) {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(StaffSkillSchema, {
    id: 'save-skill',
    lastResult: useLastResult('save-skill'),
  })
  const held = new Set(profile.skills.map((s) => s.skill.id))
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
      <h3 className="text-lg font-semibold md:col-span-2">{t('profile.addSkill')}</h3>
      <input type="hidden" name="intent" value="save-skill" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SelectField label={t('skill.name')} errors={fields.skillId.errors} selectProps={{ ...getSelectProps(fields.skillId), required: false }}>
        <SkillOptions skills={skills} held={held} />
      </SelectField>
      <SelectField label={t('skill.evidence')} errors={fields.evidence.errors} selectProps={{ ...getSelectProps(fields.evidence), defaultValue: 'EXPERIENCE', required: false }}>
        {EVIDENCE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`skill.evidenceKinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="md:col-span-2" aria-describedby={fields.level.errors?.length ? `${fields.level.id}-error` : undefined}>
        <legend className="text-sm font-semibold text-slate-800">{t('skill.level')}</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {[1, 2, 3, 4].map((level) => (
            <label key={level} className="flex items-start gap-2 rounded border border-slate-300 p-2">
              <input type="radio" name={fields.level.name} value={level} defaultChecked={level === 2} className="mt-1" />
              <span>
                <strong>
                  {level} – {t(`skill.levels.${level}`)}
                </strong>
                <span className="block text-sm text-slate-700">{t(`skill.levelDescriptions.${level}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <ErrorList id={`${fields.level.id}-error`} errors={fields.level.errors} />
      </fieldset>
      <Field
        label={t('skill.validUntil')}
        hint={t('profile.validUntilHint')}
        errors={fields.validUntil.errors}
        inputProps={{ ...getInputProps(fields.validUntil, { type: 'date', ariaAttributes: false }) }}
      />
      <div className="flex items-end">
        <Button type="submit">{t('profile.saveSkill')}</Button>
      </div>
    </Form>
  )
}

function AbsenceForm() {
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(AbsenceSchema, {
    id: 'add-absence',
    lastResult: useLastResult('add-absence'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
      <input type="hidden" name="intent" value="add-absence" />
      <p className="text-sm text-slate-700 sm:col-span-3">{t('profile.absenceHint')}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t('profile.absenceStart')} errors={fields.startDate.errors} inputProps={{ ...getInputProps(fields.startDate, { type: 'date', ariaAttributes: false }), required: false }} />
      <Field label={t('profile.absenceEnd')} errors={fields.endDate.errors} inputProps={{ ...getInputProps(fields.endDate, { type: 'date', ariaAttributes: false }), required: false }} />
      <div className="flex items-end">
        <Button type="submit">{t('profile.addAbsence')}</Button>
      </div>
    </Form>
  )
}

function CalendarSection({ hasFeed }: { hasFeed: boolean }) {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const url = data && 'calendarUrl' in data ? data.calendarUrl : null
  return (
    <Section id="calendar" heading={t('notifications.calendar.heading')} intro={t('notifications.calendar.intro')} className="space-y-2">
      {url ? (
        <div className="space-y-1" role="status">
          <p>{t('notifications.calendar.created')}</p>
          <label htmlFor="calendar-url" className="block text-sm font-semibold text-slate-800">
            {t('notifications.calendar.url')}
          </label>
          <input id="calendar-url" readOnly value={url} spellCheck={false} className="w-full max-w-2xl rounded border border-slate-400 px-2 py-1 font-mono text-sm" />
        </div>
      ) : hasFeed ? (
        <p>{t('notifications.calendar.shownOnce')}</p>
      ) : (
        <p>{t('notifications.calendar.none')}</p>
      )}
      <Form method="post" className="space-y-1">
        <input type="hidden" name="intent" value="renew-calendar" />
        <Button type="submit">{t(hasFeed || url ? 'notifications.calendar.renew' : 'notifications.calendar.create')}</Button>
        {hasFeed || url ? <p className="text-sm text-slate-700">{t('notifications.calendar.renewHint')}</p> : null}
      </Form>
    </Section>
  )
}

export default function ProfilePage() {
  const { profile, skills, introductionMonths, proposals, fitting, calendarFeed } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const proposalResult = useLastResult('propose-caseload')
  if (!profile) {
    return (
      <>
        <h1 className="text-2xl font-bold">{t('profile.title')}</h1>
        <p className="mt-4">{t('profile.noStaffRecord')}</p>
        <p className="mt-4">
          <Link to="/profile/tokens" className="text-brand-700 underline">
            {t('profile.apiTokens')}
          </Link>
        </p>
      </>
    )
  }
  return (
    <div className="space-y-10">
      <header>
        <p className="text-sm text-slate-600">{t('profile.title')}</p>
        <h1 className="text-2xl font-bold">
          {profile.firstName} {profile.lastName}
        </h1>
        <dl className="mt-4 grid grid-cols-1 gap-x-8 gap-y-2 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">{t('profile.titleLabel')}</dt>
            <dd>{profile.title}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('profile.unit')}</dt>
            <dd>{profile.unit.name}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('profile.fte')}</dt>
            <dd>{t('format.fte', { value: formatFte10(profile.fte10, locale) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('profile.caseload')}</dt>
            <dd>
              <CaseloadCell cases={profile.caseload} points={profile.caseloadPoints} updatedAt={profile.caseloadUpdatedAt} old={profile.caseloadOld} />
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('profile.personalLoad')}</dt>
            <dd>
              <LoadBadge load={profile.personalLoad} />
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('profile.hireDate')}</dt>
            <dd>{formatDate(profile.hireDate, locale)}</dd>
          </div>
        </dl>
        <p className="mt-4">
          <Link to="/profile/tokens" className="text-brand-700 underline">
            {t('profile.apiTokens')}
          </Link>
        </p>
      </header>

      <section aria-labelledby="proposals-heading" className="space-y-3">
        <h2 id="proposals-heading" className="text-xl font-semibold">
          {t('consult.proposals.heading')}
        </h2>
        <p className="max-w-3xl text-slate-700">{t('consult.proposals.intro')}</p>
        {proposals.length === 0 ? <p>{t('consult.proposals.none')}</p> : proposals.map((p) => <ProposalCard key={p.id} proposal={p} />)}
      </section>

      <VolunteerList requests={fitting} />

      <section aria-labelledby="caseload-heading" className="space-y-3">
        <h2 id="caseload-heading" className="text-xl font-semibold">
          {t('workload.caseload.ownHeading')}
        </h2>
        <p className="max-w-3xl text-slate-700">
          {profile.capacityShare < 1
            ? t('workload.capacity.profileReduced', { share: formatPercent(profile.capacityShare, locale), month: profile.monthOfEmployment })
            : t('workload.capacity.profileFull')}
        </p>
        {profile.proposalAt ? <p className="rounded-md bg-amber-50 p-3">{t('workload.caseload.proposalPending', { date: formatDate(profile.proposalAt, locale) })}</p> : null}
        <CaseCountsForm
          formId="propose-caseload"
          intent="propose-caseload"
          legend={t('workload.caseload.proposeLegend')}
          submitLabel={t('workload.caseload.propose')}
          types={profile.caseTypes.map((c) => ({ ...c, count: c.proposed ?? c.count }))}
          lastResult={proposalResult}
        />
      </section>

      <section aria-labelledby="consent-heading">
        <h2 id="consent-heading" className="text-xl font-semibold">
          {t('profile.availability')}
        </h2>
        {profile.newcomer ? (
          <p className="mt-2 rounded-md border border-sky-300 bg-sky-50 p-3">{t('profile.newcomerNotice', { months: introductionMonths })}</p>
        ) : null}
        <Form method="post" className="mt-2 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="consent" />
          <fieldset>
            <legend className="font-semibold">{t('profile.consent')}</legend>
            <div className="mt-2 flex flex-wrap gap-6">
              <label className="flex items-center gap-2">
                <input type="radio" name="lendingConsent" value="yes" defaultChecked={profile.lendingConsent} />
                {t('profile.consentYesOption')}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="lendingConsent" value="no" defaultChecked={!profile.lendingConsent} />
                {t('profile.consentNoOption')}
              </label>
            </div>
          </fieldset>
          <Button type="submit" variant="secondary" className="mt-3" disabled={busy}>
            {t('profile.saveConsent')}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="skills-heading">
        <h2 id="skills-heading" className="text-xl font-semibold">
          {t('profile.skills')}
        </h2>
        {profile.skills.length === 0 ? (
          <p className="mt-2">{t('profile.noSkills')}</p>
        ) : (
          <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t('profile.skills')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('skill.name')}</th>
                <th scope="col" className="p-2">{t('skill.level')}</th>
                <th scope="col" className="p-2">{t('skill.evidence')}</th>
                <th scope="col" className="p-2">{t('skill.validUntil')}</th>
                <th scope="col" className="p-2">{t('skill.verified')}</th>
                <th scope="col" className="p-2"><span className="sr-only">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {profile.skills.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-medium">{localName(s.skill, locale)}</th>
                  <td className="p-2">
                    {s.level} – {t(`skill.levels.${s.level}`)}
                  </td>
                  <td className="p-2">{t(`skill.evidenceKinds.${s.evidence}`)}</td>
                  <td className="p-2">
                    {s.validUntil ? formatDate(s.validUntil, locale) : t('common.dash')}
                    {s.expired ? <strong className="ml-2 text-red-800">{t('skill.expired')}</strong> : null}
                  </td>
                  <td className="p-2">
                    {s.verifiedAt && s.verifiedBy ? (
                      <span>
                        <span aria-hidden="true">✔ </span>
                        {t('skill.verifiedBy', { name: s.verifiedBy.name, date: formatDate(s.verifiedAt, locale) })}
                      </span>
                    ) : (
                      t('skill.notVerified')
                    )}
                  </td>
                  <td className="p-2">
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-skill" />
                      <input type="hidden" name="skillId" value={s.skill.id} />
                      <Button type="submit" variant="link" disabled={busy}>
                        {t('profile.removeSkill', { name: localName(s.skill, locale) })}
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <SkillForm skills={skills} profile={profile} />
      </section>

      <section aria-labelledby="absences-heading">
        <h2 id="absences-heading" className="text-xl font-semibold">
          {t('profile.absences')}
        </h2>
        {profile.absences.length === 0 ? (
          <p className="mt-2">{t('profile.noAbsences')}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {profile.absences.map((a) => (
              <li key={a.id} className="flex items-center gap-4">
                <span>
                  {formatDate(a.startDate, locale)} – {formatDate(a.endDate, locale)}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-absence" />
                  <input type="hidden" name="absenceId" value={a.id} />
                  <Button type="submit" variant="link" disabled={busy}>
                    {t('profile.removeAbsence', { period: `${toYmdSafe(a.startDate)}–${toYmdSafe(a.endDate)}` })}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {/* A new form once an absence is saved: the dates typed are not left in it to be saved twice. */}
        <AbsenceForm key={profile.absences.length} />
      </section>

      <section aria-labelledby="loans-heading">
        <h2 id="loans-heading" className="text-xl font-semibold">
          {t('profile.loans')}
        </h2>
        {profile.loans.length === 0 ? (
          <p className="mt-2">{t('profile.noLoans')}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {profile.loans.map((l) => (
              <li key={l.id}>
                {l.request.unit.name}: {t('format.fte', { value: formatFte10(l.fte10, locale) })}, {formatDate(l.startWeek, locale)} –{' '}
                {formatDate(new Date(new Date(l.endWeek).getTime() + 4 * 86_400_000), locale)} ({t(`loan.statuses.${l.status}`)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <CalendarSection hasFeed={calendarFeed} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
