// The staff directory for the API: pages of staff filtered by unit, skill and
// lendability, and the details, skills and absences of given staff in bulk
// (one query per kind, however many people are asked for).
//
// The hot queries are plain SQL (the same text on SQLite and PostgreSQL),
// sent straight to the driver (readRows): at 10,000 staff, going through
// Prisma cost several times more than running them.
import { Prisma, type EvidenceKind } from '@prisma/client'
import { cached } from '~/utils/cache.server'
import { prisma, readRows } from '~/utils/db.server'
import { ForbiddenError, InputError } from '~/utils/errors'
import { assertManagesUnit, type Actor } from '~/utils/permissions'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { capacityShare, parseCapacityShares } from './capacity'
import { atRecoveryLimit, lendableSql, notLendableReasons, pastLentWeeksByStaff, recoveryRule, type NotLendableReason } from './lendability'
import { isNewcomer, personalLoad } from './load'
import { COMMITTED_STATUSES } from './loan-status'
import { getPolicy, type Policy } from './settings.server'

export type StaffFilter = {
  unitId?: string | null
  skillId?: string | null
  minLevel?: number | null
  lendable?: boolean | null
}

export const MAX_PAGE_SIZE = 100

export type StaffDetails = {
  id: string
  firstName: string
  lastName: string
  email: string
  title: string
  unitId: string
  unit: { id: string; name: string }
  fte10: number
  caseload: number
  caseloadPoints: number
  caseloadUpdatedAt: Date | null
  hireDate: Date
  lendingConsent: boolean
  personalLoad: number | null
  newcomer: boolean
  notLendable: StaffNotLendableReason[]
}

/** Why a person is not lendable now (lendability.ts): the same reasons the matching uses. */
export type StaffNotLendableReason = NotLendableReason

export type StaffSkillRow = {
  staffId: string
  skillId: string
  level: number
  evidence: EvidenceKind
  validUntil: Date | null
  verifiedAt: Date | null
}

export type AbsenceRow = { id: string; staffId: string; startDate: Date; endDate: Date }

// Drivers return dates, booleans and counts in their own types (SQLite: text and 0/1; PostgreSQL: bigint counts).
const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v))
const toDateOrNull = (v: Date | string | null) => (v === null ? null : toDate(v))

type StaffRow = Omit<StaffDetails, 'unit' | 'personalLoad' | 'newcomer' | 'notLendable' | 'hireDate' | 'lendingConsent' | 'caseloadUpdatedAt'> & {
  caseloadUpdatedAt: Date | string | null
  unitName: string
  casesPerFte: number
  hireDate: Date | string
  lendingConsent: boolean | number
  active: boolean | number
}

const STAFF_COLUMNS = Prisma.sql`s."id", s."firstName", s."lastName", s."email", s."title", s."unitId", u."name" AS "unitName",
  s."fte10", s."caseload", s."caseloadPoints", s."caseloadUpdatedAt", s."hireDate", s."lendingConsent", s."active", COALESCE(u."casesPerFte", a."casesPerFte") AS "casesPerFte"`
const STAFF_FROM = Prisma.sql`"Staff" s JOIN "Unit" u ON u."id" = s."unitId" JOIN "Area" a ON a."id" = u."areaId"`
const NONE = Prisma.sql`1 = 0`

const all = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`1 = 1`)

/** Whom the actor may see in detail: themselves, the staff of units they manage, or (central) everyone (maySeePerson, in SQL). */
function visibleStaff(actor: Actor): Prisma.Sql[] {
  if (actor.role === 'CENTRAL') return []
  const scopes: Prisma.Sql[] = []
  if (actor.staffId) scopes.push(Prisma.sql`s."id" = ${actor.staffId}`)
  if (actor.role === 'MANAGER' && actor.managedUnitIds.length) scopes.push(Prisma.sql`s."unitId" IN (${Prisma.join(actor.managedUnitIds)})`)
  return [scopes.length ? Prisma.sql`(${Prisma.join(scopes, ' OR ')})` : NONE]
}

type Lendability = { now: Date; policy: Policy; monday: Date }

async function lendability(): Promise<Lendability> {
  const policy = await getPolicy()
  const now = today()
  return { now, policy, monday: weekStart(now) }
}

type PastLending = { past: Map<string, number[]>; atLimit: Set<string> }

/**
 * Each person's lent weeks before this one, and who the recovery rule keeps
 * from being lent now (lendability.ts, as the matching reads them). A read
 * model like the situation's (app/utils/cache.server.ts): every approval or
 * cancellation is audited, which empties it.
 */
function pastLending(l: Lendability): Promise<PastLending> {
  const { windowWeeks, maxLentWeeks } = recoveryRule(l.policy)
  return cached(`past-lending:${l.monday.toISOString()}:${windowWeeks}:${maxLentWeeks}`, () => loadPastLending(l))
}

