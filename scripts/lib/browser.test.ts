import { describe, expect, test } from 'vitest'
import { browserLaunchOptions, chooseBrowser, NO_BROWSER_MESSAGE } from './browser'

const machine = (files: string[], env: Record<string, string> = {}, playwright = '/home/u/.cache/ms-playwright/chromium/chrome') => ({
  exists: (file: string) => files.includes(file),
  env: env as NodeJS.ProcessEnv,
  playwrightChromium: () => playwright,
})

describe('the e2e browser', () => {
  test('CHROMIUM_PATH wins, then Playwright’s own, then Debian’s chromium', () => {
    expect(chooseBrowser(machine(['/usr/bin/chromium'], { CHROMIUM_PATH: '/x/chrome' }))).toEqual({ kind: 'path', executablePath: '/x/chrome' })
    expect(chooseBrowser(machine(['/usr/bin/chromium', '/home/u/.cache/ms-playwright/chromium/chrome']))).toEqual({ kind: 'playwright' })
    expect(chooseBrowser(machine(['/usr/bin/chromium']))).toEqual({ kind: 'path', executablePath: '/usr/bin/chromium' })
  })

  test('a Mac with Google Chrome and nothing else uses channel "chrome"', () => {
    const choice = chooseBrowser(machine(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']))
    expect(choice).toEqual({ kind: 'chrome' })
    expect(browserLaunchOptions(choice)).toEqual({ channel: 'chrome' })
  })

  test('no browser at all: none is chosen, and the message names the commands to run', () => {
    expect(chooseBrowser(machine([]))).toBeNull()
    expect(NO_BROWSER_MESSAGE).toContain('npx playwright install chromium')
    expect(NO_BROWSER_MESSAGE).toContain('apt-get install chromium')
  })
})
