import { json, redirect } from '@remix-run/node'
import { Prisma, type Role } from '@prisma/client'
import bcrypt from 'bcryptjs'
import { prisma, readRows } from './db.server'
import { getEnv } from './env.server'
import { assertCanViewUnit, assertManagesUnit, assertRole, homePath, type Actor } from './permissions'
import { safeRedirect } from './redirect'
import { getSessionStorage, SESSION_KEY } from './session.server'
import { assertSameOrigin } from './csrf.server'
import { DomainError, httpStatusOf, InputError } from './errors'
import { PASSWORD_MAX_LENGTH } from './limits'

export type { Actor } from './permissions'

/** A password's hash; one longer than PASSWORD_MAX_LENGTH is refused before any hashing. */
export async function hashPassword(password: string) {
  if (password.length > PASSWORD_MAX_LENGTH) throw new InputError('password', 'validation.passwordTooLong')
  return bcrypt.hash(password, getEnv().BCRYPT_COST)
}

// Compared against when the e-mail is unknown, so both failures take as long.
const DUMMY_HASH = '$2b$10$LHdVZ7qV9HC1grKoOz7nH.3eXBlKbLWiKAZ5FbQHjfPFLwAc7ltf2'

/**
 * The account these credentials open, and whether it asks for a second
 * factor. A deactivated account, or an integration's, never signs in.
 */
export async function verifyLogin(email: string, password: string): Promise<{ id: string; twoFactor: boolean } | null> {
  // Never hashed: no account has a password this long.
  if (password.length > PASSWORD_MAX_LENGTH) return null
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, active: true, kind: true, password: { select: { hash: true } }, twoFactor: { select: { confirmedAt: true } } },
  })
  const ok = await bcrypt.compare(password, user?.password?.hash ?? DUMMY_HASH)
  if (!ok || !user?.password || !user.active || user.kind !== 'PERSON') return null
  return { id: user.id, twoFactor: Boolean(user.twoFactor?.confirmedAt) }
}

type ActorRow = Omit<Actor, 'managedUnitIds'> & { managedUnitId: string | null; managedUnitName: string | null }

/** The signed-in user: an Actor with the names of the units they manage (for the menu). */
export type SignedInUser = Actor & { readonly managedUnits: readonly { id: string; name: string }[] }

/**
 * A user as an Actor, found through `from` (which joins "User" u) and
 * `where`, with the `extra` columns of the first row: one query straight to
 * the driver, a row per managed unit by unit name. Every page and every API
 * call runs one; through Prisma it took two queries at ten times the cost.
 * A deactivated account is never found, so its sessions and tokens stop at
 * once without a second query.
 */
export async function readActor<Extra extends object = object>(from: Prisma.Sql, where: Prisma.Sql, extra?: Prisma.Sql): Promise<{ actor: SignedInUser; row: Extra } | null> {
  const rows = await readRows<ActorRow & Extra>(Prisma.sql`
    SELECT ${extra ? Prisma.sql`${extra}, ` : Prisma.empty}u."id", u."email", u."name", u."role", u."locale", u."staffId", m."unitId" AS "managedUnitId", mu."name" AS "managedUnitName"
    FROM ${from}
    LEFT JOIN "UnitManager" m ON m."userId" = u."id"
    LEFT JOIN "Unit" mu ON mu."id" = m."unitId"
    WHERE (${where}) AND u."active" = ${true}
    ORDER BY mu."name" ASC`)
  if (!rows.length) return null
  const { id, email, name, role, locale, staffId } = rows[0]
  const managedUnits = rows.flatMap((r) => (r.managedUnitId ? [{ id: r.managedUnitId, name: r.managedUnitName ?? '' }] : []))
  const actor = { id, email, name, role, locale, staffId, managedUnitIds: managedUnits.map((u) => u.id), managedUnits }
  return { actor, row: rows[0] }
}

export async function getActorById(userId: string): Promise<SignedInUser | null> {
  return (await readActor(Prisma.sql`"User" u`, Prisma.sql`u."id" = ${userId}`))?.actor ?? null
}

async function getSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get('Cookie'))
}

