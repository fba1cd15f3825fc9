import { defineConfig, devices } from '@playwright/test'
import { browserLaunchOptions } from './scripts/lib/browser'
import { E2E_SMTP_PORT } from './e2e/support/smtp'

const PORT = Number(process.env.E2E_PORT ?? 3100)

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
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
  webServer: {
    command: 'tsx scripts/e2e-server.ts',
    url: `http://localhost:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Mail goes to the loopback SMTP server e2e/global-setup.ts starts for the run.
    env: { E2E_PORT: String(PORT), SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`, MAIL_FROM: 'Avlast <avlast@e2e.avlast.se>' },
  },
})
