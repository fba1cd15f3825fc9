import { defineConfig, devices } from '@playwright/test'
import { browserLaunchOptions } from './scripts/lib/browser'
import { E2E_SMTP_PORT } from './e2e/support/smtp'

const PORT = Number(process.env.E2E_PORT ?? 3100)

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Playwright's own Chromium, Debian's chromium or Google Chrome (scripts/lib/browser.ts).
        ...browserLaunchOptions(),
      },
    },
  ],
  webServer: [
    {
      // The loopback SMTP server every spec's mail goes to, up before the app sends any.
      command: 'tsx e2e/support/mail-drop-server.ts',
      port: E2E_SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'tsx scripts/e2e-server.ts',
      url: `http://localhost:${PORT}/login`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // Mail goes to the loopback SMTP server above.
      env: { E2E_PORT: String(PORT), SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`, MAIL_FROM: 'Avlast <avlast@e2e.avlast.se>' },
    },
  ],
})
