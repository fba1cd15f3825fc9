// User accounts: central creates people's logins, gives them a role and the
// units they manage, links them to their staff record, and deactivates them.
// The pages, the GraphQL API and `npm run user:create` all come here.
import { Prisma, type Role } from '@prisma/client'
import { z } from 'zod'
import type { Locale } from '~/i18n'
import { hashPassword } from '~/utils/auth.server'
import { prisma, type Tx } from '~/utils/db.server'
import { ConflictError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import { isErasedEmail } from './gdpr.server'
import { assertGoodPassword } from './password-policy.server'
import { NewPasswordField } from './password-schema'
import { containsWord } from './text-search.server'
import { CreateUserSchema, UpdateUserSchema, type CreateUserValues, type UpdateUserValues } from './user-schemas'
import { parseInput } from './validation'

export async function setUserLocale(actor: Actor, locale: Locale) {
  if (actor.locale === locale) return
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { locale } })
    await audit(tx, actor, {
      action: 'user.locale',
      entity: 'User',
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale },
    })
  })
}

const accountSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  staffId: true,
  active: true,
  deactivatedAt: true,
  createdAt: true,
  password: { select: { userId: true } },
  twoFactor: { select: { confirmedAt: true } },
  staff: { select: { id: true, firstName: true, lastName: true, email: true } },
  managedUnits: { select: { unit: { select: { id: true, name: true } } }, orderBy: { unit: { name: 'asc' } } },
} satisfies Prisma.UserSelect

type AccountRow = Prisma.UserGetPayload<{ select: typeof accountSelect }>

/** A person's account as central sees it. Also an Actor's shape, so the API's User type can show it. */
export type UserAccount = Actor & {
  active: boolean
  deactivatedAt: Date | null
  createdAt: Date
  hasPassword: boolean
  twoFactor: boolean
  staff: { id: string; firstName: string; lastName: string; email: string } | null
  managedUnits: { id: string; name: string }[]
}

function toAccount(row: AccountRow): UserAccount {
  const { password, twoFactor, managedUnits, ...rest } = row
  const units = managedUnits.map((m) => m.unit)
  return { ...rest, hasPassword: Boolean(password), twoFactor: Boolean(twoFactor?.confirmedAt), managedUnits: units, managedUnitIds: units.map((u) => u.id) }
}

// Ids are cuids; anything else (a NUL byte, which PostgreSQL refuses) is simply not found.
const isId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id)

/** Central lists people's accounts (not integrations), by name; `q` matches words of the name or e-mail. */
export async function listUsers(actor: Actor, filter: { q?: string; role?: Role; status?: 'active' | 'inactive' | 'all' } = {}, take = 200): Promise<UserAccount[]> {
  assertRole(actor, 'CENTRAL')
  const words = [...(filter.q ?? '')].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('').trim().split(/\s+/).filter(Boolean).slice(0, 4)
  const status = filter.status ?? 'active'
  const rows = await prisma.user.findMany({
    where: {
      kind: 'PERSON',
      ...(filter.role ? { role: filter.role } : {}),
      ...(status === 'all' ? {} : { active: status === 'active' }),
      AND: await Promise.all(words.map((w) => containsWord<Prisma.UserWhereInput>('User', ['name', 'email'], w))),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: Math.min(Math.max(take, 1), 500),
    select: accountSelect,
  })
  return rows.map(toAccount)
}

export async function getUserAccount(actor: Actor, userId: string): Promise<UserAccount> {
  assertRole(actor, 'CENTRAL')
  const row = isId(userId) ? await prisma.user.findFirst({ where: { id: userId, kind: 'PERSON' }, select: accountSelect }) : null
  if (!row) throw new NotFoundError()
  return toAccount(row)
}

/** The units central can give a manager, by name. */
export async function listAssignableUnits(actor: Actor) {
  assertRole(actor, 'CENTRAL')
  return prisma.unit.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, code: true } })
}

