import { json, redirect } from '@remix-run/node'
import { Prisma, type Role } from '@prisma/client'
import bcrypt from 'bcryptjs'
import { prisma, readRows } from './db.server'
import { getEnv } from './env.server'
import { actorFromRows, assertCanViewUnit, assertManagesUnit, assertRole, type Actor, type ActorRow } from './permissions'
import { getSessionStorage, SESSION_KEY } from './session.server'
import { assertSameOrigin } from './csrf.server'
import { DomainError, httpStatusOf } from './errors'

export type { Actor } from './permissions'

export async function hashPassword(password: string) {
  return bcrypt.hash(password, getEnv().BCRYPT_COST)
}

// Compared against when the e-mail is unknown, so both failures take as long.
const DUMMY_HASH = '$2b$10$LHdVZ7qV9HC1grKoOz7nH.3eXBlKbLWiKAZ5FbQHjfPFLwAc7ltf2'

export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, password: { select: { hash: true } } },
  })
  const ok = await bcrypt.compare(password, user?.password?.hash ?? DUMMY_HASH)
  return ok && user?.password ? { id: user.id } : null
}

const actorSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  staffId: true,
  managedUnits: { select: { unitId: true }, orderBy: { unit: { name: 'asc' } } },
} as const

export async function getActorById(userId: string): Promise<Actor | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: actorSelect })
  if (!user) return null
  const { managedUnits, ...rest } = user
  return { ...rest, managedUnitIds: managedUnits.map((m) => m.unitId) }
}

async function getSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get('Cookie'))
}

/**
 * The live session's user in one query sent straight to the driver (every
 * page's loaders ask, the root's and the page's own; through Prisma it took
 * two queries at ten times the cost). An expired session is deleted.
 */
export async function getUser(request: Request): Promise<Actor | null> {
  const sessionId = (await getSession(request)).get(SESSION_KEY)
  if (typeof sessionId !== 'string') return null
  const rows = await readRows<ActorRow & { expiresAt: Date | string }>(Prisma.sql`
    SELECT s."expiresAt", u."id", u."email", u."name", u."role", u."locale", u."staffId", m."unitId" AS "managedUnitId"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "UnitManager" m ON m."userId" = u."id"
    LEFT JOIN "Unit" mu ON mu."id" = m."unitId"
    WHERE s."id" = ${sessionId}
    ORDER BY mu."name" ASC`)
  if (!rows.length) return null
  if (new Date(rows[0].expiresAt) <= new Date()) {
    await prisma.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  return actorFromRows(rows)
}

async function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })
  // A session cookie that no longer opens a session: say so on the sign-in page.
  if (typeof (await getSession(request)).get(SESSION_KEY) === 'string') params.set('expired', '1')
  return redirect(`/login?${params}`)
}

export async function requireUser(request: Request): Promise<Actor> {
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

/** Starts a new session (any earlier one in the cookie is ended: rotation). */
export async function createUserSession(request: Request, userId: string, redirectTo: string) {
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
  return redirect(redirectTo, { headers: { 'Set-Cookie': await storage.commitSession(fresh) } })
}

export async function logout(request: Request) {
  const storage = getSessionStorage()
  const cookieSession = await getSession(request)
  const sessionId = cookieSession.get(SESSION_KEY)
  if (typeof sessionId === 'string') await prisma.session.deleteMany({ where: { id: sessionId } })
  return redirect('/login', { headers: { 'Set-Cookie': await storage.destroySession(cookieSession) } })
}
