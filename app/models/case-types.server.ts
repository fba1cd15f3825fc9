// Case types and their weights (central), and the open cases per case type
// that managers keep for their units and their staff. Points are counts by
// weight; the unit's and the person's points are stored beside the counts so
// every read of the load stays one row.
import type { Prisma } from '@prisma/client'
import { cached } from '~/utils/cache.server'
import { now as clockNow } from '~/utils/clock'
import { prisma, type Tx } from '~/utils/db.server'
import { ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import { assertManagesUnit, assertRole, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { audit } from './audit.server'
import { MAX_CASE_TYPES_PER_AREA, type CaseCounts, type CaseTypeValues } from './case-type-schemas'
import { unitCapacities } from './unit-capacity.server'

export type CaseType = { id: string; areaId: string; nameSv: string; nameEn: string; weight: number; position: number }

const caseTypeSelect = { id: true, areaId: true, nameSv: true, nameEn: true, weight: true, position: true } as const

/** Every case type, by area and position (cached: the situation reads it for every unit). */
export function listCaseTypes(areaId?: string): Promise<CaseType[]> {
  return cached('case-types', () => prisma.caseType.findMany({ orderBy: [{ areaId: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }], select: caseTypeSelect })).then(
    (all) => (areaId ? all.filter((c) => c.areaId === areaId) : all),
  )
}

/** Points to six decimals: weights like 1.1 are not exact in binary. */
export function roundPoints(points: number) {
  return Math.round(points * 1e6) / 1e6
}

/** Σ count × weight over the counts; case types not in `weights` count nothing. */
export function pointsOf(counts: readonly { caseTypeId: string; count: number }[], weights: ReadonlyMap<string, number>) {
  return roundPoints(counts.reduce((sum, c) => sum + c.count * (weights.get(c.caseTypeId) ?? 0), 0))
}

/** { caseTypeId: count } as kept in history rows and proposals. */
export function countsRecord(counts: readonly { caseTypeId: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(counts.map((c) => [c.caseTypeId, c.count]))
}

export function countsFromRecord(value: Prisma.JsonValue | null | undefined): { caseTypeId: string; count: number }[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([caseTypeId, count]) => (typeof count === 'number' ? [{ caseTypeId, count }] : []))
}

async function areaTypes(tx: Tx, areaId: string) {
  return tx.caseType.findMany({ where: { areaId }, select: { id: true, weight: true } })
}

/**
 * Checks each count names a case type of the area, once; the error names the
 * offending entry (`counts.2.caseTypeId`).
 */
function checkCounts(counts: CaseCounts, types: { id: string }[]) {
  const known = new Set(types.map((t) => t.id))
  const seen = new Set<string>()
  counts.forEach((c, i) => {
    if (!known.has(c.caseTypeId)) throw new InputError(`counts.${i}.caseTypeId`, 'workload.errors.caseTypeUnknown')
    if (seen.has(c.caseTypeId)) throw new InputError(`counts.${i}.caseTypeId`, 'workload.errors.caseTypeTwice')
    if (!Number.isInteger(c.count) || c.count < 0) throw new InputError(`counts.${i}.count`, 'workload.errors.countNegative')
    seen.add(c.caseTypeId)
  })
}

// --- Central: the case types -------------------------------------------------

export async function createCaseType(actor: Actor, areaId: string, values: CaseTypeValues) {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const area = await tx.area.findUnique({ where: { id: areaId }, select: { id: true, _count: { select: { caseTypes: true } } } })
    if (!area) throw new NotFoundError()
    if (area._count.caseTypes >= MAX_CASE_TYPES_PER_AREA) throw new InputError('nameSv', 'workload.errors.tooManyTypes')
    const caseType = await tx.caseType.create({ data: { ...values, areaId, position: area._count.caseTypes }, select: caseTypeSelect })
    await audit(tx, actor, { action: 'caseType.create', entity: 'CaseType', entityId: caseType.id, after: { areaId, ...values } })
    return caseType
  })
}

/** A new weight changes the points of every unit and person in the area now (history keeps its own). */
export async function updateCaseType(actor: Actor, id: string, values: CaseTypeValues) {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const before = await tx.caseType.findUnique({ where: { id }, select: { areaId: true, nameSv: true, nameEn: true, weight: true } })
    if (!before) throw new NotFoundError()
    const caseType = await tx.caseType.update({ where: { id }, data: values, select: caseTypeSelect })
    if (before.weight !== values.weight) await recomputeAreaPoints(tx, before.areaId)
    const { areaId: _a, ...old } = before
    await audit(tx, actor, { action: 'caseType.update', entity: 'CaseType', entityId: id, before: old, after: values })
    return caseType
  })
}

