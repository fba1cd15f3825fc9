import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SerializeFrom } from '@remix-run/node'
import { isUnderWay } from '~/models/loan-status'
import type { listRequests } from '~/models/requests.server'
import { formatFte10, formatWeek } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'

type RequestRow = SerializeFrom<Awaited<ReturnType<typeof listRequests>>[number]>

/** A reinforcement request with its requirements and the loans proposed or approved for it. */
export function RequestCard({ request, children }: { request: RequestRow; children?: ReactNode }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const filled = request.loans.filter((l) => isUnderWay(l.status)).reduce((s, l) => s + l.fte10, 0)
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={t('requests.cardLabel', { unit: request.unit.name })}>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <strong className="text-lg">{t('format.fte', { value: formatFte10(request.fte10, locale) })}</strong>
        <span>{t('format.weeks', { start: formatWeek(request.startWeek), end: formatWeek(request.endWeek) })}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{t(`request.urgencies.${request.urgency}`)}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{t(`request.statuses.${request.status}`)}</span>
        <span className="text-sm text-slate-700">{t('requests.filled', { filled: formatFte10(filled, locale), total: formatFte10(request.fte10, locale) })}</span>
      </div>
      <p className="mt-1 text-sm">
        <span className="font-semibold">{t('request.skills')}:</span>{' '}
        {request.skills.map((s) => t('requests.skillAtLeast', { skill: localName(s.skill, locale), level: s.minLevel })).join(', ')}
      </p>
      <p className="mt-1 text-sm text-slate-700">{request.motivation}</p>
      {request.loans.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {request.loans.map((l) => (
            <li key={l.id}>
              {t(`loan.statuses.${l.status}`)}: {l.staff.firstName} {l.staff.lastName} ({l.staff.unit.name}),{' '}
              {t('format.fte', { value: formatFte10(l.fte10, locale) })}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  )
}