async function loadPastLending(l: Lendability): Promise<PastLending> {
  const loans = await prisma.loan.findMany({
    where: { status: { in: [...COMMITTED_STATUSES] }, endWeek: { gte: addWeeks(l.monday, -recoveryRule(l.policy).windowWeeks) }, startWeek: { lt: l.monday } },
    select: { staffId: true, startWeek: true, endWeek: true },
  })
  const past = pastLentWeeksByStaff(loans, l.monday, l.policy)
  return { past, atLimit: new Set([...past].filter(([, weeks]) => atRecoveryLimit(weeks, l.policy)).map(([id]) => id)) }
}

function withFacts(rows: StaffRow[], l: Lendability, lending: PastLending): StaffDetails[] {
  return rows.map((s) => {
    const hireDate = toDate(s.hireDate)
    const lendingConsent = Boolean(s.lendingConsent)
    const newcomer = isNewcomer(hireDate, l.now, l.policy.introductionMonths)
    const notLendable = notLendableReasons({ active: Boolean(s.active), lendingConsent, hireDate }, lending.past.get(s.id) ?? [], l.now, l.policy)
    const fte10 = Number(s.fte10)
    const caseload = Number(s.caseload)
    const caseloadPoints = Number(s.caseloadPoints)
    return {
      id: s.id,
      firstName: s.firstName,
      lastName: s.lastName,
      email: s.email,
      title: s.title,
      unitId: s.unitId,
      unit: { id: s.unitId, name: s.unitName },
      fte10,
      caseload,
      caseloadPoints,
      caseloadUpdatedAt: toDateOrNull(s.caseloadUpdatedAt),
      hireDate,
      lendingConsent,
      personalLoad: personalLoad(caseloadPoints, fte10, Number(s.casesPerFte), capacityShare(hireDate, l.now, parseCapacityShares(l.policy.capacityShares))),
      newcomer,
      notLendable,
    }
  })
}

type DirectoryQuery = {
  /** Conditions on the person (alias s). */
  staff: Prisma.Sql[]
  /** Conditions on the skill they must hold (alias k), if any. */
  skill: Prisma.Sql | null
  lending?: PastLending
}

/** The directory's filter as SQL, after checking it and the actor's right to list. */
async function directoryQuery(actor: Actor, filter: StaffFilter, l: Lendability): Promise<DirectoryQuery> {
  if (actor.role === 'STAFF') throw new ForbiddenError()
  if (filter.unitId && actor.role === 'MANAGER') assertManagesUnit(actor, filter.unitId)
  if (filter.minLevel != null && !filter.skillId) throw new InputError('filter.skillId', 'validation.skillRequired')
  if (filter.minLevel != null && (!Number.isInteger(filter.minLevel) || filter.minLevel < 1 || filter.minLevel > 4)) {
    throw new InputError('filter.minLevel', 'validation.levelInvalid')
  }
  const staff = [Prisma.sql`s."active" = ${true}`]
  if (actor.role === 'MANAGER') staff.push(actor.managedUnitIds.length ? Prisma.sql`s."unitId" IN (${Prisma.join(actor.managedUnitIds)})` : NONE)
  if (filter.unitId) staff.push(Prisma.sql`s."unitId" = ${filter.unitId}`)
  let lending: PastLending | undefined
  if (filter.lendable != null) {
    lending = await pastLending(l)
    const lendable = lendableSql(l.now, l.policy, lending.atLimit)
    staff.push(filter.lendable ? lendable : Prisma.sql`NOT ${lendable}`)
  }
  // An expired certificate does not count as the skill.
  const skill = filter.skillId
    ? Prisma.sql`k."skillId" = ${filter.skillId} AND k."level" >= ${filter.minLevel ?? 1} AND (k."validUntil" IS NULL OR k."validUntil" >= ${l.now})`
    : null
  return { staff, skill, lending }
}

type Position = [lastName: string, firstName: string, id: string]

const encodeCursor = (s: { lastName: string; firstName: string; id: string }) =>
  Buffer.from(JSON.stringify([s.lastName, s.firstName, s.id] satisfies Position)).toString('base64url')

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) return value as Position
  } catch {
    // falls through to the input error
  }
  throw new InputError('after', 'api.errors.cursorInvalid')
}

/** Rows after the cursor in (lastName, firstName, id) order: stable while staff come and go. */
function afterPosition([lastName, firstName, id]: Position): Prisma.Sql {
  return Prisma.sql`(s."lastName" > ${lastName} OR (s."lastName" = ${lastName} AND s."firstName" > ${firstName})
    OR (s."lastName" = ${lastName} AND s."firstName" = ${firstName} AND s."id" > ${id}))`
}

/**
 * A page of staff by name. Central lists everyone, a manager the staff of
 * their own units; staff may not list others.
 */
