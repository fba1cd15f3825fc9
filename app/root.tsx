import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from './components/error-boundary'
import { DEFAULT_LOCALE, getI18n, type Locale } from './i18n'
import stylesheet from './tailwind.css'
import { unreadCount } from './models/notifications.server'
import { getUser, type SignedInUser } from './utils/auth.server'
import { getLocale } from './utils/locale.server'
import { getToast } from './utils/toast.server'
import { ToastMessage } from './components/toast'
import { useNonce } from './utils/nonce-provider'
import { homePath, type Actor } from './utils/permissions'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const locale = await getLocale(request, user?.locale)
  const { toast, headers } = await getToast(request)
  const unread = user ? await unreadCount(user) : 0
  return json({ user, locale, toast, unread }, { headers })
}

export type RootLoader = typeof loader

export function useOptionalUser(): Actor | null {
  return useRouteLoaderData<RootLoader>('root')?.user ?? null
}

// `text` is shown as it is (a unit's name); `label` is an i18n key.
type NavItem = { to: string; label: string; text?: string }

function navItems(user: SignedInUser): NavItem[] {
  const items: NavItem[] = []
  if (user.role === 'MANAGER') {
    // One unit is "Min enhet"; a manager of several gets each by name.
    for (const unit of user.managedUnits) items.push({ to: `/units/${unit.id}`, label: 'nav.unit', text: user.managedUnits.length > 1 ? unit.name : undefined })
  }
  items.push({ to: '/situation', label: 'nav.situation' })
  items.push({ to: '/reports/weekly', label: 'workload.nav.weeklyReport' })
  if (user.role === 'MANAGER') items.push({ to: '/follow-up', label: 'nav.followUp' })
  if (user.role === 'CENTRAL') {
    items.push(
      { to: '/matching', label: 'nav.matching' },
      { to: '/loans', label: 'nav.loans' },
      { to: '/follow-up', label: 'nav.followUp' },
      { to: '/taxonomy', label: 'nav.taxonomy' },
      { to: '/workload', label: 'workload.nav.workload' },
      { to: '/admin/import', label: 'nav.import' },
      { to: '/admin/export', label: 'nav.export' },
      { to: '/admin/privacy', label: 'nav.privacy' },
      { to: '/audit', label: 'nav.audit' },
      { to: '/admin/users', label: 'accounts.nav.users' },
      { to: '/admin/integrations', label: 'accounts.nav.integrations' },
    )
  }
  if (user.staffId) items.push({ to: '/profile', label: 'nav.profile' })
  else items.push({ to: '/profile/tokens', label: 'nav.tokens' })
  items.push({ to: '/account', label: 'accounts.nav.account' })
  return items
}

/** Meddelanden with its unread count, read out as one phrase ("Meddelanden, 3 olästa"). */
function InboxLink({ unread }: { unread: number }) {
  const { t } = useTranslation()
  const label = unread ? t('notifications.inbox.headerUnread', { count: unread }) : t('notifications.inbox.headerLink')
  return (
    // The name comes from the hidden phrase, not aria-label, so it holds the visible "Meddelanden" (WCAG 2.5.3).
    <NavLink to="/inbox" className="inline-flex items-center gap-1 rounded px-1 py-1 font-medium text-slate-700 hover:text-brand-700">
      <span className="sr-only">{label}</span>
      <span aria-hidden="true">{t('notifications.inbox.headerLink')}</span>
      {unread ? (
        <span aria-hidden="true" className="rounded-full bg-brand-700 px-2 text-xs font-bold leading-5 text-white">
          {unread}
        </span>
      ) : null}
    </NavLink>
  )
}

function Header({ user, locale, unread }: { user: SignedInUser | null; locale: Locale; unread: number }) {
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to={user ? homePath(user) : '/login'} className="text-xl font-bold text-brand-700">
          {t('app.name')}
        </Link>
        {user ? (
          <nav aria-label={t('app.mainNav')} className="flex-1">
            <ul className="flex flex-wrap gap-4">
              {navItems(user).map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) =>
                      `rounded px-1 py-1 font-medium ${isActive ? 'text-brand-800 underline underline-offset-4' : 'text-slate-700 hover:text-brand-700'}`
                    }
                  >
                    {item.text ?? t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <div className="flex-1" />
        )}
        <Form method="post" action="/locale" className="text-sm">
          <input type="hidden" name="locale" value={locale === 'sv' ? 'en' : 'sv'} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <button type="submit" className="text-brand-700 underline" lang={locale === 'sv' ? 'en' : 'sv'}>
            {t('app.switchTo')}
          </button>
        </Form>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <InboxLink unread={unread} />
            <span>
              {t('app.signedInAs', { name: user.name })} ({t(`roles.${user.role}`)})
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-100">
                {t('app.signOut')}
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootLoader>('root')
  const locale = data?.locale ?? DEFAULT_LOCALE
  const i18n = getI18n(locale)
  const nonce = useNonce()
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        <I18nextProvider i18n={i18n}>
          <SkipLink />
          <Header user={data?.user ?? null} locale={locale} unread={data?.unread ?? 0} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            <ToastMessage toast={data?.toast ?? null} />
            {children}
          </main>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function SkipLink() {
  const { t } = useTranslation()
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
    >
      {t('app.skipToContent')}
    </a>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
