import { describe, expect, test } from 'vitest'
import { createRoles, createSkill, createStaff, createUser } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { getActorById } from '~/utils/auth.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { setMyAvailability } from './availability.server'
import { advanceLoanStatuses, cancelLoan, rejectLoan } from './loan-lifecycle.server'
import { listLoans } from './loans.server'
import { AbsenceSchema, StaffSkillSchema } from './profile-schemas'
import { getSkillMatrix, updateMySkills, verifyStaffSkill } from './skills.server'
import { setUnitOpenCases } from './case-types.server'
import { getUnitLoadHistory } from './units.server'
import { parseInput } from './validation'

const actorOf = async (id: string) => (await getActorById(id))!

describe('my skills', () => {
  test('staff add, change and remove their own skills; a change clears the manager’s verification', async () => {
    const { staff, staffUser, manager } = await createRoles()
    const me = await actorOf(staffUser.id)
    const bbic = await createSkill()
    const [added] = await updateMySkills(me, { set: [parseInput(StaffSkillSchema, { skillId: bbic.id, level: '2', evidence: 'CERTIFICATE', validUntil: '2028-06-30' })] })
    expect(added).toMatchObject({ level: 2, evidence: 'CERTIFICATE' })
    await verifyStaffSkill(await actorOf(manager.id), added.id)
    expect((await prisma.staffSkill.findUniqueOrThrow({ where: { id: added.id } })).verifiedById).toBe(manager.id)
    await updateMySkills(me, { set: [parseInput(StaffSkillSchema, { skillId: bbic.id, level: '3', evidence: 'CERTIFICATE', validUntil: '2028-06-30' })] })
    const changed = await prisma.staffSkill.findUniqueOrThrow({ where: { id: added.id } })
    expect(changed).toMatchObject({ level: 3, verifiedById: null })
    await updateMySkills(me, { remove: [bbic.id] })
    expect(await prisma.staffSkill.count({ where: { staffId: staff.id } })).toBe(0)
    const actions = (await prisma.auditLog.findMany({ where: { actorId: me.id, entity: 'StaffSkill' }, orderBy: { at: 'asc' } })).map((a) => a.action)
    expect(actions).toEqual(['staffSkill.add', 'staffSkill.update', 'staffSkill.remove'])
  })

  test('a level outside 1–4 or an unknown skill is refused naming the field, and nothing is saved', async () => {
    const { staff, staffUser } = await createRoles()
    const me = await actorOf(staffUser.id)
    const skill = await createSkill()
    expect(() => parseInput(StaffSkillSchema, { skillId: skill.id, level: '5' })).toThrow(expect.objectContaining({ path: 'level' }))
    await expect(
      updateMySkills(me, { set: [parseInput(StaffSkillSchema, { skillId: skill.id, level: 2 }), parseInput(StaffSkillSchema, { skillId: 'nope', level: 2 })] }),
    ).rejects.toMatchObject({ path: 'set.1.skillId' })
    expect(await prisma.staffSkill.count({ where: { staffId: staff.id } })).toBe(0)
  })

  test('users without a staff profile cannot change skills; managers verify only their own unit', async () => {
    const { staff, otherManager, central } = await createRoles()
    await expect(updateMySkills(await actorOf(central.id), { set: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const skill = await createSkill()
    const held = await prisma.staffSkill.create({ data: { staffId: staff.id, skillId: skill.id, level: 2 } })
    await expect(verifyStaffSkill(await actorOf(otherManager.id), held.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(getSkillMatrix(await actorOf(otherManager.id), staff.unitId)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('availability', () => {
  test('consent and absences (dates only) change together; others’ absences cannot be removed', async () => {
    const { staff, staffUser, otherUnit } = await createRoles()
    const me = await actorOf(staffUser.id)
    const result = await setMyAvailability(me, {
      lendingConsent: false,
      addAbsences: [parseInput(AbsenceSchema, { startDate: '2027-03-01', endDate: '2027-03-12' })],
    })
    expect(result.lendingConsent).toBe(false)
    expect(result.absences).toHaveLength(1)
    const other = await createStaff({ unitId: otherUnit.id })
    const theirs = await prisma.absence.create({ data: { staffId: other.id, startDate: new Date('2027-01-01'), endDate: new Date('2027-01-02') } })
    await expect(setMyAvailability(me, { lendingConsent: true, removeAbsenceIds: [theirs.id] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      path: 'removeAbsenceIds.0',
      message: 'profile.errors.absenceNotInProfile',
    })
    expect(await prisma.absence.count({ where: { id: theirs.id } })).toBe(1)
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).lendingConsent).toBe(false)
    expect(() => parseInput(AbsenceSchema, { startDate: '2027-03-12', endDate: '2027-03-01' })).toThrow(expect.objectContaining({ path: 'endDate' }))
  })

  test('the same or an overlapping absence is refused, naming its first day; one that touches, or replaces a removed one, is saved', async () => {
    const { staffUser } = await createRoles()
    const me = await actorOf(staffUser.id)
    const period = (startDate: string, endDate: string) => parseInput(AbsenceSchema, { startDate, endDate })
    const [first] = (await setMyAvailability(me, { addAbsences: [period('2027-02-01', '2027-02-05')] })).absences
    for (const [start, end] of [['2027-02-01', '2027-02-05'], ['2027-02-03', '2027-02-10'], ['2027-01-25', '2027-02-01']]) {
      await expect(setMyAvailability(me, { addAbsences: [period(start, end)] })).rejects.toMatchObject({ path: 'addAbsences.0.startDate', message: 'validation.absenceOverlaps' })
    }
    // Two overlapping in one change: the second is refused, and nothing of the change is kept.
    await expect(setMyAvailability(me, { addAbsences: [period('2027-03-01', '2027-03-05'), period('2027-03-04', '2027-03-06')] })).rejects.toMatchObject({ path: 'addAbsences.1.startDate' })
    expect((await setMyAvailability(me, { addAbsences: [period('2027-02-06', '2027-02-07')] })).absences).toHaveLength(2)
    const replaced = await setMyAvailability(me, { removeAbsenceIds: [first.id], addAbsences: [period('2027-02-01', '2027-02-04')] })
    expect(replaced.absences.map((a) => a.startDate.toISOString().slice(0, 10))).toEqual(['2027-02-01', '2027-02-06'])
  })
})

describe('caseload figures', () => {
  test('a manager updates open cases; this week’s history follows; another manager is refused', async () => {
    const { unit, manager, otherManager } = await createRoles()
    await createStaff({ unitId: unit.id, fte10: 10 })
    await setUnitOpenCases(await actorOf(manager.id), unit.id, 42)
    const history = await getUnitLoadHistory(await actorOf(manager.id), unit.id)
    expect(history.at(-1)).toMatchObject({ openCases: 42 })
    expect(history.at(-1)?.weekStart.getTime()).toBe(weekStart(today()).getTime())
    await expect(setUnitOpenCases(await actorOf(otherManager.id), unit.id, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(setUnitOpenCases(await actorOf(manager.id), unit.id, -1)).rejects.toMatchObject({ path: 'openCases' })
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).openCases).toBe(42)
  })
})

describe('loans', () => {
  async function loanSetup() {
    const roles = await createRoles()
    const lender = await createStaff({ unitId: roles.otherUnit.id })
    const start = addWeeks(weekStart(today()), -3)
    const request = await prisma.reinforcementRequest.create({
      data: { unitId: roles.unit.id, fte10: 10, startWeek: start, endWeek: addWeeks(start, 6), motivation: 'Test', status: 'FILLED' },
    })
    return { ...roles, lender, request, start }
  }

  test('the calendar moves loans along: approved → active → completed, and past requests close', async () => {
    const { lender, request, start, unit } = await loanSetup()
    const active = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: start, endWeek: addWeeks(start, 6), status: 'APPROVED' } })
    const past = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: addWeeks(start, -6), endWeek: addWeeks(start, -2), status: 'ACTIVE' } })
    const oldRequest = await prisma.reinforcementRequest.create({ data: { unitId: unit.id, fte10: 5, startWeek: addWeeks(start, -8), endWeek: addWeeks(start, -2), motivation: 'Gammalt' } })
    await advanceLoanStatuses()
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: active.id } })).status).toBe('ACTIVE')
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: past.id } })).status).toBe('COMPLETED')
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: oldRequest.id } })).status).toBe('CLOSED')
  })

  test('central rejects suggestions and cancels approved loans before they start (the request reopens); others are refused', async () => {
    const { lender, request, start, central, manager, staffUser } = await loanSetup()
    const proposed = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 3, startWeek: start, endWeek: addWeeks(start, 6) } })
    const approved = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 10, startWeek: addWeeks(start, 4), endWeek: addWeeks(start, 6), status: 'APPROVED' } })
    for (const id of [manager.id, staffUser.id]) {
      await expect(rejectLoan(await actorOf(id), proposed.id, 'nej')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    const rejected = await rejectLoan(await actorOf(central.id), proposed.id, 'Personen behövs hemma.')
    expect(rejected).toMatchObject({ status: 'REJECTED', note: 'Personen behövs hemma.', decidedBy: { id: central.id } })
    await expect(rejectLoan(await actorOf(central.id), proposed.id)).rejects.toMatchObject({ code: 'CONFLICT' })
    const cancelled = await cancelLoan(await actorOf(central.id), approved.id, 'Behovet ändrades.')
    expect(cancelled.status).toBe('CANCELLED')
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('OPEN')
  })

  test('who sees which loans: central all, managers their units’, staff their own', async () => {
    const { lender, request, start, central, manager, otherManager, staffUser } = await loanSetup()
    const loan = await prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 3, startWeek: start, endWeek: addWeeks(start, 6) } })
    const ids = async (id: string) => (await listLoans(await actorOf(id))).map((l) => l.id)
    expect(await ids(central.id)).toContain(loan.id)
    expect(await ids(manager.id)).toContain(loan.id)
    expect(await ids(otherManager.id)).toContain(loan.id)
    expect(await ids(staffUser.id)).not.toContain(loan.id)
    const lenderUser = await createUser({ role: 'STAFF', staffId: lender.id })
    expect(await ids(lenderUser.id)).toEqual([loan.id])
  })
})