export async function listStaff(actor: Actor, filter: StaffFilter = {}, first = 50, after?: string | null) {
  if (actor.role === 'STAFF') throw new ForbiddenError()
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InputError('first', 'api.errors.pageSize')
  const position = after ? decodeCursor(after) : null
  const l = await lendability()
  const query = await directoryQuery(actor, filter, l)
  const conditions = [...query.staff]
  if (query.skill) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "StaffSkill" k WHERE k."staffId" = s."id" AND ${query.skill})`)
  if (position) conditions.push(afterPosition(position))
  const found = await readRows<StaffRow>(Prisma.sql`
    SELECT ${STAFF_COLUMNS} FROM ${STAFF_FROM} WHERE ${all(conditions)}
    ORDER BY s."lastName" ASC, s."firstName" ASC, s."id" ASC LIMIT ${first + 1}`)
  const page = found.slice(0, first)
  const lending = query.lending ?? (await pastLending(l))
  return {
    rows: withFacts(page, l, lending),
    hasNextPage: found.length > first,
    endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
    cursorOf: encodeCursor,
  }
}

/** How many staff the filter matches, on every page. */
export async function countStaff(actor: Actor, filter: StaffFilter = {}) {
  const query = await directoryQuery(actor, filter, await lendability())
  // With a skill, counted from the skill's index (a person holds a skill once) rather than by testing every person.
  const [{ n }] = query.skill
    ? await readRows<{ n: number | bigint }>(Prisma.sql`
        SELECT COUNT(*) AS "n" FROM "StaffSkill" k JOIN "Staff" s ON s."id" = k."staffId" WHERE ${query.skill} AND ${all(query.staff)}`)
    : await readRows<{ n: number | bigint }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Staff" s WHERE ${all(query.staff)}`)
  return Number(n)
}

/** The staff among `ids` the actor may see, with their figures. */
export async function getStaffDetails(actor: Actor, ids: readonly string[]): Promise<StaffDetails[]> {
  if (!ids.length) return []
  const rows = await readRows<StaffRow>(Prisma.sql`
    SELECT ${STAFF_COLUMNS} FROM ${STAFF_FROM} WHERE ${all([Prisma.sql`s."id" IN (${Prisma.join(ids)})`, ...visibleStaff(actor)])}`)
  const l = await lendability()
  return withFacts(rows, l, await pastLending(l))
}

async function visibleIds(actor: Actor, ids: readonly string[]): Promise<string[]> {
  if (actor.role === 'CENTRAL' || !ids.length) return [...ids]
  const rows = await readRows<{ id: string }>(Prisma.sql`
    SELECT s."id" FROM "Staff" s WHERE ${all([Prisma.sql`s."id" IN (${Prisma.join(ids)})`, ...visibleStaff(actor)])}`)
  return rows.map((r) => r.id)
}

/** Skills of the staff among `ids` the actor may see (by skill name); the others are left out of the map. */
export async function getStaffSkills(actor: Actor, ids: readonly string[]): Promise<Map<string, StaffSkillRow[]>> {
  const visible = await visibleIds(actor, ids)
  const byStaff = new Map<string, StaffSkillRow[]>(visible.map((id) => [id, []]))
  if (!visible.length) return byStaff
  // Only the person's own columns: every value a driver returns costs more than the join.
  const skills = await readRows<Omit<StaffSkillRow, 'validUntil' | 'verifiedAt'> & { validUntil: Date | string | null; verifiedAt: Date | string | null }>(Prisma.sql`
    SELECT k."staffId", k."skillId", k."level", k."evidence", k."validUntil", k."verifiedAt"
    FROM "StaffSkill" k JOIN "Skill" sk ON sk."id" = k."skillId"
    WHERE k."staffId" IN (${Prisma.join(visible)}) ORDER BY sk."nameSv" ASC, k."skillId" ASC`)
  for (const s of skills) {
    byStaff.get(s.staffId)!.push({ ...s, level: Number(s.level), validUntil: toDateOrNull(s.validUntil), verifiedAt: toDateOrNull(s.verifiedAt) })
  }
  return byStaff
}

/** Absences that have not ended, of the staff among `ids` the actor may see. */
export async function getStaffAbsences(actor: Actor, ids: readonly string[]): Promise<Map<string, AbsenceRow[]>> {
  const visible = await visibleIds(actor, ids)
  const absences = await prisma.absence.findMany({
    where: { staffId: { in: visible }, endDate: { gte: today() } },
    orderBy: { startDate: 'asc' },
    select: { id: true, staffId: true, startDate: true, endDate: true },
  })
  const byStaff = new Map<string, AbsenceRow[]>(visible.map((id) => [id, []]))
  for (const a of absences) byStaff.get(a.staffId)!.push(a)
  return byStaff
}
