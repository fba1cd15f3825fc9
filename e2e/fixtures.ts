import AxeBuilder from '@axe-core/playwright'
import { expect, test as base, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'avlast-demo'
export const DEMO = {
  central: 'central@demo.avlast.se',
  manager: 'chef@demo.avlast.se',
  staff: 'medarbetare@demo.avlast.se',
} as const
export type DemoRole = keyof typeof DEMO

export async function signIn(page: Page, role: DemoRole) {
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill(DEMO[role])
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

/** The message after a change (a polite live region). */
export const toast = (page: Page) => page.getByRole('status', { name: 'Meddelande' })

export const test = base.extend<{ loginAs: (role: DemoRole) => Promise<void> }>({
  loginAs: async ({ page }, provide) => {
    await provide((role) => signIn(page, role))
  },
})

export { expect }
