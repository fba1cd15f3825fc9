// Sign-in throttling with rate-limiter-flexible on its Prisma store, so every
// worker and instance counts the same attempts. An attempt takes its point
// before the password is checked, atomically in the database, so parallel
// guesses cannot slip past the limit. Limits are per (account, client
// address) and per address: nobody can lock an account out for people at
// other addresses (docs/decisions/004-login-throttle-store.md). Keys are
// keyed hashes; no e-mail or address is stored.
import crypto from 'node:crypto'
import ipaddr from 'ipaddr.js'
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

const WINDOW_SECONDS = 15 * 60
export const LOGIN_LIMITS = { accountAndAddress: 10, address: 100, windowMinutes: WINDOW_SECONDS / 60 } as const
const PREFIX = { accountAndAddress: 'login-account', address: 'login-address' } as const

function limiter(keyPrefix: string, points: number) {
  // Expired rows go in the daily retention job, not a timer in every process.
  return new RateLimiterPrisma({ storeClient: prisma, tableName: 'rateLimiterFlexible', keyPrefix, points, duration: WINDOW_SECONDS, clearExpiredByTimeout: false })
}

let limiters: { accountAndAddress: RateLimiterPrisma; address: RateLimiterPrisma } | undefined
const getLimiters = () => (limiters ??= { accountAndAddress: limiter(PREFIX.accountAndAddress, LOGIN_LIMITS.accountAndAddress), address: limiter(PREFIX.address, LOGIN_LIMITS.address) })

const hash = (kind: string, value: string) => crypto.createHmac('sha256', getEnv().SESSION_SECRET).update(`${kind}:${value}`).digest('base64url').slice(0, 22)
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
  return { accountAndAddress: `${accountKey(email)}:${address}`, address }
}

/** The stored row keys for an attempt (tests). */
export function throttleRowKeys(email: string, ip: string | null) {
  const k = keys(email, ip)
  return { accountAndAddress: `${PREFIX.accountAndAddress}:${k.accountAndAddress}`, address: `${PREFIX.address}:${k.address}` }
}

/**
 * Takes one attempt for this account from this address; false when either
 * limit is reached, and then the password must not be checked.
 */
export async function takeSignInAttempt(email: string, ip: string | null): Promise<boolean> {
  const k = keys(email, ip)
  const { accountAndAddress, address } = getLimiters()
  try {
    await Promise.all([accountAndAddress.consume(k.accountAndAddress), address.consume(k.address)])
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}

/** A correct password gives the attempt back: only failures count. */
export async function signInSucceeded(email: string, ip: string | null) {
  const k = keys(email, ip)
  const { accountAndAddress, address } = getLimiters()
  await Promise.all([accountAndAddress.delete(k.accountAndAddress), address.reward(k.address, 1)])
}

const accountRows = (email: string) => ({ key: { startsWith: `${PREFIX.accountAndAddress}:${accountKey(email)}:` } })

/** This person's throttle counters (for their personal-data export). */
export function throttleRowsFor(emails: string[]) {
  return prisma.rateLimiterFlexible.findMany({ where: { OR: emails.map(accountRows) }, select: { points: true, expire: true }, orderBy: { expire: 'asc' } })
}

/** Removes this person's throttle counters (erasure). */
export async function deleteThrottleRowsFor(tx: Pick<typeof prisma, 'rateLimiterFlexible'>, emails: string[]) {
  if (!emails.length) return 0
  return (await tx.rateLimiterFlexible.deleteMany({ where: { OR: emails.map(accountRows) } })).count
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

