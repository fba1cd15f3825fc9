import fs from 'node:fs'
import { chromium } from '@playwright/test'

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/** Playwright's own Chromium when installed, else the system's (Debian's `chromium`). */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined
  } catch {
    // Playwright's browser is not installed.
  }
  return SYSTEM_CHROMIUM.find((p) => fs.existsSync(p))
}

export function hasBrowser() {
  return chromiumExecutable() !== undefined || (() => {
    try {
      return fs.existsSync(chromium.executablePath())
    } catch {
      return false
    }
  })()
}
