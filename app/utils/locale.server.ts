import { createCookie } from '@remix-run/node'
import { DEFAULT_LOCALE, isLocale, type Locale } from '~/i18n'

export const localeCookie = createCookie('avlast_lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
})

/** The user's saved choice, then the cookie, then the browser; Swedish by default. */
export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale
  const fromCookie = await localeCookie.parse(request.headers.get('Cookie'))
  if (isLocale(fromCookie)) return fromCookie
  const accept = request.headers.get('Accept-Language') ?? ''
  const first = accept.split(',')[0]?.trim().slice(0, 2).toLowerCase()
  return first === 'en' ? 'en' : DEFAULT_LOCALE
}