/** A case type with open cases, or the area's last one, stays. */
export async function deleteCaseType(actor: Actor, id: string) {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const before = await tx.caseType.findUnique({ where: { id }, select: { ...caseTypeSelect, area: { select: { _count: { select: { caseTypes: true } } } } } })
    if (!before) throw new NotFoundError()
    if (before.area._count.caseTypes <= 1) throw new InputError('caseTypeId', 'workload.errors.lastType')
    const [units, staff] = await Promise.all([
      tx.unitCaseCount.count({ where: { caseTypeId: id, count: { gt: 0 } } }),
      tx.staffCaseCount.count({ where: { caseTypeId: id, count: { gt: 0 } } }),
    ])
    if (units + staff > 0) throw new InputError('caseTypeId', 'workload.errors.typeInUse')
    await tx.caseType.delete({ where: { id } })
    const { area: _a, ...old } = before
    await audit(tx, actor, { action: 'caseType.delete', entity: 'CaseType', entityId: id, before: old })
  })
}

async function recomputeAreaPoints(tx: Tx, areaId: string) {
  const weights = new Map((await areaTypes(tx, areaId)).map((t) => [t.id, t.weight]))
  const units = await tx.unit.findMany({ where: { areaId }, select: { id: true, caseCounts: { select: { caseTypeId: true, count: true } } } })
  const monday = weekStart(today())
  for (const u of units) {
    const casePoints = pointsOf(u.caseCounts, weights)
    await tx.unit.update({ where: { id: u.id }, data: { casePoints } })
    await tx.unitCaseload.updateMany({ where: { unitId: u.id, weekStart: monday }, data: { points: casePoints } })
  }
  const staff = await tx.staff.findMany({ where: { unit: { areaId } }, select: { id: true, caseCounts: { select: { caseTypeId: true, count: true } } } })
  for (const s of staff) await tx.staff.update({ where: { id: s.id }, data: { caseloadPoints: pointsOf(s.caseCounts, weights) } })
}

// --- Managers: the unit's open cases -----------------------------------------

/**
 * A manager enters the unit's open cases per case type (types left out keep
 * their count). The unit's total, its points and this week's history row
 * follow in the same transaction.
 */
export async function setUnitCaseCounts(actor: Actor, unitId: string, counts: CaseCounts, now: Date = clockNow()) {
  assertManagesUnit(actor, unitId)
  const monday = weekStart(today(now))
  const capacity = (await unitCapacities(monday, today(now), [unitId])).get(unitId)
  return prisma.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { areaId: true, openCases: true, casePoints: true, caseCounts: { select: { caseTypeId: true, count: true } } } })
    if (!unit) throw new NotFoundError()
    const types = await areaTypes(tx, unit.areaId)
    checkCounts(counts, types)
    for (const c of counts) {
      await tx.unitCaseCount.upsert({
        where: { unitId_caseTypeId: { unitId, caseTypeId: c.caseTypeId } },
        create: { unitId, caseTypeId: c.caseTypeId, count: c.count },
        update: { count: c.count },
      })
    }
    const merged = new Map(unit.caseCounts.map((c) => [c.caseTypeId, c.count]))
    for (const c of counts) merged.set(c.caseTypeId, c.count)
    const all = types.map((t) => ({ caseTypeId: t.id, count: merged.get(t.id) ?? 0 }))
    const openCases = all.reduce((sum, c) => sum + c.count, 0)
    const casePoints = pointsOf(all, new Map(types.map((t) => [t.id, t.weight])))
    const updated = await tx.unit.update({
      where: { id: unitId },
      data: { openCases, casePoints, openCasesUpdatedAt: now },
      select: { id: true, name: true, openCases: true, casePoints: true, openCasesUpdatedAt: true },
    })
    const week = { openCases, points: casePoints, counts: countsRecord(all), staffFte: capacity?.capacityFte ?? 0, carriedForward: false, figuresAt: now }
    await tx.unitCaseload.upsert({ where: { unitId_weekStart: { unitId, weekStart: monday } }, create: { unitId, weekStart: monday, ...week }, update: week })
    await audit(tx, actor, {
      action: 'unit.caseCounts',
      entity: 'Unit',
      entityId: unitId,
      before: { openCases: unit.openCases, casePoints: unit.casePoints, counts: countsRecord(unit.caseCounts) },
      after: { openCases, casePoints, counts: countsRecord(all) },
    })
    return updated
  })
}

/** The single-number update of earlier versions: only for areas that count plain cases (one case type). */
export async function setUnitOpenCases(actor: Actor, unitId: string, openCases: number) {
  assertManagesUnit(actor, unitId)
  if (!Number.isInteger(openCases) || openCases < 0 || openCases > 100_000) throw new InputError('openCases', 'validation.openCasesInvalid')
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { areaId: true } })
  if (!unit) throw new NotFoundError()
  const types = await listCaseTypes(unit.areaId)
  if (types.length !== 1) throw new InputError('openCases', 'workload.errors.useCaseTypes')
  return setUnitCaseCounts(actor, unitId, [{ caseTypeId: types[0].id, count: openCases }])
}

// --- Personal caseloads ------------------------------------------------------

async function staffInScope(tx: Tx, staffId: string) {
  const staff = await tx.staff.findUnique({
    where: { id: staffId },
    select: { id: true, unitId: true, active: true, caseload: true, caseloadPoints: true, unit: { select: { areaId: true } }, caseCounts: { select: { caseTypeId: true, count: true } } },
  })
  if (!staff || !staff.active) throw new NotFoundError()
  return staff
}

