// The SMTP port the e2e app sends to (playwright.config.ts sets SMTP_URL);
// e2e/notifications.spec.ts listens there while it runs. Mail sent while
// nothing listens fails and is retried, as it would be in production.
export const E2E_SMTP_PORT = Number(process.env.E2E_PORT ?? 3100) + 25
