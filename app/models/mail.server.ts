// E-mail for notifications: the job that sends one message, through SMTP
// (nodemailer, SMTP_URL) after the change that caused it has committed. A
// failure throws, and the job queue retries it (30 s at first, doubling, at
// most five minutes: app/jobs/backoff.ts). A message is sent at least once;
// a copy after a crash carries the same Message-ID.
import nodemailer, { type Transporter } from 'nodemailer'
import { isLocale, DEFAULT_LOCALE, getFixedT } from '~/i18n'
import { defineJob } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { notificationText, type NotificationParams } from './notifications-text'

let transport: { url: string; transporter: Transporter } | undefined

function transporter(url: string) {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) }
  return transport.transporter
}

/** Where links in e-mail point: APP_URL, or this server on the loopback (a development setup). */
export function appBaseUrl() {
  const env = getEnv()
  return env.APP_URL ?? `http://localhost:${env.PORT}`
}

/** One notification's Message-ID, the same on every attempt, in the domain of APP_URL. */
export function notificationMessageId(notificationId: string) {
  return `<notification-${notificationId}@${new URL(appBaseUrl()).hostname}>`
}

/** The message for one notification, in its recipient's locale; null when it is not to be sent (gone, e-mail turned off, account closed). */
export async function composeNotificationMail(notificationId: string) {
  const n = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      kind: true,
      params: true,
      link: true,
      user: { select: { email: true, name: true, locale: true, emailNotifications: true, active: true } },
    },
  })
  if (!n || !n.user.emailNotifications || !n.user.active) return null
  const locale = isLocale(n.user.locale) ? n.user.locale : DEFAULT_LOCALE
  const t = getFixedT(locale)
  const { title, text } = notificationText(n.kind, n.params as NotificationParams, locale)
  const base = appBaseUrl()
  const body = [
    t('notifications.mail.greeting', { name: n.user.name }),
    '',
    text,
    '',
    t('notifications.mail.open', { url: new URL(n.link, base).href }),
    '',
    '-- ',
    t('notifications.mail.settings', { url: new URL('/account#notifications-heading', base).href }),
  ].join('\n')
  return { id: n.id, kind: n.kind, to: n.user.email, subject: title, text: body, locale }
}

export const notificationMailJob = defineJob<{ notificationId: string }>('notification.mail', async ({ notificationId }) => {
  const mail = await composeNotificationMail(notificationId)
  if (!mail) return
  const env = getEnv()
  if (!env.SMTP_URL) {
    // No SMTP server configured (development, a trial): the message is not
    // sent and stays readable in the inbox. Only its id and kind are logged,
    // never the address or the text, which name people (no personal data in
    // logs), unless a development machine asks for the whole message.
    const message = env.MAIL_LOG === 'full' ? { to: mail.to, subject: mail.subject, text: mail.text } : {}
    logger.info({ notificationId: mail.id, kind: mail.kind, ...message }, 'mail not sent, no SMTP_URL')
    return
  }
  await transporter(env.SMTP_URL).sendMail({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    // The same Message-ID every time it is sent: a message sent again (the
    // process died after sending, before the job was marked done) is a
    // duplicate that mail servers and clients recognise and drop.
    messageId: notificationMessageId(mail.id),
    headers: { 'Content-Language': mail.locale, 'X-Avlast-Notification': mail.id },
  })
  logger.info({ notificationId: mail.id, kind: mail.kind }, 'mail sent')
})
