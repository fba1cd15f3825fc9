import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { PDFParse } from 'pdf-parse'
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, test, toast } from './fixtures'

const root = path.resolve(import.meta.dirname, '..')
const PORT = Number(process.env.E2E_PORT ?? 3100)
const LATER_PORT = PORT + 1

/**
 * A second instance of the app on the same database with its clock 15 days
 * ahead (CLOCK_OFFSET_DAYS, honoured only outside production): what central
 * sees when nobody has updated the figures for 15 days.
 */
async function startLaterInstance(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['build/server.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${path.join(root, '.tmp/e2e.db')}`,
      NODE_ENV: 'test',
      PORT: String(LATER_PORT),
      WEB_CONCURRENCY: '1',
      CLOCK_OFFSET_DAYS: '15',
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-session-secret-0123456789abcdefghij',
    },
  })
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://localhost:${LATER_PORT}/login`).then((r) => r.ok, () => false)
    if (up) return server
    await new Promise((r) => setTimeout(r, 200))
  }
  server.kill()
  throw new Error('the later instance did not start')
}

test('a manager enters counts per case type; the points and load change; 15 days later central sees the unit flagged stale', async ({ page, loginAs, browser }) => {
  await loginAs('manager')
  await expect(page.getByRole('heading', { level: 1, name: 'Barn och unga Utredning Norr' })).toBeVisible()
  const counts = page.getByRole('group', { name: 'Öppna ärenden per ärendetyp' })
  const figure = page.getByRole('definition').filter({ hasText: /ärenden, .* poäng/ }).first()
  const loadBefore = await page.getByRole('definition').filter({ hasText: '%' }).first().innerText()

  await counts.getByLabel('Utredning (vikt 1,5)').fill('-2')
  await page.getByRole('button', { name: 'Spara ärendeantal' }).click()
  await expect(counts.getByText('Antalet kan inte vara negativt.')).toBeVisible()
  await expect(counts.getByLabel('Utredning (vikt 1,5)')).toHaveAttribute('aria-invalid', 'true')

  await counts.getByLabel('Förhandsbedömning (vikt 0,5)').fill('40')
  await counts.getByLabel('Utredning (vikt 1,5)').fill('120')
  await counts.getByLabel('Uppföljning (vikt 1)').fill('60')
  await page.getByRole('button', { name: 'Spara ärendeantal' }).click()
  await expect(toast(page)).toContainText('Ärendeantalet är uppdaterat.')
  // 40 × 0,5 + 120 × 1,5 + 60 × 1 = 260 points in 220 cases.
  await expect(figure).toHaveText('220 ärenden, 260 poäng')
  await expect(page.getByRole('definition').filter({ hasText: '%' }).first()).not.toHaveText(loadBefore)
  await expect(page.getByText(/Uppdaterad .* Inaktuell/)).toHaveCount(0)
  await expectAccessible(page)

  // Today central sees the new figures, not flagged.
  const central = await browser.newContext()
  const now = await central.newPage()
  await signInAt(now, `http://localhost:${PORT}`)
  await now.goto(`http://localhost:${PORT}/situation`)
  const row = now.getByRole('row', { name: /Barn och unga Utredning Norr/ })
  await expect(row).toContainText('220 ärenden, 260 poäng')
  await expect(row).not.toContainText('Inaktuell')
  await central.close()

  const later = await startLaterInstance()
  try {
    const context = await browser.newContext()
    const page15 = await context.newPage()
    await signInAt(page15, `http://localhost:${LATER_PORT}`)
    await page15.goto(`http://localhost:${LATER_PORT}/situation`)
    const stale = page15.getByRole('row', { name: /Barn och unga Utredning Norr/ })
    await expect(stale).toContainText('220 ärenden, 260 poäng')
    await expect(stale).toContainText('Inaktuell')
    await expectAccessible(page15)
    await context.close()
  } finally {
    later.kill()
  }
})

async function signInAt(page: Page, base: string) {
  await page.goto(`${base}/login`)
  await page.getByLabel('E-postadress').fill(DEMO.central)
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

test('central comments on the week’s report and downloads it as a PDF with the week, the figures and the comment', async ({ page, loginAs }) => {
  await loginAs('central')
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Veckorapport' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Lägesbild vecka \d{4}-W\d{2}/ })).toBeVisible()
  const week = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Lägesbild vecka ', '')
  await page.getByLabel('Central enhets kommentar till nämnden').fill('Barn och unga har fortsatt högt tryck; två behov är delvis tillsatta.')
  await page.getByRole('button', { name: 'Spara kommentaren' }).click()
  await expect(toast(page)).toContainText('Kommentaren är sparad.')
  await expect(page.getByText('Barn och unga har fortsatt högt tryck; två behov är delvis tillsatta.').first()).toBeVisible()
  // The change in load is in percentage points, not per cent.
  await expect(page.getByText(/^Sedan förra veckan: [+−±]\d+ procentenhet(er)?$/)).toBeVisible()
  await expectAccessible(page)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner PDF' }).click()])
  expect(download.suggestedFilename()).toBe(`lagesbild-${week}.pdf`)
  const file = await download.path()
  const parser = new PDFParse({ data: new Uint8Array(fs.readFileSync(file)) })
  const { text } = await parser.getText()
  await parser.destroy()
  expect(text).toContain('Exempelkommunen')
  expect(text).toContain(`Lägesbild vecka ${week}`)
  expect(text).toContain('Barn och unga')
  expect(text).toMatch(/\d+ ärenden, \d[\d\s]* poäng/)
  expect(text).toMatch(/\d+ % \([+\-±]\d+ procentenhet(er)?\)/)
  expect(text).toContain('Barn och unga har fortsatt högt tryck')

  // Last week's report opens from the list, with the comment kept from the demo.
  await page.getByRole('navigation', { name: 'Tidigare veckor' }).getByRole('link').nth(1).click()
  await expect(page.getByText('Veckan är avslutad: siffrorna är sparade som de var.')).toBeVisible()
  await expect(page.getByText('Trycket inom barn och unga fortsätter att öka.')).toBeVisible()
})
