// Without SMTP_URL and with MAIL_LOG at its default (summary), as in
// production: the log line names the message by id and kind, never the
// address or the text. MAIL_LOG=full is tested in mail-log.server.test.ts.
import { afterEach, expect, test, vi } from 'vitest'

// Before the app's modules read the environment (it is checked once).
delete process.env.SMTP_URL
delete process.env.MAIL_LOG
process.env.APP_URL = 'https://avlast.kommun.test'

const { createLoanApprovedNotification } = await import('../../tests/factories')
const { logger } = await import('~/utils/logger.server')
const { prisma } = await import('~/utils/db.server')
const { notificationMailJob } = await import('./mail.server')

afterEach(() => vi.restoreAllMocks())

test('by default (summary) only the id and kind reach the log, never the address or the text', async () => {
  const info = vi.spyOn(logger, 'info')
  const n = await createLoanApprovedNotification('lina.summary@kommun.test')
  await notificationMailJob.handle({ notificationId: n.id }, { id: 'job-1', attempt: 1 })
  const line = info.mock.calls.find(([, message]) => message === 'mail not sent, no SMTP_URL')
  expect(line?.[0]).toEqual({ notificationId: n.id, kind: 'loan.approved' })
  expect(JSON.stringify(info.mock.calls)).not.toContain('lina.summary@kommun.test')
  expect(JSON.stringify(info.mock.calls)).not.toContain('Lina Lånad')
  expect(await prisma.notification.count({ where: { id: n.id } })).toBe(1)
})
