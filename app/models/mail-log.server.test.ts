// Without SMTP_URL no mail is sent: the job still finishes, the inbox keeps
// the message, and the log line names it by id and kind. MAIL_LOG=full (a
// development machine) puts the whole message there instead; production
// refuses that setting (tests/ops/env.test.ts). The default, summary, is
// tested in mail-log-summary.server.test.ts: the env is read once per file.
import { afterEach, expect, test, vi } from 'vitest'

// Before the app's modules read the environment (it is checked once).
delete process.env.SMTP_URL
process.env.MAIL_LOG = 'full'
process.env.APP_URL = 'https://avlast.kommun.test'

const { createLoanApprovedNotification } = await import('../../tests/factories')
const { logger } = await import('~/utils/logger.server')
const { prisma } = await import('~/utils/db.server')
const { notificationMailJob } = await import('./mail.server')

afterEach(() => vi.restoreAllMocks())

test('MAIL_LOG=full: the log line holds the address, the subject and the text, and the inbox keeps the message', async () => {
  const info = vi.spyOn(logger, 'info')
  const n = await createLoanApprovedNotification('lina.lanad@kommun.test')
  await notificationMailJob.handle({ notificationId: n.id }, { id: 'job-1', attempt: 1 })
  const line = info.mock.calls.find(([, message]) => message === 'mail not sent, no SMTP_URL')
  expect(line?.[0]).toMatchObject({
    notificationId: n.id,
    kind: 'loan.approved',
    to: 'lina.lanad@kommun.test',
    subject: 'Utlån godkänt: Lina Lånad till Utredning Norr',
  })
  expect((line?.[0] as { text: string }).text).toContain('Öppna i Avlast: https://avlast.kommun.test/profile')
  expect(await prisma.notification.count({ where: { id: n.id } })).toBe(1)
})