/** The live session's user; an expired session is deleted. */
export async function getUser(request: Request): Promise<SignedInUser | null> {
  const sessionId = (await getSession(request)).get(SESSION_KEY)
  if (typeof sessionId !== 'string') return null
  const found = await readActor<{ expiresAt: Date | string }>(
    Prisma.sql`"Session" s JOIN "User" u ON u."id" = s."userId"`,
    Prisma.sql`s."id" = ${sessionId}`,
    Prisma.sql`s."expiresAt"`,
  )
  if (!found) return null
  if (new Date(found.row.expiresAt) <= new Date()) {
    await prisma.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  return found.actor
}

async function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })
  // A session cookie that no longer opens a session: say so on the sign-in page.
  if (typeof (await getSession(request)).get(SESSION_KEY) === 'string') params.set('expired', '1')
  return redirect(`/login?${params}`)
}

export async function requireUser(request: Request): Promise<SignedInUser> {
  assertSameOrigin(request)
  const user = await getUser(request)
  if (!user) throw await loginRedirect(request)
  return user
}

/** Throws the domain error as an HTTP response for a route's error boundary. */
export function toResponse(error: unknown): never {
  if (error instanceof DomainError) {
    throw json({ message: error.message, code: error.code }, { status: httpStatusOf(error) })
  }
  throw error
}

export async function requireRole(request: Request, ...roles: Role[]): Promise<Actor> {
  const user = await requireUser(request)
  try {
    assertRole(user, ...roles)
  } catch (error) {
    toResponse(error)
  }
  return user
}

export async function requireUnitManager(request: Request, unitId: string): Promise<Actor> {
  const user = await requireUser(request)
  try {
    assertManagesUnit(user, unitId)
  } catch (error) {
    toResponse(error)
  }
  return user
}

export async function requireUnitViewer(request: Request, unitId: string): Promise<Actor> {
  const user = await requireUser(request)
  try {
    assertCanViewUnit(user, unitId)
  } catch (error) {
    toResponse(error)
  }
  return user
}

/**
 * Signs the user in and sends them where every way of signing in sends them:
 * the page they asked for (same site only), else their role's start page.
 */
export async function signIn(request: Request, userId: string, redirectTo: string | null | undefined, setCookies: string[] = []) {
  const actor = await getActorById(userId)
  if (!actor) throw redirect('/login')
  const fallback = homePath(actor)
  const requested = safeRedirect(redirectTo, fallback)
  return createUserSession(request, actor.id, requested === '/' ? fallback : requested, setCookies)
}

/** The id of the request's session (whether or not it is still live). */
export async function getSessionId(request: Request): Promise<string | null> {
  const id = (await getSession(request)).get(SESSION_KEY)
  return typeof id === 'string' ? id : null
}

/** Starts a new session (any earlier one in the cookie is ended: rotation); `setCookies` go out with it. */
export async function createUserSession(request: Request, userId: string, redirectTo: string, setCookies: string[] = []) {
  const storage = getSessionStorage()
  const cookieSession = await getSession(request)
  const previous = cookieSession.get(SESSION_KEY)
  const maxAgeMs = getEnv().SESSION_MAX_AGE_HOURS * 3600_000
  const session = await prisma.$transaction(async (tx) => {
    if (typeof previous === 'string') await tx.session.deleteMany({ where: { id: previous } })
    await tx.session.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } })
    return tx.session.create({
      data: { userId, expiresAt: new Date(Date.now() + maxAgeMs) },
      select: { id: true },
    })
  })
  const fresh = await storage.getSession()
  fresh.set(SESSION_KEY, session.id)
  const headers = new Headers({ 'Set-Cookie': await storage.commitSession(fresh) })
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie)
  return redirect(redirectTo, { headers })
}

export async function logout(request: Request) {
  const storage = getSessionStorage()
  const cookieSession = await getSession(request)
  const sessionId = cookieSession.get(SESSION_KEY)
  if (typeof sessionId === 'string') await prisma.session.deleteMany({ where: { id: sessionId } })
  return redirect('/login', { headers: { 'Set-Cookie': await storage.destroySession(cookieSession) } })
}
