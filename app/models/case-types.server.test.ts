import { describe, expect, test } from 'vitest'
import { createArea, createRoles, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { today, weekStart } from '~/utils/weeks'
import { CapacitySharesSchema, CaseTypeSchema } from './case-type-schemas'
import { createCaseType, decideCaseloadProposal, deleteCaseType, listCaseTypes, proposeCaseload, setStaffCaseCounts, setUnitCaseCounts, updateCaseType } from './case-types.server'
import { getStaffProfile } from './staff.server'
import { getSituation, getUnitOverview } from './units.server'
import { parseInput } from './validation'
import { updateCapacityShares } from './workload-policy.server'

const actorOf = async (id: string) => (await getActorById(id))!

/** Barn och unga as in the issue: förhandsbedömning 0.5, utredning 1.5, uppföljning 1.0; 14 points per post. */
async function childrenUnit() {
  const central = await actorOf((await createUser({ role: 'CENTRAL' })).id)
  const area = await createArea({ casesPerFte: 14 })
  const [plain] = await listCaseTypes(area.id)
  await updateCaseType(central, plain.id, parseInput(CaseTypeSchema, { nameSv: 'Förhandsbedömning', nameEn: 'Initial assessment', weight: '0,5' }))
  const investigation = await createCaseType(central, area.id, parseInput(CaseTypeSchema, { nameSv: 'Utredning', nameEn: 'Investigation', weight: '1.5' }))
  const followUp = await createCaseType(central, area.id, parseInput(CaseTypeSchema, { nameSv: 'Uppföljning', nameEn: 'Follow-up', weight: '1' }))
  const unit = await createUnit({ areaId: area.id, openCases: 0 })
  const staff = [await createStaff({ unitId: unit.id, fte10: 10, caseload: 0 }), await createStaff({ unitId: unit.id, fte10: 10, caseload: 0 })]
  const manager = await actorOf((await createUser({ role: 'MANAGER', unitIds: [unit.id] })).id)
  return { central, area, unit, staff, manager, types: { assessment: plain.id, investigation: investigation.id, followUp: followUp.id } }
}

describe('weighted caseload', () => {
  test('the load is points against reasonable points; the unit keeps counts and points, and this week’s history both', async () => {
    const { unit, manager, types } = await childrenUnit()
    await setUnitCaseCounts(manager, unit.id, [
      { caseTypeId: types.assessment, count: 40 },
      { caseTypeId: types.investigation, count: 90 },
      { caseTypeId: types.followUp, count: 52 },
    ])
    // 40 × 0.5 + 90 × 1.5 + 52 × 1 = 207 points in 182 cases; 2 FTE × 14 = 28 reasonable points.
    const overview = await getUnitOverview(manager, unit.id)
    expect(overview).toMatchObject({ openCases: 182, casePoints: 207, capacityFte: 2, reasonablePoints: 28 })
    expect(overview.load).toBeCloseTo(207 / 28, 10)
    const row = await prisma.unitCaseload.findUniqueOrThrow({ where: { unitId_weekStart: { unitId: unit.id, weekStart: weekStart(today()) } } })
    expect(row).toMatchObject({ openCases: 182, points: 207, carriedForward: false, counts: { [types.assessment]: 40, [types.investigation]: 90, [types.followUp]: 52 } })
    // A later entry changes only the types it names.
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: types.investigation, count: 100 }])
    const situation = (await getSituation(manager)).find((r) => r.id === unit.id)!
    expect(situation).toMatchObject({ openCases: 192, casePoints: 222, reasonablePoints: 28, stale: false })
    expect(situation.load).toBeCloseTo(222 / 28, 10)
  })

  test('bad input names the field and writes nothing: a negative count, a type of another area, a weight of 0', async () => {
    const { unit, manager, central, area, types } = await childrenUnit()
    const before = await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { openCases: true, casePoints: true, openCasesUpdatedAt: true } })
    const audits = await prisma.auditLog.count()
    await expect(setUnitCaseCounts(manager, unit.id, [{ caseTypeId: types.assessment, count: 3 }, { caseTypeId: types.followUp, count: -1 }])).rejects.toMatchObject({ path: 'counts.1.count', code: 'BAD_USER_INPUT' })
    const other = await createArea()
    const [foreign] = await listCaseTypes(other.id)
    await expect(setUnitCaseCounts(manager, unit.id, [{ caseTypeId: types.assessment, count: 3 }, { caseTypeId: foreign.id, count: 1 }])).rejects.toMatchObject({ path: 'counts.1.caseTypeId' })
    expect(await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { openCases: true, casePoints: true, openCasesUpdatedAt: true } })).toEqual(before)
    expect(await prisma.unitCaseCount.findMany({ where: { unitId: unit.id, count: { gt: 0 } } })).toEqual([])
    expect(await prisma.auditLog.count()).toBe(audits)
    expect(() => parseInput(CaseTypeSchema, { nameSv: 'Akut', nameEn: 'Urgent', weight: '0' })).toThrow(expect.objectContaining({ path: 'weight' }))
    expect(() => parseInput(CaseTypeSchema, { nameSv: 'Akut', nameEn: 'Urgent', weight: '-1' })).toThrow(expect.objectContaining({ path: 'weight' }))
    expect(await listCaseTypes(area.id)).toHaveLength(3)
    void central
  })

  test('a new weight recomputes the points of the area’s units and people; a type in use or an area’s last one stays', async () => {
    const { unit, manager, central, staff, types, area } = await childrenUnit()
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: types.investigation, count: 10 }])
    await setStaffCaseCounts(manager, staff[0].id, [{ caseTypeId: types.investigation, count: 4 }])
    await updateCaseType(central, types.investigation, parseInput(CaseTypeSchema, { nameSv: 'Utredning', nameEn: 'Investigation', weight: '2' }))
    expect(await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { casePoints: true } })).toEqual({ casePoints: 20 })
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: staff[0].id }, select: { caseloadPoints: true } })).toEqual({ caseloadPoints: 8 })
    await expect(deleteCaseType(central, types.investigation)).rejects.toMatchObject({ path: 'caseTypeId', message: 'workload.errors.typeInUse' })
    await deleteCaseType(central, types.followUp)
    await deleteCaseType(central, types.assessment)
    await expect(deleteCaseType(central, types.investigation)).rejects.toMatchObject({ message: 'workload.errors.lastType' })
    await expect(createCaseType(manager, area.id, { nameSv: 'Xx', nameEn: 'Xx', weight: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('experience-adjusted capacity', () => {
  test('a newcomer counts at their share on the unit page and in the situation; the profile says so', async () => {
    const { unit, manager, types } = await childrenUnit()
    const hired = new Date(today().getTime() - 20 * 86_400_000) // month 1: 50 %
    const newcomer = await createStaff({ unitId: unit.id, fte10: 10, caseload: 0, hireDate: hired })
    await setUnitCaseCounts(manager, unit.id, [{ caseTypeId: types.followUp, count: 70 }])
    const overview = await getUnitOverview(manager, unit.id)
    expect(overview).toMatchObject({ staffFte: 3, capacityFte: 2.5, reducedStaff: 1, reasonablePoints: 35 })
    expect(overview.load).toBeCloseTo(70 / 14 / 2.5, 10)
    expect(overview.staff.find((s) => s.id === newcomer.id)).toMatchObject({ capacityShare: 0.5 })
    expect((await getSituation(manager)).find((r) => r.id === unit.id)).toMatchObject({ headcountFte: 3, staffFte: 2.5 })
    const user = await createUser({ role: 'STAFF', staffId: newcomer.id })
    expect(await getStaffProfile(await actorOf(user.id), newcomer.id)).toMatchObject({ capacityShare: 0.5, monthOfEmployment: 1 })
  })

  test('central sets the shares; a share above 100 % names its month and changes nothing', async () => {
    const { central, manager } = await childrenUnit()
    await updateCapacityShares(central, parseInput(CapacitySharesSchema, { shares: ['60', '60', '80', '', ''] }).shares)
    expect((await prisma.settings.findUniqueOrThrow({ where: { id: 'default' } })).capacityShares).toBe('60,60,80')
    expect(() => parseInput(CapacitySharesSchema, { shares: ['50', '50', '120'] })).toThrow(expect.objectContaining({ path: 'shares.2', message: 'workload.errors.shareAbove100' }))
    await expect(updateCapacityShares(central, [50, 50, 120])).rejects.toMatchObject({ path: 'shares.2' })
    await expect(updateCapacityShares(manager, [50])).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await prisma.settings.findUniqueOrThrow({ where: { id: 'default' } })).capacityShares).toBe('60,60,80')
  })
})

describe('personal caseloads', () => {
  test('the manager sets a person’s counts per type; personal load follows, the date is kept, older than 30 days is old', async () => {
    const { unit, manager, staff, types } = await childrenUnit()
    await setStaffCaseCounts(manager, staff[0].id, [{ caseTypeId: types.investigation, count: 6 }, { caseTypeId: types.followUp, count: 4 }])
    const person = (await getUnitOverview(manager, unit.id)).staff.find((s) => s.id === staff[0].id)!
    expect(person).toMatchObject({ caseload: 10, caseloadPoints: 13, caseloadOld: false })
    expect(person.personalLoad).toBeCloseTo(13 / 14, 10)
    await prisma.staff.update({ where: { id: staff[0].id }, data: { caseloadUpdatedAt: new Date(Date.now() - 31 * 86_400_000) } })
    expect((await getUnitOverview(manager, unit.id)).staff.find((s) => s.id === staff[0].id)).toMatchObject({ caseloadOld: true })
    const { otherManager } = await createRoles()
    await expect(setStaffCaseCounts(await actorOf(otherManager.id), staff[0].id, [{ caseTypeId: types.followUp, count: 1 }])).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  test('staff propose a correction of their own; the manager accepts it and it becomes their caseload', async () => {
    const { unit, manager, staff, types } = await childrenUnit()
    const me = await actorOf((await createUser({ role: 'STAFF', staffId: staff[1].id })).id)
    await proposeCaseload(me, [{ caseTypeId: types.assessment, count: 8 }])
    await expect(proposeCaseload(me, [{ caseTypeId: types.assessment, count: -2 }])).rejects.toMatchObject({ path: 'counts.0.count' })
    const pending = (await getUnitOverview(manager, unit.id)).staff.find((s) => s.id === staff[1].id)!
    expect(pending.proposal?.counts).toEqual([{ caseTypeId: types.assessment, count: 8 }])
    await decideCaseloadProposal(manager, staff[1].id, true)
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: staff[1].id }, select: { caseload: true, caseloadPoints: true } })).toEqual({ caseload: 8, caseloadPoints: 4 })
    expect(await prisma.caseloadProposal.count({ where: { staffId: staff[1].id } })).toBe(0)
    await expect(decideCaseloadProposal(manager, staff[1].id, true)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
