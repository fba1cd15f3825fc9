// The loopback SMTP server the e2e app sends to (playwright.config.ts sets
// SMTP_URL). e2e/support/mail-drop-server.ts runs it for the whole run, so mail from
// every spec is delivered (not retried against a closed port), and keeps each
// message as a file that a spec reads back with mailparser.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export const E2E_SMTP_PORT = Number(process.env.E2E_PORT ?? 3100) + 25
export const E2E_MAIL_DIR = path.join(os.tmpdir(), `avlast-e2e-mail-${E2E_SMTP_PORT}`)

/** Starts the server on the loopback; every message lands in E2E_MAIL_DIR as it arrived. */
export async function startMailDrop() {
  fs.rmSync(E2E_MAIL_DIR, { recursive: true, force: true })
  fs.mkdirSync(E2E_MAIL_DIR, { recursive: true })
  let n = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const file = path.join(E2E_MAIL_DIR, `${Date.now()}-${++n}.eml`)
      stream
        .pipe(fs.createWriteStream(file))
        .on('finish', () => callback())
        .on('error', callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(E2E_SMTP_PORT, '127.0.0.1', resolve))
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}

/** The messages delivered in this run since `since` (ms since the epoch), parsed. */
export async function deliveredMails(since = 0): Promise<ParsedMail[]> {
  const files = fs.existsSync(E2E_MAIL_DIR) ? fs.readdirSync(E2E_MAIL_DIR).filter((f) => f.endsWith('.eml') && Number(f.split('-')[0]) >= since) : []
  return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(E2E_MAIL_DIR, f)))))
}
