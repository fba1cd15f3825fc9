// GET /calendar/<token>.ics: a person's private calendar feed. Opens without
// a session (calendar programs cannot sign in): the secret token is the key.
// An unknown or renewed-away token is a 404 like any missing page.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeed } from '~/models/calendar.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const file = String(params.file ?? '')
  const feed = file.endsWith('.ics') ? await calendarFeed(file.slice(0, -'.ics'.length)) : null
  if (feed === null) throw new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return new Response(feed, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="avlast.ics"',
      // Private: no shared cache keeps a person's loans; calendar programs refetch on their own schedule.
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex',
    },
  })
}
