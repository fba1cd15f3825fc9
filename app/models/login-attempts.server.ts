import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

const WINDOW_MS = 15 * 60_000
const LIMITS = { email: 10, ip: 50 } as const

function keysFor(email: string, ip: string | null) {
  return [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])]
}

/** True when too many sign-ins failed recently for this e-mail (or address). */
export async function isLoginThrottled(email: string, ip: string | null) {
  const since = new Date(Date.now() - WINDOW_MS)
  for (const key of keysFor(email, ip)) {
    const failures = await prisma.loginAttempt.count({ where: { key, success: false, createdAt: { gt: since } } })
    if (failures >= (key.startsWith('ip:') ? LIMITS.ip : LIMITS.email)) return true
  }
  return false
}

export async function recordLoginAttempt(email: string, ip: string | null, success: boolean) {
  await prisma.loginAttempt.createMany({ data: keysFor(email, ip).map((key) => ({ key, success })) })
}

/** The client's address, only when a trusted proxy in front of the app sets it. */
export function clientIp(request: Request) {
  if (getEnv().TRUST_PROXY === 0) return null
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null
}
