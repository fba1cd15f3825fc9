import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LoadBadge } from '~/components/load-badge'
import { getStaffProfile } from '~/models/staff.server'
import { requireUser, toResponse } from '~/utils/auth.server'
import { formatDate, formatFte10 } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'

export const meta: MetaFunction = () => [{ title: 'Min profil – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  if (!user.staffId) return json({ profile: null })
  const profile = await getStaffProfile(user, user.staffId).catch(toResponse)
  return json({ profile })
}

export default function ProfilePage() {
  const { profile } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  if (!profile) {
    return (
      <>
        <h1 className="text-2xl font-bold">{t('profile.title')}</h1>
        <p className="mt-4">{t('profile.noStaffRecord')}</p>
      </>
    )
  }
  return (
    <div className="space-y-8">
      <header>
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
            <dd>{profile.caseload}</dd>
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
        <p className="mt-4">{profile.lendingConsent ? t('profile.consentYes') : t('profile.consentNo')}</p>
      </header>

      <section aria-labelledby="skills-heading">
        <h2 id="skills-heading" className="text-xl font-semibold">
          {t('profile.skills')}
        </h2>
        {profile.skills.length === 0 ? (
          <p className="mt-2">{t('profile.noSkills')}</p>
        ) : (
          <table className="mt-2 w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t('skill.name')}</th>
                <th scope="col" className="p-2">{t('skill.level')}</th>
                <th scope="col" className="p-2">{t('skill.evidence')}</th>
                <th scope="col" className="p-2">{t('skill.validUntil')}</th>
                <th scope="col" className="p-2">{t('skill.verified')}</th>
              </tr>
            </thead>
            <tbody>
              {profile.skills.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="p-2">{localName(s.skill, locale)}</td>
                  <td className="p-2">
                    {s.level} – {t(`skill.levels.${s.level}`)}
                  </td>
                  <td className="p-2">{t(`skill.evidenceKinds.${s.evidence}`)}</td>
                  <td className="p-2">
                    {s.validUntil ? formatDate(s.validUntil, locale) : t('common.dash')}
                    {s.expired ? <strong className="ml-2 text-red-800">{t('skill.expired')}</strong> : null}
                  </td>
                  <td className="p-2">
                    {s.verifiedAt && s.verifiedBy
                      ? t('skill.verifiedBy', { name: s.verifiedBy.name, date: formatDate(s.verifiedAt, locale) })
                      : t('skill.notVerified')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="absences-heading">
        <h2 id="absences-heading" className="text-xl font-semibold">
          {t('profile.absences')}
        </h2>
        {profile.absences.length === 0 ? (
          <p className="mt-2">{t('profile.noAbsences')}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {profile.absences.map((a) => (
              <li key={a.id}>
                {formatDate(a.startDate, locale)} – {formatDate(a.endDate, locale)}
              </li>
            ))}
          </ul>
        )}
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
                {l.request.unit.name}: {t('format.fte', { value: formatFte10(l.fte10, locale) })},{' '}
                {formatDate(l.startWeek, locale)} – {formatDate(l.endWeek, locale)} ({t(`loan.statuses.${l.status}`)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
