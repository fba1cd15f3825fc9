// Every mutation with each role: the change and its audit entry, each refusal
// and each bad input, and after a refusal or bad input not a row changed.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createRequest, createRoles, createSkill } from '../tests/factories'
import { createLendingWorld, credentialsFor, example, expectBadInput, expectRefused, gql, weekFromNow } from './test-helpers'

describe('updateMySkills', () => {
  const MUTATION = example('update-my-skills')

  test('staff add, change and remove their own skills; a change drops the verification', async () => {
    const { staff, staffUser, manager } = await createRoles()
    const [keep, change, drop] = [await createSkill(), await createSkill(), await createSkill()]
    await prisma.staffSkill.createMany({
      data: [
        { staffId: staff.id, skillId: change.id, level: 1, verifiedById: manager.id, verifiedAt: new Date() },
        { staffId: staff.id, skillId: drop.id, level: 2 },
      ],
    })
    const response = await gql(
      MUTATION,
      { set: [{ skillId: keep.id, level: 4, evidence: 'CERTIFICATE', validUntil: '2030-06-30' }, { skillId: change.id, level: 3 }], remove: [drop.id] },
      await credentialsFor(staffUser.id),
    )
    expect(response.errors).toEqual([])
    const skills = response.data.updateMySkills.skills
    expect(skills).toHaveLength(2)
    expect(skills).toEqual(
      expect.arrayContaining([
        { skill: { id: keep.id, key: keep.key }, level: 4, evidence: 'CERTIFICATE', validUntil: '2030-06-30', verified: false },
        { skill: { id: change.id, key: change.key }, level: 3, evidence: 'EXPERIENCE', validUntil: null, verified: false },
      ]),
    )
    expect(await prisma.staffSkill.count({ where: { staffId: staff.id } })).toBe(2)
    expect(await prisma.auditLog.count({ where: { actorId: staffUser.id, action: { startsWith: 'staffSkill.' } } })).toBe(3)
  })

  test('refused for accounts without a staff profile (managers, central)', async () => {
    const { manager, central } = await createRoles()
    const skill = await createSkill()
    for (const user of [manager, central]) await expectRefused(MUTATION, { set: [{ skillId: skill.id, level: 2 }] }, await credentialsFor(user.id))
  })

  test('bad input names the item and field; all or nothing', async () => {
    const { staffUser } = await createRoles()
    const skill = await createSkill()
    const credentials = await credentialsFor(staffUser.id)
    const valid = { skillId: skill.id, level: 2 }
    await expectBadInput(MUTATION, { set: [valid, { skillId: skill.id, level: 5 }] }, credentials, 'set.1.level', 'validation.levelInvalid')
    await expectBadInput(MUTATION, { set: [valid, { skillId: 'no-such-skill', level: 2 }] }, credentials, 'set.1.skillId', 'validation.unknownSkill')
    await expectBadInput(MUTATION, { set: [{ ...valid, validUntil: '2030-02-30' }] }, credentials, 'set.0.validUntil', 'validation.dateInvalid')
    await expectBadInput(MUTATION, { set: [{ ...valid, evidence: 'RUMOUR' }] }, credentials, 'set.0.evidence')
    const response = await expectBadInput(MUTATION, { set: [{ skillId: skill.id, level: 0 }] }, credentials, 'set.0.level')
    expect(response.errors[0].message).toBe('Välj en nivå från 1 till 4.')
  })
})

