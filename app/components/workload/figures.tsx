import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'

/** When the figures were entered, with a visible and readable flag when they are over 14 days old. */
export function FiguresUpdated({ at, stale }: { at: Date | string; stale: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <span>
      {t('unit.updated', { date: formatDate(at, locale) })}
      {stale ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900">{t('workload.stale')}</span> : null}
    </span>
  )
}

/** Staff at work as employed and as capacity, when newcomers count at a share of a full load. */
export function CapacityNote({ staffFte, capacityFte, reducedStaff }: { staffFte: number; capacityFte: number; reducedStaff: number }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (reducedStaff === 0) return <span>{t('workload.capacity.full')}</span>
  return <span>{t('workload.capacity.note', { count: reducedStaff, staffFte: formatNumber(staffFte, locale), capacityFte: formatNumber(capacityFte, locale) })}</span>
}

/** A person's own cases: both figures, and when they were last confirmed (old after 30 days). */
export function CaseloadCell({ cases, points, updatedAt, old }: { cases: number; points: number; updatedAt: Date | string | null; old: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <span>
      {t('workload.casesAndPoints', { cases, points: formatNumber(points, locale) })}
      <span className="block text-xs text-slate-600">
        {updatedAt ? t('unit.updated', { date: formatDate(updatedAt, locale) }) : t('workload.caseload.never')}
        {old ? <span className="ml-1 rounded bg-amber-100 px-1 font-semibold text-amber-900">{t('workload.caseload.old')}</span> : null}
      </span>
    </span>
  )
}
