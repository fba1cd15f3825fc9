// CSRF defence for every state-changing request, in one place. A request
// that carries cookies must show it comes from this site: Sec-Fetch-Site
// `same-origin`, or an Origin (else Referer) with this site's scheme, host
// and port. Without any of them it is refused: every current browser sends
// Origin on a POST. Requests without cookies (integrations with a token,
// curl) cannot ride on a user's session. Session cookies are also SameSite=Lax.
import { getEnv } from './env.server'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * This site's origin as the browser sees it: APP_URL when set (the address
 * users reach Avlast at, not a header anyone can write); else, behind
 * TRUST_PROXY proxies, the forwarded host and scheme our own proxy added
 * (TRUST_PROXY hops from the right, as for the client address), never a
 * client-written leftmost value; else the request's own.
 */
function expectedOrigin(request: Request) {
  const env = getEnv()
  if (env.APP_URL) return new URL(env.APP_URL).origin.toLowerCase()
  const url = new URL(request.url)
  if (env.TRUST_PROXY > 0) {
    const hop = (name: string) => {
      const values = request.headers.get(name)?.split(',').map((v) => v.trim()).filter(Boolean) ?? []
      return values.length ? values[Math.max(0, values.length - env.TRUST_PROXY)] : undefined
    }
    const host = hop('x-forwarded-host')
    if (host) return `${hop('x-forwarded-proto') ?? url.protocol.replace(':', '')}://${host}`.toLowerCase()
  }
  return url.origin.toLowerCase()
}

export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite !== null && fetchSite !== 'same-origin') return true
  const source = request.headers.get('origin') ?? request.headers.get('referer')
  if (!source) return fetchSite === null && request.headers.has('cookie')
  if (source === 'null') return true
  try {
    return new URL(source).origin.toLowerCase() !== expectedOrigin(request)
  } catch {
    return true
  }
}

export function assertSameOrigin(request: Request) {
  if (isCrossSiteRequest(request)) {
    throw new Response('Cross-site request refused', { status: 403 })
  }
}