/** Managers have units; nobody else does (a manager without a unit would have nowhere to land). */
function checkRoleUnits(role: Role, unitIds: readonly string[]) {
  if (role === 'MANAGER' && unitIds.length === 0) throw new InputError('managedUnitIds', 'accounts.errors.unitsRequired')
  if (role !== 'MANAGER' && unitIds.length > 0) throw new InputError('managedUnitIds', 'accounts.errors.unitsOnlyForManagers')
}

async function checkUnitsExist(tx: Tx, unitIds: readonly string[]) {
  const unique = [...new Set(unitIds)]
  if (unique.some((id) => !isId(id)) || (await tx.unit.count({ where: { id: { in: unique } } })) !== unique.length) {
    throw new InputError('managedUnitIds', 'accounts.errors.unitUnknown')
  }
  return unique
}

/** The staff record with this e-mail, free to be linked to `userId` (or to a new account). */
async function findStaffToLink(tx: Tx, staffEmail: string, userId: string | null) {
  const staff = isErasedEmail(staffEmail)
    ? null
    : await tx.staff.findUnique({ where: { email: staffEmail }, select: { id: true, user: { select: { id: true } } } })
  if (!staff) throw new InputError('staffEmail', 'accounts.errors.staffUnknown')
  if (staff.user && staff.user.id !== userId) throw new InputError('staffEmail', 'accounts.errors.staffLinked')
  return staff.id
}

/** Another active central person would still be there: nobody removes the last way into administration. */
async function assertNotLastCentral(tx: Tx, userId: string) {
  const others = await tx.user.count({ where: { role: 'CENTRAL', active: true, kind: 'PERSON', id: { not: userId } } })
  if (others === 0) throw new ConflictError('accounts.errors.lastCentral')
}

const emailTaken = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && JSON.stringify(error.meta ?? {}).includes('email')

/**
 * Creates a person's account. Without `password` they sign in with single
 * sign-on, or set one through a link central issues (passwords.server.ts).
 */
export async function createUser(actor: Actor, values: CreateUserValues, options: { password?: string } = {}): Promise<UserAccount> {
  assertRole(actor, 'CENTRAL')
  const input = parseInput(CreateUserSchema, values)
  checkRoleUnits(input.role, input.managedUnitIds)
  let hash: string | undefined
  if (options.password !== undefined) {
    const { password } = parseInput(z.object({ password: NewPasswordField }), { password: options.password })
    await assertGoodPassword(password, [input.email, input.name])
    hash = await hashPassword(password)
  }
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new InputError('email', 'accounts.errors.emailTaken')
      const unitIds = await checkUnitsExist(tx, input.managedUnitIds)
      const staffId = input.staffEmail ? await findStaffToLink(tx, input.staffEmail, null) : null
      const row = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          staffId,
          password: hash ? { create: { hash } } : undefined,
          managedUnits: { create: unitIds.map((unitId) => ({ unitId })) },
        },
        select: accountSelect,
      })
      await audit(tx, actor, { action: 'user.create', entity: 'User', entityId: row.id, after: { role: row.role, unitIds, staffId, password: Boolean(hash) } })
      return toAccount(row)
    })
  } catch (error) {
    if (emailTaken(error)) throw new InputError('email', 'accounts.errors.emailTaken')
    throw error
  }
}

