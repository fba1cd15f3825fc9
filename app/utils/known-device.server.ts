// Device cookies (OWASP's answer to guessing one account from many
// addresses): after a successful sign-in the browser keeps a signed,
// httpOnly cookie naming that account (as a keyed hash, never the e-mail).
// The sign-in throttle's limit per account for new devices then does not
// apply to that browser, so a guesser who reaches it cannot lock the owner
// out of their own browser.
import { keyedHash } from './keyed-hash.server'
import { signedCookie } from './signed-cookie.server'

/** The accounts a shared computer may remember; the oldest goes first. */
const MAX_ACCOUNTS = 5
const YEAR_SECONDS = 365 * 24 * 3600

// The password form and its second step are the only readers.
const get = signedCookie('__avlast_device', YEAR_SECONDS, '/login')

const mark = (email: string) => keyedHash('device', email.trim().toLowerCase())

async function marks(request: Request): Promise<string[]> {
  const value = (await get().parse(request.headers.get('Cookie'))) as unknown
  return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string').slice(0, MAX_ACCOUNTS) : []
}

/** Has this browser signed in to this account before? */
export async function isKnownDevice(request: Request, email: string) {
  return (await marks(request)).includes(mark(email))
}

/** The Set-Cookie header that remembers this account on this browser (after a full sign-in). */
export async function rememberDevice(request: Request, email: string) {
  const m = mark(email)
  return get().serialize([m, ...(await marks(request)).filter((x) => x !== m)].slice(0, MAX_ACCOUNTS))
}
