// Local passwords: a person changes their own, and central issues a one-time
// link to set one (a new account, a forgotten password). The link's token is
// shown once; only its SHA-256 is stored, it expires after 24 hours and works
// once. Setting a password ends every other way into the account: other
// sessions, personal API tokens and unused links (whoever had taken the
// account over is locked out with the old password).
import bcrypt from 'bcryptjs'
import { hashPassword } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { ConflictError, DomainError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import { endAccess } from './users.server'
import { assertGoodPassword } from './password-policy.server'
import { hashSecret, newSecret, SECRET_SHAPE } from '~/utils/secret-token.server'

export const SET_PASSWORD_LINK_HOURS = 24

/** A set-password link that is unknown, used or expired: the same answer for all three. */
export class LinkInvalidError extends DomainError {
  constructor() {
    super('FORBIDDEN', 'accounts.setPassword.linkInvalid')
  }
}

function assertPasswordsOn() {
  if (getEnv().AUTH_PASSWORD === 'off') throw new ConflictError('accounts.passwordsOff')
}

/** Central issues a link for an active person; earlier unused links stop working. The URL is returned here and never again. */
export async function issueSetPasswordLink(actor: Actor, userId: string, origin: string): Promise<{ url: string; expiresAt: Date }> {
  assertRole(actor, 'CENTRAL')
  assertPasswordsOn()
  const token = newSecret()
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3600_000)
  await prisma.$transaction(async (tx) => {
    const user = /^[A-Za-z0-9_-]{1,64}$/.test(userId) ? await tx.user.findFirst({ where: { id: userId, kind: 'PERSON' }, select: { active: true } }) : null
    if (!user) throw new NotFoundError()
    if (!user.active) throw new ConflictError('accounts.setPassword.inactive')
    await tx.setPasswordToken.deleteMany({ where: { userId, usedAt: null } })
    const link = await tx.setPasswordToken.create({
      data: { userId, tokenHash: hashSecret(token), expiresAt, createdById: actor.id.startsWith('system:') ? null : actor.id },
      select: { id: true },
    })
    await audit(tx, actor, { action: 'user.password.link', entity: 'User', entityId: userId, after: { linkId: link.id, expiresAt } })
  })
  return { url: `${origin}/set-password/${token}`, expiresAt }
}

async function findLink(token: string) {
  if (!SECRET_SHAPE.test(token)) return null
  const link = await prisma.setPasswordToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, active: true } } },
  })
  if (!link || link.usedAt || link.expiresAt <= new Date() || !link.user.active) return null
  return link
}

/** Whom a link sets the password for, or LinkInvalidError. */
export async function getSetPasswordLink(token: string): Promise<{ email: string; name: string }> {
  assertPasswordsOn()
  const link = await findLink(token)
  if (!link) throw new LinkInvalidError()
  return { email: link.user.email, name: link.user.name }
}

/** Sets the password through a link, once: the link is used up, and every session and API token of the person ends. */
export async function setPasswordWithLink(token: string, password: string): Promise<{ email: string }> {
  assertPasswordsOn()
  const link = await findLink(token)
  if (!link) throw new LinkInvalidError()
  await assertGoodPassword(password, [link.user.email, link.user.name])
  const hash = await hashPassword(password)
  await prisma.$transaction(async (tx) => {
    // Used once even when two tabs submit together: only one update finds it unused.
    const claimed = await tx.setPasswordToken.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } })
    if (claimed.count !== 1) throw new LinkInvalidError()
    await tx.password.upsert({ where: { userId: link.user.id }, create: { userId: link.user.id, hash }, update: { hash } })
    const ended = await endAccess(tx, link.user.id)
    await audit(
      tx,
      { id: link.user.id, email: link.user.email },
      { action: 'user.password.set', entity: 'User', entityId: link.user.id, after: { linkId: link.id, ...ended } },
    )
  })
  return { email: link.user.email }
}

/** Whether the person has a password of their own (an SSO-only account has none). */
export async function hasPassword(actor: Actor) {
  return Boolean(await prisma.password.findUnique({ where: { userId: actor.id }, select: { userId: true } }))
}

/**
 * A person changes their own password; the current one is asked for when
 * there is one. Their other sessions and their API tokens end; `keepSessionId` (this one) stays.
 */
export async function changeOwnPassword(actor: Actor, values: { currentPassword?: string; password: string }, keepSessionId?: string) {
  assertPasswordsOn()
  const current = await prisma.password.findUnique({ where: { userId: actor.id }, select: { hash: true } })
  if (current && !(await bcrypt.compare(values.currentPassword ?? '', current.hash))) throw new InputError('currentPassword', 'accounts.password.currentWrong')
  await assertGoodPassword(values.password, [actor.email, actor.name])
  const hash = await hashPassword(values.password)
  await prisma.$transaction(async (tx) => {
    await tx.password.upsert({ where: { userId: actor.id }, create: { userId: actor.id, hash }, update: { hash } })
    const { sessionsEnded, tokensRevoked } = await endAccess(tx, actor.id, new Date(), keepSessionId)
    await audit(tx, actor, { action: 'user.password.change', entity: 'User', entityId: actor.id, after: { otherSessionsEnded: sessionsEnded, tokensRevoked } })
  })
}
