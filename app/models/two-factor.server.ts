// Optional TOTP two-factor sign-in for local accounts (otplib; RFC 6238, 30 s
// steps, 6 digits). Enrolling stores an unconfirmed secret and shows it as a
// QR code; the first right code confirms it. A code works once (its step is
// kept), and one step either side is accepted for clocks that drift.
import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { ConflictError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'

const CODE = /^\d{6}$/
const ISSUER = 'Avlast'

function assertPasswordsOn() {
  if (getEnv().AUTH_PASSWORD === 'off') throw new ConflictError('accounts.passwordsOff')
}

export async function getTwoFactorStatus(actor: Actor): Promise<'off' | 'pending' | 'on'> {
  const row = await prisma.twoFactor.findUnique({ where: { userId: actor.id }, select: { confirmedAt: true } })
  return !row ? 'off' : row.confirmedAt ? 'on' : 'pending'
}

/** A new secret to scan, as an otpauth URI and a QR code image (a data: URL). Replaces an unconfirmed one. */
export async function startTwoFactorEnrolment(actor: Actor): Promise<{ secret: string; qrCode: string }> {
  assertPasswordsOn()
  const existing = await prisma.twoFactor.findUnique({ where: { userId: actor.id }, select: { confirmedAt: true, secret: true } })
  if (existing?.confirmedAt) throw new ConflictError('accounts.twoFactor.alreadyOn')
  const secret = existing?.secret ?? generateSecret()
  if (!existing) await prisma.twoFactor.create({ data: { userId: actor.id, secret } })
  const uri = generateURI({ issuer: ISSUER, label: actor.email, secret })
  return { secret, qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) }
}

/**
 * Checks a code and uses it up: true when it is right and newer than the last
 * one accepted. One conditional update, so two requests with the same code
 * cannot both pass.
 */
export async function spendTwoFactorCode(userId: string, code: string, options: { confirmed?: boolean } = { confirmed: true }): Promise<boolean> {
  const token = code.replace(/\s+/g, '')
  if (!CODE.test(token)) return false
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { secret: true, lastStep: true, confirmedAt: true } })
  if (!row || Boolean(row.confirmedAt) !== (options.confirmed ?? true)) return false
  const result = await verify({ secret: row.secret, token, epochTolerance: 30, afterTimeStep: row.lastStep })
  if (!result.valid) return false
  // A TOTP result carries its step (the type is shared with HOTP's).
  const step = (result as { timeStep: number }).timeStep
  const claimed = await prisma.twoFactor.updateMany({ where: { userId, lastStep: { lt: step } }, data: { lastStep: step } })
  return claimed.count === 1
}

/** The first right code from the app turns two-factor sign-in on. */
export async function confirmTwoFactor(actor: Actor, code: string) {
  assertPasswordsOn()
  if (!(await spendTwoFactorCode(actor.id, code, { confirmed: false }))) throw new InputError('code', 'accounts.twoFactor.codeWrong')
  await prisma.$transaction(async (tx) => {
    await tx.twoFactor.update({ where: { userId: actor.id }, data: { confirmedAt: new Date() } })
    await audit(tx, actor, { action: 'user.twoFactor.enable', entity: 'User', entityId: actor.id })
  })
}

/** A person turns it off with a current code. */
export async function disableTwoFactor(actor: Actor, code: string) {
  if (!(await spendTwoFactorCode(actor.id, code))) throw new InputError('code', 'accounts.twoFactor.codeWrong')
  await prisma.$transaction(async (tx) => {
    await tx.twoFactor.delete({ where: { userId: actor.id } })
    await audit(tx, actor, { action: 'user.twoFactor.disable', entity: 'User', entityId: actor.id })
  })
}

/** Central turns it off for someone who has lost their phone. */
export async function resetTwoFactor(actor: Actor, userId: string) {
  assertRole(actor, 'CENTRAL')
  await prisma.$transaction(async (tx) => {
    const removed = await tx.twoFactor.deleteMany({ where: { userId } })
    if (!removed.count) throw new NotFoundError()
    await audit(tx, actor, { action: 'user.twoFactor.reset', entity: 'User', entityId: userId })
  })
}
