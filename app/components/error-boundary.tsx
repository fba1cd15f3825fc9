import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const MESSAGES: Record<number, string> = {
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.notFound',
}

/** Every route's error boundary: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  let status = 500
  let message = 'errors.unexpected'
  let values: Record<string, string> = {}
  if (isRouteErrorResponse(error)) {
    status = error.status
    const data = typeof error.data === 'object' && error.data ? (error.data as { message?: unknown; field?: unknown; limitKb?: unknown }) : {}
    message = MESSAGES[status] ?? (typeof data.message === 'string' ? data.message : 'errors.unexpected')
    // The field a refusal names (`skills[5000].skillId`), shown as text.
    values = { field: String(data.field ?? ''), limitKb: String(data.limitKb ?? '') }
  } else if (typeof document !== 'undefined') {
    console.error(error)
  }
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6" aria-labelledby="error-title">
      <h1 id="error-title" className="text-xl font-bold text-red-800">
        {t('errors.title')} ({status})
      </h1>
      <p className="mt-2">{t(message, values)}</p>
      <p className="mt-4">
        <Link to="/" className="text-brand-700 underline">
          {t('errors.backHome')}
        </Link>
      </p>
    </section>
  )
}
