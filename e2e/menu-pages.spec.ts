// Finding 11: every page the menu links to opens with its scripts running and
// without a console error or a failed script, for every role. The links are
// read from the menu itself, so a page added to the menu is covered the day
// it is added; server-only code in the client bundle (Buffer, csv-parse…)
// shows up here as a ReferenceError.
import { expect, test, type DemoRole } from './fixtures'

const ROLES: DemoRole[] = ['central', 'manager', 'staff']

const isAtOrBelow = (pathname: string, target: string) => pathname === target || (target !== '/' && pathname.startsWith(`${target.replace(/\/$/, '')}/`))

for (const role of ROLES) {
  test(`${role}: every menu page, reached by clicking, hydrates without console errors`, async ({ page, loginAs }) => {
    test.setTimeout(120_000)
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${page.url()}: console.error ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.name}: ${error.message}`))
    await loginAs(role)
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' })
    // The URL leaves /login when the navigation commits, before the page is drawn.
    await expect(menu.getByRole('link').first()).toBeVisible()
    const links = await menu.getByRole('link').evaluateAll((as) => as.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })))
    expect(links.length, 'menu links').toBeGreaterThan(1)
    for (const { name, href } of links) {
      await menu.getByRole('link', { name, exact: true }).first().click()
      const arrived = await page
        // A link may land on a page below it (Veckorapport opens this week's report).
        .waitForURL((url) => isAtOrBelow(url.pathname, new URL(href, 'http://x').pathname), { timeout: 15_000 })
        .then(() => true)
        .catch(() => false)
      if (!arrived) {
        problems.push(`${href}: clicking "${name}" did not open it (still on ${page.url()})`)
        await page.goto(href)
      }
      await page.waitForLoadState('networkidle')
      // Scripts run: the client router answers (a reload-free navigation back to the start page works).
      expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter), `${href}: the app did not start`).toBe(
        'object',
      )
      await expect(page.getByRole('heading', { level: 1 }).first(), href).toBeVisible()
    }
    expect(problems).toEqual([])
  })
}
