// A sign-in in progress, kept for a few minutes in its own signed, httpOnly
// cookie: the password step waiting for a TOTP code, or a single sign-on
// round trip's state, nonce and PKCE verifier. Nothing in it grants access.
import { signedCookie } from './signed-cookie.server'

type Flow<T> = {
  read(request: Request): Promise<T | null>
  /** The Set-Cookie header that stores `value`. */
  write(value: T): Promise<string>
  /** The Set-Cookie header that removes it. */
  clear(): Promise<string>
}

function signedFlow<T extends object>(name: string, maxAgeSeconds: number, path = '/'): Flow<T> {
  const get = signedCookie(name, maxAgeSeconds, path)
  return {
    async read(request) {
      const value = (await get().parse(request.headers.get('Cookie'))) as (T & { until?: number }) | null
      // The cookie's Max-Age is the browser's to honour; the time inside is ours.
      return value && typeof value === 'object' && typeof value.until === 'number' && value.until > Date.now() ? value : null
    },
    write: (value) => get().serialize({ ...value, until: Date.now() + maxAgeSeconds * 1000 }),
    clear: () => get().serialize('', { maxAge: 0 }),
  }
}

export const pendingTwoFactor = signedFlow<{ userId: string; email: string; redirectTo: string }>('__avlast_2fa', 5 * 60)

export const oidcFlow = signedFlow<{ state: string; nonce: string; codeVerifier: string; redirectTo: string }>('__avlast_oidc', 10 * 60, '/auth/oidc')
