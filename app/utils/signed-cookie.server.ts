import { createCookie } from '@remix-run/node'
import { getEnv, secureCookies } from './env.server'

/**
 * A signed, httpOnly, SameSite=Lax cookie, made on first use (the secret is
 * read from the environment then, not at import).
 */
export function signedCookie(name: string, maxAgeSeconds: number, path = '/') {
  let cookie: ReturnType<typeof createCookie> | undefined
  return () =>
    (cookie ??= createCookie(name, {
      httpOnly: true,
      sameSite: 'lax',
      path,
      secure: secureCookies(),
      secrets: [getEnv().SESSION_SECRET],
      maxAge: maxAgeSeconds,
    }))
}
