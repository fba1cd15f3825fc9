// Test data builders: each call makes a valid record with believable defaults.
import type { Role } from '@prisma/client'
import { randomUUID } from 'node:crypto'
import { hashPassword } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getSessionStorage, SESSION_KEY } from '~/utils/session.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'

const uid = () => randomUUID().slice(0, 8)

/** An area with one case type of weight 1 (plain counts), as every area starts. */
export async function createArea(data: { casesPerFte?: number; key?: string } = {}) {
  const key = data.key ?? `area-${uid()}`
  return prisma.area.create({
    data: {
      key,
      nameSv: `Område ${key}`,
      nameEn: `Area ${key}`,
      casesPerFte: data.casesPerFte ?? 20,
      caseTypes: { create: { nameSv: 'Ärenden', nameEn: 'Cases', weight: 1 } },
    },
  })
}

/** The area's first case type, where a plain count of open cases goes (made, weight 1, for an area created without one). */
export async function defaultCaseType(areaId: string) {
  const first = await prisma.caseType.findFirst({ where: { areaId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] })
  return first ?? prisma.caseType.create({ data: { areaId, nameSv: 'Ärenden', nameEn: 'Cases', weight: 1 } })
}

export async function createUnit(data: { areaId?: string; openCases?: number; casesPerFte?: number | null; name?: string } = {}) {
  const areaId = data.areaId ?? (await createArea()).id
  const code = `unit-${uid()}`
  const openCases = data.openCases ?? 100
  const caseType = await defaultCaseType(areaId)
  return prisma.unit.create({
    data: {
      code,
      name: data.name ?? `Enhet ${code}`,
      areaId,
      openCases,
      casePoints: openCases * caseType.weight,
      casesPerFte: data.casesPerFte ?? null,
      caseCounts: { create: { caseTypeId: caseType.id, count: openCases } },
    },
  })
}

export async function createStaff(
  data: {
    unitId?: string
    fte10?: number
    caseload?: number
    lendingConsent?: boolean
    hireDate?: Date
    firstName?: string
  } = {},
) {
  const unitId = data.unitId ?? (await createUnit()).id
  const n = uid()
  const caseload = data.caseload ?? 10
  const { areaId } = await prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: { areaId: true } })
  const caseType = await defaultCaseType(areaId)
  return prisma.staff.create({
    data: {
      firstName: data.firstName ?? 'Test',
      lastName: `Person ${n}`,
      email: `staff-${n}@test.avlast.se`,
      title: 'Socialsekreterare',
      unitId,
      fte10: data.fte10 ?? 10,
      caseload,
      caseloadPoints: caseload * caseType.weight,
      caseloadUpdatedAt: new Date(),
      caseCounts: { create: { caseTypeId: caseType.id, count: caseload } },
      hireDate: data.hireDate ?? new Date('2018-01-01T00:00:00Z'),
      lendingConsent: data.lendingConsent ?? true,
    },
  })
}

export const TEST_PASSWORD = 'korrekt-häst-batteri'

export async function createUser(data: { role?: Role; staffId?: string; unitIds?: string[]; email?: string; password?: string; name?: string } = {}) {
  const email = data.email ?? `user-${uid()}@test.avlast.se`
  return prisma.user.create({
    data: {
      email,
      name: data.name ?? `Användare ${email.split('@')[0]}`,
      role: data.role ?? 'STAFF',
      staffId: data.staffId,
      password: { create: { hash: await hashPassword(data.password ?? TEST_PASSWORD) } },
      managedUnits: data.unitIds ? { create: data.unitIds.map((unitId) => ({ unitId })) } : undefined,
    },
  })
}

/** A staff member with an unread "loan approved" message in their inbox (what the mail job sends). */
export async function createLoanApprovedNotification(email: string) {
  const user = await createUser({ role: 'STAFF', name: 'Lina Lånad', email })
  return prisma.notification.create({
    data: {
      userId: user.id,
      kind: 'loan.approved',
      params: { person: 'Lina Lånad', fromUnit: 'Mottagning Syd', unit: 'Utredning Norr', startWeek: '2026-12-07', endWeek: '2026-12-21', fte10: 5 },
      link: '/profile',
    },
  })
}

export async function createSkill(data: { key?: string } = {}) {
  const key = data.key ?? `skill-${uid()}`
  return prisma.skill.create({ data: { key, nameSv: `Kompetens ${key}`, nameEn: `Skill ${key}`, category: 'METHOD' } })
}

export async function createRequest(data: {
  unitId: string
  createdById?: string
  fte10?: number
  startInWeeks?: number
  weeks?: number
  skills?: { skillId: string; minLevel: number }[]
}) {
  const start = addWeeks(weekStart(today()), data.startInWeeks ?? 1)
  return prisma.reinforcementRequest.create({
    data: {
      unitId: data.unitId,
      createdById: data.createdById,
      fte10: data.fte10 ?? 10,
      minChunk10: 2,
      startWeek: start,
      endWeek: addWeeks(start, (data.weeks ?? 4) - 1),
      motivation: 'Hög belastning',
      skills: data.skills ? { create: data.skills } : undefined,
    },
  })
}

/** A staff member with a user account, a manager of a unit, and a central user. */
export async function createRoles() {
  const unit = await createUnit()
  const otherUnit = await createUnit()
  const staff = await createStaff({ unitId: unit.id })
  const staffUser = await createUser({ role: 'STAFF', staffId: staff.id })
  const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
  const otherManager = await createUser({ role: 'MANAGER', unitIds: [otherUnit.id] })
  const central = await createUser({ role: 'CENTRAL' })
  return { unit, otherUnit, staff, staffUser, manager, otherManager, central }
}

/** A signed session cookie for the user, as the browser would send it. */
export async function sessionCookie(userId: string, expiresAt = new Date(Date.now() + 3600_000)) {
  const session = await prisma.session.create({ data: { userId, expiresAt } })
  const storage = getSessionStorage()
  const cookieSession = await storage.getSession()
  cookieSession.set(SESSION_KEY, session.id)
  const setCookie = await storage.commitSession(cookieSession)
  return setCookie.split(';')[0]
}

export function request(path: string, init: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers)
  if (init.cookie) headers.set('Cookie', init.cookie)
  if (init.form) {
    // As a browser posts a form: with its Origin.
    if (!headers.has('Origin')) headers.set('Origin', 'http://localhost')
    return new Request(`http://localhost${path}`, { method: 'POST', headers, body: new URLSearchParams(init.form) })
  }
  return new Request(`http://localhost${path}`, { headers })
}

/** Runs a loader or action and returns what it returned or threw, as a Response. */
export async function call(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn()
    if (result instanceof Response) return result
    return new Response(JSON.stringify(result), { status: 200 })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
