// Meddelanden: the signed-in user's inbox (every role has one), newest first,
// each with a link to what it concerns; mark one or all read.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { listNotifications, markNotificationsRead } from '~/models/notifications.server'
import { notificationText } from '~/models/notifications-text'
import { requireUser, toResponse } from '~/utils/auth.server'
import { readFormData } from '~/utils/forms.server'
import { formatDateTime } from '~/utils/format'
import { isLocale, DEFAULT_LOCALE } from '~/i18n'
import { getLocale } from '~/utils/locale.server'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Meddelanden – Avlast' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await getLocale(request, user.locale)
  const inbox = await listNotifications(user)
  // Words made on the server in the reader's language, from the stored kind and params.
  const items = inbox.items.map((n) => ({
    id: n.id,
    link: n.link,
    read: n.readAt !== null,
    createdAt: n.createdAt,
    ...notificationText(n.kind, n.params, isLocale(locale) ? locale : DEFAULT_LOCALE),
  }))
  return json({ items, unread: inbox.unread, total: inbox.total })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent'))
  if (intent !== 'read' && intent !== 'read-all') throw new Response('Unknown intent', { status: 400 })
  const ids = intent === 'read-all' ? 'all' : formData.getAll('id').map(String)
  await markNotificationsRead(user, ids).catch(toResponse)
  return redirectWithToast('/inbox', { type: 'success', message: 'notifications.inbox.markedRead' })
}

export default function InboxPage() {
  const { items, unread, total } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const navigation = useNavigation()
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE
  return (
    <div className="max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t('notifications.inbox.title')}</h1>
        <p className="text-slate-700">{t('notifications.inbox.intro')}</p>
        {total ? <p className="text-sm text-slate-700">{t('notifications.inbox.count', { unread, total })}</p> : null}
      </header>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('notifications.inbox.markAllRead')}
          </Button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t('notifications.inbox.empty')}</p>
      ) : (
        <ul className="space-y-3" aria-label={t('notifications.inbox.title')}>
          {items.map((n) => (
            <li key={n.id} className={`rounded-lg border p-4 ${n.read ? 'border-slate-200 bg-white' : 'border-brand-700 bg-brand-50'}`}>
              <article aria-labelledby={`n-${n.id}`} className="space-y-2">
                <h2 id={`n-${n.id}`} className="font-semibold">
                  {n.read ? null : (
                    <span className="bg-brand-700 mr-2 rounded px-1.5 py-0.5 text-xs font-bold text-white">{t('notifications.inbox.unread')}</span>
                  )}
                  {n.title}
                </h2>
                <p>{n.text}</p>
                <p className="text-sm text-slate-700">{t('notifications.inbox.received', { date: formatDateTime(n.createdAt, locale) })}</p>
                <div className="flex flex-wrap items-center gap-4">
                  <Link to={n.link} className="text-brand-700 underline">
                    {t('notifications.inbox.open')}
                    <span className="sr-only">: {n.title}</span>
                  </Link>
                  {n.read ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="read" />
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="text-brand-700 text-sm underline">
                        {t('notifications.inbox.markRead')}
                        <span className="sr-only">: {n.title}</span>
                      </button>
                    </Form>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
