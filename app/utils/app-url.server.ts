import { getEnv } from './env.server'

/**
 * Where users reach Avlast: APP_URL when set (behind a proxy the request's
 * own URL may name an inner host), else the origin the request came to.
 * Links Avlast hands out and the single sign-on redirect are built on it.
 */
export function appOrigin(request: Request): string {
  return getEnv().APP_URL ?? new URL(request.url).origin
}
