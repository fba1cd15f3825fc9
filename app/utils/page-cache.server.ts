// The rendered HTML of the pages everyone keeps open (the situation picture,
// the matching page), kept per signed-in browser: the same cookies, the same
// address and the same data version give the same page, so it is served again
// without running its loaders or React. The session is checked on every
// request (signed out, expired or deactivated: Remix answers as ever); the
// data version (data-version.server.ts) goes up with every committed change
// anywhere; READ_MODEL_TTL_MS (at most 10 s here) bounds an entry's age for
// what changes without a commit (the date). Only a plain 200 HTML answer that sets no cookie is
// kept (a toast is shown once). Each answer gets its own CSP nonce: the one
// the page was rendered with is replaced. An LRU bounded by bytes
// (PAGE_CACHE_MB) per worker.
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { getUser } from './auth.server'
import { currentDataVersion } from './data-version.server'
import { getEnv } from './env.server'

const CACHED_PAGES = new Set(['/situation', '/matching'])

type Page = { body: string; nonce: string; headers: [string, string][]; version: number; userId: string; at: number }

const { READ_MODEL_TTL_MS, PAGE_CACHE_MB } = getEnv()
// At most 10 s even when read models live longer: what changes without a commit (a matching lock
// that expires, a unit's figures turning stale, the week) shows within that.
const PAGE_TTL_MS = Math.min(READ_MODEL_TTL_MS, 10_000)
const pages = new LRUCache<string, Page>({ maxSize: PAGE_CACHE_MB * 1024 * 1024, sizeCalculation: (page) => 2 * page.body.length + 1024 })
export const pageCacheStats = { hits: 0, misses: 0 }

/** Whether `request` may be answered from the page cache. */
function cacheable(request: Request, url: URL) {
  return PAGE_TTL_MS > 0 && request.method === 'GET' && CACHED_PAGES.has(url.pathname) && !url.searchParams.has('_data') && request.headers.has('Cookie')
}

/** Everything of the request the page may depend on besides the data: address, cookies, languages. */
function keyOf(request: Request, url: URL) {
  return createHash('sha256')
    .update(`${url.pathname}${url.search}\n${request.headers.get('Cookie')}\n${request.headers.get('Accept-Language') ?? ''}`)
    .digest('base64url')
}

/**
 * `render()`'s answer to `request`, or the same page rendered earlier for the
 * same browser at the current data version, with `nonce` in place of the
 * nonce it was rendered with.
 */
export async function servePage(request: Request, nonce: string, render: () => Promise<Response>): Promise<Response> {
  const url = new URL(request.url)
  if (!nonce || !cacheable(request, url)) return render()
  // The lookup never breaks a page: if the database cannot answer it, Remix answers (with its own error page).
  const found = await lookUp(request, url).catch(() => null)
  if (!found) return render()
  const { key, version, userId, hit } = found
  if (hit) {
    pageCacheStats.hits++
    return new Response(hit.body.replaceAll(hit.nonce, nonce), { status: 200, headers: hit.headers })
  }
  pageCacheStats.misses++
  const response = await render()
  if (response.status !== 200 || response.headers.has('Set-Cookie') || !response.headers.get('Content-Type')?.startsWith('text/html')) return response
  const body = await response.text()
  // Only what describes the page itself is replayed.
  const headers = [...response.headers].filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))
  pages.set(key, { body, nonce, headers, version, userId, at: Date.now() })
  return new Response(body, { status: 200, headers: response.headers })
}

const KEPT_HEADERS = new Set(['content-type', 'cache-control', 'vary', 'content-language'])

/** The signed-in user, the data version (read before rendering: a change committed meanwhile leaves the entry older) and a fresh entry, if any. */
async function lookUp(request: Request, url: URL) {
  const user = await getUser(request)
  if (!user) return null
  const version = await currentDataVersion()
  const key = keyOf(request, url)
  const entry = pages.get(key)
  const fresh = entry && entry.version === version && entry.userId === user.id && Date.now() - entry.at < PAGE_TTL_MS ? entry : null
  return { key, version, userId: user.id, hit: fresh }
}

/** Empties this worker's page cache (tests). */
export function clearPageCache() {
  pages.clear()
}