async function writeStaffCounts(tx: Tx, staff: Awaited<ReturnType<typeof staffInScope>>, counts: CaseCounts, now: Date) {
  const types = await areaTypes(tx, staff.unit.areaId)
  checkCounts(counts, types)
  for (const c of counts) {
    await tx.staffCaseCount.upsert({
      where: { staffId_caseTypeId: { staffId: staff.id, caseTypeId: c.caseTypeId } },
      create: { staffId: staff.id, caseTypeId: c.caseTypeId, count: c.count },
      update: { count: c.count },
    })
  }
  const merged = new Map(staff.caseCounts.map((c) => [c.caseTypeId, c.count]))
  for (const c of counts) merged.set(c.caseTypeId, c.count)
  const all = types.map((t) => ({ caseTypeId: t.id, count: merged.get(t.id) ?? 0 }))
  const caseload = all.reduce((sum, c) => sum + c.count, 0)
  const caseloadPoints = pointsOf(all, new Map(types.map((t) => [t.id, t.weight])))
  await tx.staff.update({ where: { id: staff.id }, data: { caseload, caseloadPoints, caseloadUpdatedAt: now } })
  await tx.caseloadProposal.deleteMany({ where: { staffId: staff.id } })
  return { caseload, caseloadPoints, counts: countsRecord(all) }
}

/** The manager updates a person's own open cases per case type. */
export async function setStaffCaseCounts(actor: Actor, staffId: string, counts: CaseCounts, now: Date = clockNow()) {
  return prisma.$transaction(async (tx) => {
    const staff = await staffInScope(tx, staffId)
    assertManagesUnit(actor, staff.unitId)
    const after = await writeStaffCounts(tx, staff, counts, now)
    await audit(tx, actor, {
      action: 'staff.caseCounts',
      entity: 'Staff',
      entityId: staffId,
      before: { caseload: staff.caseload, caseloadPoints: staff.caseloadPoints, counts: countsRecord(staff.caseCounts) },
      after,
    })
    return after
  })
}

/** A person proposes a correction of their own caseload; their manager decides. */
export async function proposeCaseload(actor: Actor, counts: CaseCounts) {
  if (!actor.staffId) throw new ForbiddenError()
  const staffId = actor.staffId
  return prisma.$transaction(async (tx) => {
    const staff = await staffInScope(tx, staffId)
    checkCounts(counts, await areaTypes(tx, staff.unit.areaId))
    const proposal = await tx.caseloadProposal.upsert({
      where: { staffId },
      create: { staffId, counts: countsRecord(counts) },
      update: { counts: countsRecord(counts), createdAt: clockNow() },
    })
    await audit(tx, actor, { action: 'staff.caseloadProposal', entity: 'Staff', entityId: staffId, after: { counts: countsRecord(counts) } })
    return proposal
  })
}

/** The manager takes the person's proposal (it becomes their caseload) or declines it. */
export async function decideCaseloadProposal(actor: Actor, staffId: string, accept: boolean, now: Date = clockNow()) {
  return prisma.$transaction(async (tx) => {
    const staff = await staffInScope(tx, staffId)
    assertManagesUnit(actor, staff.unitId)
    const proposal = await tx.caseloadProposal.findUnique({ where: { staffId }, select: { counts: true } })
    if (!proposal) throw new NotFoundError()
    if (!accept) {
      await tx.caseloadProposal.delete({ where: { staffId } })
      await audit(tx, actor, { action: 'staff.caseloadProposal.decline', entity: 'Staff', entityId: staffId, before: { counts: proposal.counts } })
      return null
    }
    const after = await writeStaffCounts(tx, staff, countsFromRecord(proposal.counts), now)
    await audit(tx, actor, { action: 'staff.caseloadProposal.accept', entity: 'Staff', entityId: staffId, before: { counts: countsRecord(staff.caseCounts) }, after })
    return after
  })
}

// --- Reads for the API ---------------------------------------------------------

/** Open cases per case type of each unit (unit-level figures: everyone may see them). */
export async function unitCaseCounts(unitIds: readonly string[]) {
  const rows = await prisma.unitCaseCount.findMany({ where: { unitId: { in: [...unitIds] } }, select: { unitId: true, caseTypeId: true, count: true } })
  return unitIds.map((id) => rows.filter((r) => r.unitId === id).map(({ caseTypeId, count }) => ({ caseTypeId, count })))
}

/** Own open cases per case type of each person the actor may see in detail; FORBIDDEN for the others. */
export async function staffCaseCounts(actor: Actor, staffIds: readonly string[]) {
  const staff = await prisma.staff.findMany({
    where: { id: { in: [...staffIds] } },
    select: { id: true, unitId: true, caseCounts: { select: { caseTypeId: true, count: true } } },
  })
  const byId = new Map(staff.map((s) => [s.id, s]))
  return staffIds.map((id) => {
    const s = byId.get(id)
    if (!s) return new NotFoundError()
    const visible = actor.staffId === s.id || actor.role === 'CENTRAL' || (actor.role === 'MANAGER' && actor.managedUnitIds.includes(s.unitId))
    return visible ? s.caseCounts : new ForbiddenError()
  })
}
