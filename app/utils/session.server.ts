import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv, secureCookies } from './env.server'

type SessionData = { sessionId: string }

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined

// The cookie carries only a signed session id; the session itself is a row,
// so it can expire, be rotated on sign-in and be revoked on sign-out.
export function getSessionStorage() {
  if (storage) return storage
  const env = getEnv()
  storage = createCookieSessionStorage<SessionData>({
    cookie: {
      name: '__avlast_session',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secureCookies(),
      secrets: [env.SESSION_SECRET],
      maxAge: env.SESSION_MAX_AGE_HOURS * 3600,
    },
  })
  return storage
}

export const SESSION_KEY = 'sessionId' as const