describe('setMyAvailability', () => {
  const MUTATION = `mutation ($lendingConsent: Boolean, $addAbsences: [AbsenceInput!], $removeAbsenceIds: [ID!]) {
    setMyAvailability(lendingConsent: $lendingConsent, addAbsences: $addAbsences, removeAbsenceIds: $removeAbsenceIds) {
      id lendingConsent lendable notLendableReasons absences { id startDate endDate }
    }
  }`

  test('staff set their consent and add and remove absences (dates only)', async () => {
    const { staff, staffUser } = await createRoles()
    const credentials = await credentialsFor(staffUser.id)
    const added = await gql(MUTATION, { lendingConsent: false, addAbsences: [{ startDate: weekFromNow(2), endDate: weekFromNow(3) }] }, credentials)
    expect(added.errors).toEqual([])
    expect(added.data.setMyAvailability).toMatchObject({
      id: staff.id,
      lendingConsent: false,
      lendable: false,
      notLendableReasons: ['CONSENT'],
      absences: [{ startDate: weekFromNow(2), endDate: weekFromNow(3) }],
    })
    const absenceId = added.data.setMyAvailability.absences[0].id
    const removed = await gql(MUTATION, { lendingConsent: true, removeAbsenceIds: [absenceId] }, credentials)
    expect(removed.data.setMyAvailability).toMatchObject({ lendingConsent: true, lendable: true, absences: [] })
    expect(await prisma.absence.count({ where: { staffId: staff.id } })).toBe(0)
  })

  test('refused: accounts without a profile, and someone else’s absence', async () => {
    const { manager, staffUser } = await createRoles()
    const other = await createRoles()
    const absence = await prisma.absence.create({ data: { staffId: other.staff.id, startDate: new Date('2030-01-07'), endDate: new Date('2030-01-08') } })
    await expectRefused(MUTATION, { lendingConsent: true }, await credentialsFor(manager.id))
    // Someone else's absence and one that does not exist get the same answer: an id tells nothing about others.
    await expectBadInput(MUTATION, { lendingConsent: false, removeAbsenceIds: [absence.id] }, await credentialsFor(staffUser.id), 'removeAbsenceIds.0', 'profile.errors.absenceNotInProfile')
    await expectBadInput(MUTATION, { removeAbsenceIds: ['no-such-absence'] }, await credentialsFor(staffUser.id), 'removeAbsenceIds.0', 'profile.errors.absenceNotInProfile')
  })

  test('bad input names the absence and field', async () => {
    const { staffUser } = await createRoles()
    const credentials = await credentialsFor(staffUser.id)
    const ok = { startDate: weekFromNow(1), endDate: weekFromNow(2) }
    await expectBadInput(MUTATION, { addAbsences: [ok, { startDate: weekFromNow(2), endDate: weekFromNow(1) }] }, credentials, 'addAbsences.1.endDate', 'validation.endBeforeStart')
    await expectBadInput(MUTATION, { addAbsences: [{ startDate: 'i morgon', endDate: weekFromNow(2) }] }, credentials, 'addAbsences.0.startDate', 'validation.dateInvalid')
    await expectBadInput(MUTATION, { addAbsences: [{ startDate: '2030-01-01', endDate: '2033-01-01' }] }, credentials, 'addAbsences.0.endDate', 'validation.absenceTooLong')
  })
})

describe('setUnitOpenCases', () => {
  const MUTATION = 'mutation ($unitId: ID!, $openCases: Int!) { setUnitOpenCases(unitId: $unitId, openCases: $openCases) { id openCases load trend } }'

  test('a manager updates their unit; the load follows at once', async () => {
    const { manager, unit } = await createRoles()
    const response = await gql(MUTATION, { unitId: unit.id, openCases: 30 }, await credentialsFor(manager.id, 'cookie'))
    expect(response.errors).toEqual([])
    expect(response.data.setUnitOpenCases).toMatchObject({ id: unit.id, openCases: 30, load: 1.5 })
    expect(response.data.setUnitOpenCases.trend.at(-1)).toBe(1.5)
    expect(await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { openCases: true } })).toEqual({ openCases: 30 })
    expect(await prisma.auditLog.count({ where: { action: 'unit.caseCounts', entityId: unit.id } })).toBe(1)
  })

  test('two updates in one request each see their own change', async () => {
    const { manager, unit } = await createRoles()
    const response = await gql(
      `mutation { a: setUnitOpenCases(unitId: "${unit.id}", openCases: 20) { load } b: setUnitOpenCases(unitId: "${unit.id}", openCases: 40) { load } }`,
      {},
      await credentialsFor(manager.id),
    )
    expect(response.data).toEqual({ a: { load: 1 }, b: { load: 2 } })
  })

  test('refused: another unit’s manager, staff, central', async () => {
    const { unit, otherManager, staffUser, central } = await createRoles()
    for (const user of [otherManager, staffUser, central]) await expectRefused(MUTATION, { unitId: unit.id, openCases: 5 }, await credentialsFor(user.id))
  })

  test('bad input: a negative or absurd number', async () => {
    const { manager, unit } = await createRoles()
    const credentials = await credentialsFor(manager.id)
    for (const openCases of [-1, 100_001]) await expectBadInput(MUTATION, { unitId: unit.id, openCases }, credentials, 'openCases', 'validation.openCasesInvalid')
  })
})

