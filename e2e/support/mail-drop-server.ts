// The e2e run's SMTP server as its own process, started by Playwright before
// the app (playwright.config.ts webServer), so even mail sent while the app
// starts is delivered. Each message lands in E2E_MAIL_DIR (e2e/support/smtp.ts).
import { startMailDrop } from './smtp'

const stop = await startMailDrop()
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop().then(() => process.exit(0)))
