import { useTranslation } from 'react-i18next'
import { formatPercent } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'

/** Load as a percentage of the reasonable level; colour is never the only cue. */
export function LoadBadge({ load }: { load: number | null }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (load === null) return <span>{t('common.dash')}</span>
  const tone =
    load > 1.1 ? 'bg-red-100 text-red-900 ring-red-300' : load > 1 ? 'bg-amber-100 text-amber-900 ring-amber-300' : 'bg-emerald-50 text-emerald-900 ring-emerald-300'
  const marker = load > 1.1 ? '▲' : load > 1 ? '△' : '●'
  return (
    <span className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-sm font-semibold ring-1 ${tone}`}>
      <span aria-hidden="true">{marker}</span>
      {formatPercent(load, locale)}
    </span>
  )
}
