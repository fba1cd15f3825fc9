// The rendered-page cache of the production server (app/utils/page-cache.server.ts):
// a page served again carries a nonce of its own, a committed change shows at
// once, and the cache never outlives a session or shows one user another's page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getActorById } from '~/utils/auth.server'
import { setUnitOpenCases } from '~/models/case-types.server'
import { createArea, createUnit, createUser, sessionCookie } from '../factories'
import { ensureBuild, startServer, type AppServer } from './support'

let server: AppServer
const TOKEN = 'metrics-token-0123456789'

beforeAll(async () => {
  ensureBuild()
  // Entries that would live a minute: only the session and the data version can end them early.
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL, READ_MODEL_TTL_MS: '60000', METRICS_TOKEN: TOKEN })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })
/** The server's page-cache lookups so far (/metrics). */
async function lookups() {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text()
  const count = (result: string) => Number(new RegExp(`^avlast_page_cache_lookups\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN)
  return { hits: count('hit'), misses: count('miss') }
}
const scriptNonces = (html: string) => [...new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]))]
const cspNonce = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1]

describe('the page cache', () => {
  test('the situation picture served again: the same page with a nonce of its own, and a committed change at once', async () => {
    const area = await createArea({ casesPerFte: 20 })
    const unit = await createUnit({ areaId: area.id, openCases: 40, name: 'Enheten i cachen' })
    // A change committed between the two requests (the server's own start-up
    // jobs, say) rightly renders the page again: then try once more, as a new person.
    let attempt = 0
    let cookie: string, before: { hits: number; misses: number }, first: Response, second: Response, firstHtml: string, secondHtml: string
    do {
      cookie = await sessionCookie((await createUser({ role: 'CENTRAL', name: `Cecilia Central ${attempt}` })).id)
      before = await lookups()
      first = await get('/situation', cookie)
      firstHtml = await first.text()
      second = await get('/situation', cookie)
      secondHtml = await second.text()
    } while ((await lookups()).hits === before.hits && ++attempt < 4)
    // Rendered once, served once from the cache.
    expect(await lookups()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 })
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    // Each answer's scripts carry the nonce its own CSP header allows, and no two answers share one.
    expect(scriptNonces(firstHtml)).toEqual([cspNonce(first)])
    expect(scriptNonces(secondHtml)).toEqual([cspNonce(second)])
    expect(cspNonce(first)).not.toBe(cspNonce(second))
    expect(secondHtml.replaceAll(cspNonce(second)!, 'N')).toBe(firstHtml.replaceAll(cspNonce(first)!, 'N'))

    // A manager changes the unit's open cases: the next request shows the new figure.
    const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
    await setUnitOpenCases((await getActorById(manager.id))!, unit.id, 57)
    const after = await (await get('/situation', cookie)).text()
    expect(after).toContain('57')
    expect(after).not.toBe(secondHtml)
    expect((await lookups()).misses).toBe(before.misses + 2)
  }, 60_000)

  test('each signed-in person gets their own page, and a page cached for a session ends with it', async () => {
    const first = await createUser({ role: 'CENTRAL', name: 'Första Centralen' })
    const second = await createUser({ role: 'CENTRAL', name: 'Andra Centralen' })
    const [cookieA, cookieB] = [await sessionCookie(first.id), await sessionCookie(second.id)]
    expect(await (await get('/situation', cookieA)).text()).toContain('Första Centralen')
    const theirs = await (await get('/situation', cookieB)).text()
    expect(theirs).toContain('Andra Centralen')
    expect(theirs).not.toContain('Första Centralen')

    // Signed out: the cookie no longer opens the page, cached or not.
    const out = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookieA, Origin: server.url } })
    expect(out.status).toBe(302)
    const refused = await get('/situation', cookieA)
    expect(refused.status).toBe(302)
    expect(refused.headers.get('Location')).toMatch(/^\/login/)
    expect((await get('/situation', cookieB)).status).toBe(200)
  }, 60_000)
})
