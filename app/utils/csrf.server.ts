// CSRF defence for every state-changing request, in one place. A request
// that carries cookies must show it comes from this site: Sec-Fetch-Site
// `same-origin`, or an Origin (else Referer) with this site's scheme, host
// and port. Without any of them it is refused: every current browser sends
// Origin on a POST. Requests without cookies (integrations with a token,
// curl) cannot ride on a user's session. Session cookies are also SameSite=Lax.
import { getEnv } from './env.server'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** This site's origin as the browser sees it (behind a trusted proxy, the proxy's). */
function expectedOrigin(request: Request) {
  const url = new URL(request.url)
  if (getEnv().TRUST_PROXY > 0) {
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim()
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
    if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`.toLowerCase()
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