describe('createReinforcementRequest', () => {
  const MUTATION = example('create-request')
  const inputFor = (unitId: string, skillId: string) => ({
    unitId,
    fte: 1.5,
    startWeek: weekFromNow(2),
    endWeek: weekFromNow(6),
    motivation: 'Inflödet har ökat kraftigt.',
    skills: [{ skillId, minLevel: 2 }],
  })

  test('a manager asks for their unit; ISO weeks work as well as dates', async () => {
    const { manager, unit } = await createRoles()
    const skill = await createSkill()
    const response = await gql(MUTATION, { input: { ...inputFor(unit.id, skill.id), startWeek: '2099-W10', endWeek: '2099-W12', minChunk: null } }, await credentialsFor(manager.id))
    expect(response.errors).toEqual([])
    expect(response.data.createReinforcementRequest).toMatchObject({
      status: 'OPEN',
      fte: 1.5,
      minChunk: 0.1,
      startWeek: '2099-03-02',
      endWeek: '2099-03-16',
      minWeeks: 3,
      urgency: 'NORMAL',
      unit: { id: unit.id },
      skills: [{ skill: { key: skill.key }, minLevel: 2 }],
    })
    const stored = await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: response.data.createReinforcementRequest.id }, select: { fte10: true, createdById: true } })
    expect(stored).toEqual({ fte10: 15, createdById: manager.id })
  })

  test('refused: another unit’s manager, staff, central', async () => {
    const { unit, otherManager, staffUser, central } = await createRoles()
    const skill = await createSkill()
    for (const user of [otherManager, staffUser, central]) await expectRefused(MUTATION, { input: inputFor(unit.id, skill.id) }, await credentialsFor(user.id))
  })

  test('bad input names the field under input, with the form’s message', async () => {
    const { manager, unit } = await createRoles()
    const skill = await createSkill()
    const credentials = await credentialsFor(manager.id)
    const input = inputFor(unit.id, skill.id)
    const cases: [Record<string, unknown>, string, string][] = [
      [{ skills: [{ skillId: skill.id, minLevel: 5 }] }, 'input.skills.0.minLevel', 'validation.levelInvalid'],
      [{ skills: [{ skillId: 'no-such-skill', minLevel: 2 }] }, 'input.skills.0.skillId', 'validation.unknownSkill'],
      [{ skills: [] }, 'input.skills', 'validation.skillsRequired'],
      [{ fte: 0.15 }, 'input.fte', 'validation.fteInvalid'],
      [{ fte: 25 }, 'input.fte', 'validation.fteRange'],
      [{ minChunk: 2 }, 'input.minChunk', 'validation.chunkAboveFte'],
      [{ minWeeks: 6 }, 'input.minWeeks', 'validation.minWeeksAbovePeriod'],
      [{ minWeeks: 0 }, 'input.minWeeks', 'validation.minWeeksInvalid'],
      [{ startWeek: '2026-W60' }, 'input.startWeek', 'validation.weekInvalid'],
      [{ startWeek: weekFromNow(-2) }, 'input.startWeek', 'validation.startInPast'],
      [{ endWeek: weekFromNow(1) }, 'input.endWeek', 'validation.endBeforeStart'],
      [{ motivation: 'Kort' }, 'input.motivation', 'validation.motivationShort'],
      [{ urgency: 'WHENEVER' }, 'input.urgency', ''],
    ]
    for (const [change, field, key] of cases) await expectBadInput(MUTATION, { input: { ...input, ...change } }, credentials, field, key || undefined)
    const response = await expectBadInput(MUTATION, { input: { ...input, fte: 0.15 } }, credentials, 'input.fte')
    expect(response.errors[0].message).toBe('Ange omfattningen med högst en decimal, till exempel 0,5.')
  })
})

describe('cancelReinforcementRequest', () => {
  const MUTATION = 'mutation ($id: ID!) { cancelReinforcementRequest(id: $id) { id status } }'

  test('a manager withdraws their unit’s request; its suggestions go', async () => {
    const { manager, unit, staff } = await createRoles()
    const request = await createRequest({ unitId: unit.id })
    await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek } })
    const response = await gql(MUTATION, { id: request.id }, await credentialsFor(manager.id))
    expect(response.data.cancelReinforcementRequest).toEqual({ id: request.id, status: 'CANCELLED' })
    expect(await prisma.loan.count({ where: { requestId: request.id } })).toBe(0)
  })

  test('refused: another unit’s manager, staff, central; unknown id; not open any more', async () => {
    const { manager, unit, otherManager, staffUser, central } = await createRoles()
    const request = await createRequest({ unitId: unit.id })
    for (const user of [otherManager, staffUser, central]) await expectRefused(MUTATION, { id: request.id }, await credentialsFor(user.id))
    const credentials = await credentialsFor(manager.id)
    await expectRefused(MUTATION, { id: 'no-such-request' }, credentials, 'NOT_FOUND')
    await gql(MUTATION, { id: request.id }, credentials)
    await expectBadInput(MUTATION, { id: request.id }, credentials, 'id', 'validation.requestNotOpen')
  })
})

