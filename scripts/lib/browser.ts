// Which browser the e2e tests drive, in this order: CHROMIUM_PATH, Playwright's
// own Chromium (`npx playwright install chromium`), the system's Chromium
// (Debian's `chromium`), then an installed Google Chrome through Playwright's
// `channel: 'chrome'` (a Mac or Windows laptop). None: a message naming the
// commands that install one.
import fs from 'node:fs'
import { chromium } from '@playwright/test'

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium']
const GOOGLE_CHROME = [
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
  `${process.env.LOCALAPPDATA ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
]

export type BrowserChoice = { kind: 'path'; executablePath: string } | { kind: 'playwright' } | { kind: 'chrome' }

type Probe = { exists: (file: string) => boolean; env: NodeJS.ProcessEnv; playwrightChromium: () => string }

const probe: Probe = { exists: (file) => fs.existsSync(file), env: process.env, playwrightChromium: () => chromium.executablePath() }

export const NO_BROWSER_MESSAGE = [
  'No browser for the e2e tests. Install one of:',
  '  npx playwright install chromium      (Playwright’s own Chromium; macOS, Windows, most Linux)',
  '  sudo apt-get install chromium        (Debian and Ubuntu)',
  '  Google Chrome                        (used through Playwright’s channel "chrome")',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
].join('\n')

export function chooseBrowser(p: Probe = probe): BrowserChoice | null {
  if (p.env.CHROMIUM_PATH) return { kind: 'path', executablePath: p.env.CHROMIUM_PATH }
  try {
    if (p.exists(p.playwrightChromium())) return { kind: 'playwright' }
  } catch {
    // Playwright's browser is not installed.
  }
  const system = SYSTEM_CHROMIUM.find(p.exists)
  if (system) return { kind: 'path', executablePath: system }
  if (GOOGLE_CHROME.some(p.exists)) return { kind: 'chrome' }
  return null
}

/** Playwright `use` options for the chosen browser. */
export function browserLaunchOptions(choice = chooseBrowser()) {
  if (!choice) return {}
  if (choice.kind === 'chrome') return { channel: 'chrome' as const }
  if (choice.kind === 'playwright') return {}
  return {
    launchOptions: {
      executablePath: choice.executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  }
}

export function hasBrowser() {
  return chooseBrowser() !== null
}
