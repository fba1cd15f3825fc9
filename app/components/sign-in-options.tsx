// The sign-in page's single sign-on part: the button (a link, so the browser
// may follow the redirect to the identity provider under `form-action 'self'`)
// and the reason when a single sign-on came back refused.
import { useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const SSO_ERRORS = new Set(['unknown', 'inactive', 'failed', 'noEmail'])

export function SsoError() {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const error = searchParams.get('sso')
  if (!error || !SSO_ERRORS.has(error)) return null
  return (
    <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
      {t(`accounts.sso.${error}`)}
    </p>
  )
}

export function SsoButton() {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo')
  return (
    <a
      href={`/auth/oidc${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}
      className="bg-brand-700 hover:bg-brand-800 mt-6 flex w-full items-center justify-center rounded-md px-4 py-2 text-sm font-semibold text-white"
    >
      {t('accounts.sso.button')}
    </a>
  )
}

/** The sign-in page when passwords are off (AUTH_PASSWORD=off): the button only. */
export function SsoOnlySignIn() {
  const { t } = useTranslation()
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-bold">{t('login.title')}</h1>
      <p className="mt-1 text-slate-700">{t('accounts.sso.intro')}</p>
      <SsoError />
      <SsoButton />
    </section>
  )
}