describe('runMatching, approveLoan, rejectLoan', () => {
  const RUN = example('run-matching')
  const APPROVE = example('approve-loan')
  const REJECT = 'mutation ($id: ID!, $note: String) { rejectLoan(id: $id, note: $note) { id status note decidedBy { id } } }'

  async function suggestion() {
    const world = await createLendingWorld()
    await prisma.staffSkill.create({ data: { staffId: world.lender.id, skillId: world.skill.id, level: 3 } })
    const request = await createRequest({ unitId: world.receiving.id, fte10: 8, skills: [{ skillId: world.skill.id, minLevel: 2 }] })
    const central = await credentialsFor(world.central.id)
    const run = await gql(RUN, { timeLimitMs: 150 }, central)
    expect(run.errors).toEqual([])
    const loan = run.data.runMatching.loans.find((l: { request: { id: string } }) => l.request.id === request.id)
    expect(loan).toMatchObject({ status: 'PROPOSED', staff: { id: world.lender.id } })
    return { ...world, request, loan, centralCredentials: central }
  }

  test('only central runs the matching and decides; a refusal writes nothing', async () => {
    const { loan, manager, lendingManager, staffUser } = await suggestion()
    for (const user of [manager, lendingManager, staffUser]) {
      const credentials = await credentialsFor(user.id)
      await expectRefused(RUN, {}, credentials)
      await expectRefused(APPROVE, { id: loan.id }, credentials)
      await expectRefused(REJECT, { id: loan.id }, credentials)
    }
  })

  test('central approves: the loan is booked; approving again is a conflict', async () => {
    const { loan, request, centralCredentials, central } = await suggestion()
    const approved = await gql(APPROVE, { id: loan.id, note: '  Okej.  ' }, centralCredentials)
    expect(approved.data.approveLoan).toMatchObject({ id: loan.id, status: 'APPROVED', note: 'Okej.', decidedBy: { name: central.name } })
    expect(await prisma.auditLog.count({ where: { action: 'loan.approve', entityId: loan.id } })).toBe(1)
    const again = await expectRefused(APPROVE, { id: loan.id }, centralCredentials, 'CONFLICT')
    expect(again.errors[0]).toMatchObject({ message: 'Förslaget är redan avgjort.', extensions: { key: 'loan.notProposed' } })
    expect(await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: request.id }, select: { status: true } })).toEqual({ status: 'FILLED' })
  })

  test('a stale suggestion is refused with the reason', async () => {
    const { loan, lender, centralCredentials } = await suggestion()
    await prisma.staff.update({ where: { id: lender.id }, data: { lendingConsent: false } })
    const response = await expectRefused(APPROVE, { id: loan.id }, centralCredentials, 'CONFLICT')
    expect(response.errors[0]).toMatchObject({ message: 'Personen har tagit tillbaka sitt samtycke till utlån.', extensions: { key: 'loan.stale.notLendable.consent' } })
  })

  test('central rejects with a note', async () => {
    const { loan, centralCredentials, central } = await suggestion()
    const rejected = await gql(REJECT, { id: loan.id, note: 'Behövs hemma.' }, centralCredentials)
    expect(rejected.data.rejectLoan).toEqual({ id: loan.id, status: 'REJECTED', note: 'Behövs hemma.', decidedBy: { id: central.id } })
    await expectRefused(REJECT, { id: loan.id }, centralCredentials, 'CONFLICT')
  })

  test('bad input and unknown ids', async () => {
    const { loan, centralCredentials } = await suggestion()
    await expectBadInput(RUN, { timeLimitMs: 50 }, centralCredentials, 'timeLimitMs', 'validation.numberRange')
    await expectBadInput(APPROVE, { id: loan.id, note: 'x'.repeat(1001) }, centralCredentials, 'note', 'validation.noteTooLong')
    await expectBadInput(REJECT, { id: loan.id, note: 'x'.repeat(1001) }, centralCredentials, 'note', 'validation.noteTooLong')
    await expectRefused(APPROVE, { id: 'no-such-loan' }, centralCredentials, 'NOT_FOUND')
    await expectRefused(REJECT, { id: 'no-such-loan' }, centralCredentials, 'NOT_FOUND')
  })
})
