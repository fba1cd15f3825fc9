// API tokens: personal ones (a person's own, with their role) and those of
// integration accounts (integrations.server.ts). The token is shown once when
// created; only its SHA-256 and a short prefix (to tell tokens apart) are stored.
import { Prisma } from '@prisma/client'
import { readActor, type SignedInUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { InputError, NotFoundError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { CreateApiTokenSchema } from './api-token-schema'
import { audit } from './audit.server'
import { parseInput } from './validation'
import { hashSecret, newSecret } from '~/utils/secret-token.server'

const TOKEN_START = 'avl_'
// 32 random bytes in base64url after the start: 256 bits, nothing to guess.
const TOKEN_PATTERN = /^avl_[A-Za-z0-9_-]{43}$/
export const MAX_ACTIVE_TOKENS = 10
// lastUsedAt is for people ("used today?"); writing it on every request would cost a write per call.
const TOUCH_INTERVAL_MS = 60_000

/** A new token: the plaintext (shown once) and what is stored of it. */
export function newApiTokenSecret() {
  const token = `${TOKEN_START}${newSecret()}`
  return { token, tokenHash: hashSecret(token), prefix: token.slice(0, 12) }
}

const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null }

/** The user's tokens that still work, newest first. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return prisma.apiToken.findMany({
    where: { userId: actor.id, revokedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: tokenSelect,
  })
}

/** Creates a named token; the plaintext is returned here and never again. */
export async function createApiToken(actor: Actor, name: string): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const { name: trimmed } = parseInput(CreateApiTokenSchema, { name })
  const { token, tokenHash, prefix } = newApiTokenSecret()
  return prisma.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null } })
    if (active >= MAX_ACTIVE_TOKENS) throw new InputError('name', 'api.tokens.tooMany')
    const apiToken = await tx.apiToken.create({
      data: { userId: actor.id, name: trimmed, tokenHash, prefix },
      select: tokenSelect,
    })
    await audit(tx, actor, { action: 'apiToken.create', entity: 'ApiToken', entityId: apiToken.id, after: { name: apiToken.name, prefix: apiToken.prefix } })
    return { token, apiToken }
  })
}

/** Revokes one of the user's own tokens; it stops working at once. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true, name: true, prefix: true, revokedAt: true } })
    // Someone else's token is as unknown as a missing one.
    if (!token || token.userId !== actor.id || token.revokedAt) throw new NotFoundError()
    const revokedAt = new Date()
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt } })
    await audit(tx, actor, { action: 'apiToken.revoke', entity: 'ApiToken', entityId: tokenId, before: { name: token.name, prefix: token.prefix }, after: { revokedAt } })
  })
}

/** Who an API call acts as, and whether its token may only read. */
export type ApiCaller = { actor: SignedInUser; readOnly: boolean }

/**
 * The token's account as an Actor, or null for an unknown, malformed,
 * revoked or expired token, or a deactivated account. Every API call runs
 * this (one query, readActor).
 */
export async function authenticateApiToken(token: string): Promise<ApiCaller | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  const found = await readActor<{ tokenId: string; lastUsedAt: Date | string | null; scope: string }>(
    Prisma.sql`"ApiToken" t JOIN "User" u ON u."id" = t."userId"`,
    Prisma.sql`t."tokenHash" = ${hashSecret(token)} AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${new Date()})`,
    Prisma.sql`t."id" AS "tokenId", t."lastUsedAt", t."scope"`,
  )
  if (!found) return null
  const { tokenId, lastUsedAt, scope } = found.row
  const now = Date.now()
  if (!lastUsedAt || now - new Date(lastUsedAt).getTime() >= TOUCH_INTERVAL_MS) {
    // Conditional, so a burst of requests writes it once.
    await prisma.apiToken.updateMany({
      where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now - TOUCH_INTERVAL_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    })
  }
  return { actor: found.actor, readOnly: scope === 'READ_ONLY' }
}
