// Sign-in throttling with rate-limiter-flexible on its Prisma store, so every
// worker and instance counts the same attempts. An attempt takes its point
// before the password is checked, atomically in the database, so parallel
// guesses cannot slip past the limit. Limits are per (account, client
// address), per address, and per account for browsers it has never signed
// in on (device cookies: a guess spread over many addresses meets a limit,
// and the owner's own browser still gets in). Nobody can lock an account
// out for its owner (docs/decisions/004-login-throttle-store.md). Keys are
// keyed hashes; no e-mail or address is stored.
import ipaddr from 'ipaddr.js'
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible'
import { prisma } from '~/utils/db.server'
import { keyedHash as hash } from '~/utils/keyed-hash.server'

const WINDOW_SECONDS = 15 * 60
export const LOGIN_LIMITS = { accountAndAddress: 10, address: 100, accountOnNewDevices: 50, windowMinutes: WINDOW_SECONDS / 60 } as const
const PREFIX = { accountAndAddress: 'login-account', address: 'login-address', accountOnNewDevices: 'login-new-devices' } as const

function limiter(keyPrefix: string, points: number) {
  // Expired rows go in the daily retention job, not a timer in every process.
  return new RateLimiterPrisma({ storeClient: prisma, tableName: 'rateLimiterFlexible', keyPrefix, points, duration: WINDOW_SECONDS, clearExpiredByTimeout: false })
}

type Limiters = Record<keyof typeof PREFIX, RateLimiterPrisma>
let limiters: Limiters | undefined
const getLimiters = (): Limiters =>
  (limiters ??= {
    accountAndAddress: limiter(PREFIX.accountAndAddress, LOGIN_LIMITS.accountAndAddress),
    address: limiter(PREFIX.address, LOGIN_LIMITS.address),
    accountOnNewDevices: limiter(PREFIX.accountOnNewDevices, LOGIN_LIMITS.accountOnNewDevices),
  })

const accountKey = (email: string) => hash('email', email.trim().toLowerCase())
/**
 * The client a limit counts for: an IPv4 address, or an IPv6 address's /64
 * (one host or household gets a whole /64, so counting single IPv6
 * addresses would let a guesser rotate through them for free). An IPv4
 * address written as IPv6 (::ffff:198.51.100.1) counts as itself.
 */
export function addressBlock(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return ip ?? 'unknown'
  const parsed = ipaddr.process(ip)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`
}

const keys = (email: string, ip: string | null) => {
  const address = hash('ip', addressBlock(ip))
  return { accountAndAddress: `${accountKey(email)}:${address}`, address, accountOnNewDevices: accountKey(email) }
}

/** The stored row keys for an attempt (tests). */
export function throttleRowKeys(email: string, ip: string | null) {
  const k = keys(email, ip)
  return { accountAndAddress: `${PREFIX.accountAndAddress}:${k.accountAndAddress}`, address: `${PREFIX.address}:${k.address}`, accountOnNewDevices: `${PREFIX.accountOnNewDevices}:${k.accountOnNewDevices}` }
}

/**
 * Takes one attempt for this account from this address; false when a limit
 * is reached, and then the password must not be checked. `knownDevice`:
 * the browser has signed in to this account before (its device cookie),
 * so the account's limit for new devices does not apply to it.
 */
export async function takeSignInAttempt(email: string, ip: string | null, knownDevice = false): Promise<boolean> {
  const k = keys(email, ip)
  const l = getLimiters()
  try {
    await Promise.all([l.accountAndAddress.consume(k.accountAndAddress), l.address.consume(k.address), ...(knownDevice ? [] : [l.accountOnNewDevices.consume(k.accountOnNewDevices)])])
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}

/** A correct password gives the attempt back: only failures count. */
export async function signInSucceeded(email: string, ip: string | null, knownDevice = false) {
  const k = keys(email, ip)
  const l = getLimiters()
  await Promise.all([l.accountAndAddress.delete(k.accountAndAddress), l.address.reward(k.address, 1), ...(knownDevice ? [] : [l.accountOnNewDevices.reward(k.accountOnNewDevices, 1)])])
}

const accountRows = (email: string) => [{ key: { startsWith: `${PREFIX.accountAndAddress}:${accountKey(email)}:` } }, { key: `${PREFIX.accountOnNewDevices}:${accountKey(email)}` }]

/** This person's throttle counters (for their personal-data export). */
export function throttleRowsFor(emails: string[]) {
  return prisma.rateLimiterFlexible.findMany({ where: { OR: emails.flatMap(accountRows) }, select: { points: true, expire: true }, orderBy: { expire: 'asc' } })
}

/** Removes this person's throttle counters (erasure). */
export async function deleteThrottleRowsFor(tx: Pick<typeof prisma, 'rateLimiterFlexible'>, emails: string[]) {
  if (!emails.length) return 0
  return (await tx.rateLimiterFlexible.deleteMany({ where: { OR: emails.flatMap(accountRows) } })).count
}

/** The daily retention job: counters whose window has passed are deleted. */
export async function deleteExpiredThrottleRows(now = new Date()) {
  return (await prisma.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } })).count
}

/** The client's address as the server found it (the socket, or TRUST_PROXY hops back in X-Forwarded-For). */
export function clientIp(context: unknown): string | null {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp
  return typeof ip === 'string' && ip ? ip : null
}

