import { useTranslation } from 'react-i18next'
import type { Toast } from '~/utils/toast.server'

/** The outcome of the last change, announced politely to screen readers. */
export function ToastMessage({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation()
  return (
    <div role="status" aria-live="polite" aria-label={t('app.notice')} className="no-print">
      {toast ? (
        <p
          className={`mb-4 rounded-md border px-4 py-3 font-medium ${toast.type === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-emerald-300 bg-emerald-50 text-emerald-900'}`}
        >
          {t(toast.message, toast.values)}
        </p>
      ) : null}
    </div>
  )
}
