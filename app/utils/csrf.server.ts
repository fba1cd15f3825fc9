// CSRF defence for every state-changing request, in one place: the browser's
// Origin (or Referer) must be this site. Session cookies are also SameSite=Lax.
// Clients without either header (curl, integrations with a token) are not
// browsers, so they cannot be tricked into sending a user's cookie.
import { getEnv } from './env.server'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function expectedHost(request: Request) {
  const forwarded = getEnv().TRUST_PROXY > 0 ? request.headers.get('x-forwarded-host') : null
  return (forwarded ?? request.headers.get('host') ?? new URL(request.url).host).toLowerCase()
}

export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  const source = request.headers.get('origin') ?? request.headers.get('referer')
  if (!source) return false
  if (source === 'null') return true
  try {
    return new URL(source).host.toLowerCase() !== expectedHost(request)
  } catch {
    return true
  }
}

export function assertSameOrigin(request: Request) {
  if (isCrossSiteRequest(request)) {
    throw new Response('Cross-site request refused', { status: 403 })
  }
}