/** Changes a person's name, role, managed units or staff link; what is left out stays. Takes effect on their next request. */
export async function updateUser(actor: Actor, userId: string, values: UpdateUserValues): Promise<UserAccount> {
  assertRole(actor, 'CENTRAL')
  const input = parseInput(UpdateUserSchema, values)
  return prisma.$transaction(async (tx) => {
    const current = toAccount(await findPerson(tx, userId))
    const role = input.role ?? current.role
    const unitIds = input.managedUnitIds ? await checkUnitsExist(tx, input.managedUnitIds) : current.managedUnitIds
    checkRoleUnits(role, unitIds)
    if (current.role === 'CENTRAL' && role !== 'CENTRAL' && current.active) await assertNotLastCentral(tx, userId)
    let staffId = current.staffId
    if (input.staffEmail !== undefined) staffId = input.staffEmail ? await findStaffToLink(tx, input.staffEmail, userId) : null

    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    const changed = (field: string, from: unknown, to: unknown) => {
      if (JSON.stringify(from) === JSON.stringify(to)) return false
      before[field] = from
      after[field] = to
      return true
    }
    const nameChanged = input.name !== undefined && input.name !== current.name
    changed('role', current.role, role)
    changed('staffId', current.staffId, staffId)
    const unitsChanged = changed('unitIds', [...current.managedUnitIds].sort(), [...unitIds].sort())
    if (!nameChanged && !Object.keys(after).length) return current

    await tx.user.update({ where: { id: userId }, data: { name: input.name, role, staffId } })
    if (unitsChanged) {
      await tx.unitManager.deleteMany({ where: { userId } })
      await tx.unitManager.createMany({ data: unitIds.map((unitId) => ({ userId, unitId })) })
    }
    // Names are personal data: the log says that it changed, not what to.
    await audit(tx, actor, { action: 'user.update', entity: 'User', entityId: userId, before, after: { ...after, ...(nameChanged ? { name: 'changed' } : {}) } })
    return toAccount(await findPerson(tx, userId))
  })
}

async function findPerson(tx: Tx, userId: string) {
  const row = isId(userId) ? await tx.user.findFirst({ where: { id: userId, kind: 'PERSON' }, select: accountSelect }) : null
  if (!row) throw new NotFoundError()
  return row
}

/**
 * Ends every way in an account has: its sessions (but `keepSessionId`, the
 * one changing its own password), its API tokens and any unused set-password link.
 */
export async function endAccess(tx: Tx, userId: string, now = new Date(), keepSessionId?: string) {
  const sessions = await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } })
  const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })
  await tx.setPasswordToken.deleteMany({ where: { userId, usedAt: null } })
  return { sessionsEnded: sessions.count, tokensRevoked: tokens.count }
}

/** Deactivates a person: they are signed out everywhere at once and their API tokens stop working. */
export async function deactivateUser(actor: Actor, userId: string): Promise<UserAccount> {
  assertRole(actor, 'CENTRAL')
  if (userId === actor.id) throw new ConflictError('accounts.errors.cannotDeactivateSelf')
  return prisma.$transaction(async (tx) => {
    const current = await findPerson(tx, userId)
    if (!current.active) return toAccount(current)
    if (current.role === 'CENTRAL') await assertNotLastCentral(tx, userId)
    const now = new Date()
    await tx.user.update({ where: { id: userId }, data: { active: false, deactivatedAt: now } })
    const ended = await endAccess(tx, userId, now)
    await audit(tx, actor, { action: 'user.deactivate', entity: 'User', entityId: userId, after: ended })
    return toAccount(await findPerson(tx, userId))
  })
}

/** Lets a deactivated person sign in again (their old API tokens stay revoked). */
export async function reactivateUser(actor: Actor, userId: string): Promise<UserAccount> {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const current = await findPerson(tx, userId)
    if (current.active) return toAccount(current)
    await tx.user.update({ where: { id: userId }, data: { active: true, deactivatedAt: null } })
    await audit(tx, actor, { action: 'user.reactivate', entity: 'User', entityId: userId })
    return toAccount(await findPerson(tx, userId))
  })
}

/** Who `npm run user:create` acts as; its audit entries carry this e-mail. */
export const SYSTEM_USER_ADMIN: Actor = {
  id: 'system:user-create',
  email: 'system:user-create',
  name: 'User administration',
  role: 'CENTRAL',
  locale: 'sv',
  staffId: null,
  managedUnitIds: [],
}

/**
 * The account single sign-on opens for this e-mail: never created by signing
 * in, never an integration's, never a deactivated one.
 */
export async function accountForSingleSignOn(email: string): Promise<{ userId: string } | { refused: 'unknown' | 'inactive' }> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, active: true, kind: true } })
  if (!user || user.kind !== 'PERSON') return { refused: 'unknown' }
  if (!user.active) return { refused: 'inactive' }
  return { userId: user.id }
}
