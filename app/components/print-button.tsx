import { useTranslation } from 'react-i18next'
import { useHydrated } from './charts/use-hydrated'

/** Prints the page (the print stylesheet hides navigation); needs JavaScript, so it waits for it. */
export function PrintButton() {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  if (!hydrated) return null
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
      {t('common.print')}
    </button>
  )
}
