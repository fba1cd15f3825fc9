// A refused download is a page a person can read: plain text in their language, not JSON with a message key.
import { expect, test } from 'vitest'
import { call, createUser, request, sessionCookie } from '../../tests/factories'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'
import { loader as csvLoader } from './reports.weekly.$week[.csv]'
import { loader as pdfLoader } from './reports.weekly.$week[.pdf]'

test('the weekly PDF and CSV of a week not yet begun answer 400 with the reason in words', async () => {
  const user = await createUser({ role: 'STAFF' })
  const week = isoWeekId(addWeeks(weekStart(today()), 2))
  for (const [loader, ext] of [[pdfLoader, 'pdf'], [csvLoader, 'csv']] as const) {
    const response = await call(async () => loader({ request: request(`/reports/weekly/${week}.${ext}`, { cookie: await sessionCookie(user.id) }), params: { week }, context: {} }))
    expect(response.status, ext).toBe(400)
    expect(response.headers.get('Content-Type')).toContain('text/plain')
    expect(await response.text()).toBe('Ange en vecka som 2026-W49, och inte en kommande vecka.')
  }
})
