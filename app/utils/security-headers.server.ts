/** The Content-Security-Policy: scripts run only with this response's nonce. */
export function cspDirectives(nonce: string, isDev: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(isDev ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
}

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()'

/**
 * Headers every HTML response carries when no server in front sets them
 * (`remix dev`); the production server sets them for every response with helmet.
 */
export function securityHeaders(nonce: string, isDev: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': Object.entries(cspDirectives(nonce, isDev))
      .map(([name, values]) => `${name} ${values.join(' ')}`)
      .join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}
