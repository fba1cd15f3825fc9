import { describe, expect, test } from 'vitest'
import { createRoles, createSkill, createStaff } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { getActorById } from '~/utils/auth.server'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'
import {
  cancelReinforcementRequest,
  createReinforcementRequest,
  listRequests,
  parseReinforcementRequest,
  updateReinforcementRequest,
} from './requests.server'

const nextWeek = () => addWeeks(weekStart(today()), 1)

async function setup() {
  const roles = await createRoles()
  const skill = await createSkill({ key: `bbic-${Math.random().toString(36).slice(2, 7)}` })
  const actor = (id: string) => getActorById(id).then((a) => a!)
  return { ...roles, skill, managerActor: await actor(roles.manager.id), otherActor: await actor(roles.otherManager.id), centralActor: await actor(roles.central.id), staffActor: await actor(roles.staffUser.id) }
}

function input(unitId: string, skillId: string, overrides: Record<string, unknown> = {}) {
  return {
    unitId,
    fte: '1,5',
    minChunk: '0,2',
    startWeek: isoWeekId(nextWeek()),
    endWeek: isoWeekId(addWeeks(nextWeek(), 3)),
    urgency: 'HIGH',
    motivation: 'Många nya anmälningar denna månad.',
    skills: [{ skillId, minLevel: 2 }],
    ...overrides,
  }
}

describe('reinforcement requests', () => {
  test('a manager creates a request for their unit, in tenths and Monday weeks, with an audit entry', async () => {
    const { unit, skill, managerActor } = await setup()
    const created = await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id)))
    expect(created).toMatchObject({ unitId: unit.id, fte10: 15, minChunk10: 2, minWeeks: null, urgency: 'HIGH', status: 'OPEN' })
    // The shortest useful period: empty is the whole period, a number is kept.
    const partial = await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id, { minWeeks: '2' })))
    expect(partial.minWeeks).toBe(2)
    expect(created.startWeek.getUTCDay()).toBe(1)
    expect(created.skills).toEqual([expect.objectContaining({ skillId: skill.id, minLevel: 2 })])
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityId: created.id } })
    expect(entry).toMatchObject({ action: 'request.create', actorId: managerActor.id })
  })

  test('bad input names the field', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ fte: '0' }, 'fte', 'validation.fteRange'],
      [{ fte: '1,25' }, 'fte', 'validation.fteInvalid'],
      [{ fte: 'mycket' }, 'fte', 'validation.fteInvalid'],
      // Its own field's words, not the size's.
      [{ minChunk: 'abc' }, 'minChunk', 'validation.minChunkInvalid'],
      [{ minChunk: '0' }, 'minChunk', 'validation.minChunkRange'],
      [{ startWeek: '2026-W99' }, 'startWeek', 'validation.weekInvalid'],
      [{ endWeek: isoWeekId(weekStart(today())), startWeek: isoWeekId(nextWeek()) }, 'endWeek', 'validation.endBeforeStart'],
      [{ motivation: 'kort' }, 'motivation', 'validation.motivationShort'],
      [{ skills: [] }, 'skills', 'validation.skillsRequired'],
      [{ skills: [{ skillId: 's', minLevel: 5 }] }, 'skills.0.minLevel', 'validation.levelInvalid'],
      [{ minChunk: '2' }, 'minChunk', 'validation.chunkAboveFte'],
      [{ minWeeks: '5' }, 'minWeeks', 'validation.minWeeksAbovePeriod'],
      [{ minWeeks: '0' }, 'minWeeks', 'validation.minWeeksInvalid'],
      [{ minWeeks: '2,5' }, 'minWeeks', 'validation.minWeeksInvalid'],
    ]
    for (const [overrides, path, message] of cases) {
      expect(() => parseReinforcementRequest(input('u', 's', overrides)), path).toThrow(expect.objectContaining({ path, message }))
    }
  })

  test('only the unit’s own manager may create, edit or cancel; nothing is written on refusal', async () => {
    const { unit, skill, managerActor, otherActor, centralActor, staffActor } = await setup()
    for (const actor of [otherActor, centralActor, staffActor]) {
      await expect(createReinforcementRequest(actor, parseReinforcementRequest(input(unit.id, skill.id)))).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(await prisma.reinforcementRequest.count({ where: { unitId: unit.id } })).toBe(0)
    const created = await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id)))
    await expect(updateReinforcementRequest(otherActor, created.id, parseReinforcementRequest(input(unit.id, skill.id, { fte: '3' })))).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(cancelReinforcementRequest(otherActor, created.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('OPEN')
  })

  test('an unknown skill or a start in the past is refused, all or nothing', async () => {
    const { unit, skill, managerActor } = await setup()
    await expect(
      createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id, { skills: [{ skillId: skill.id, minLevel: 2 }, { skillId: 'nope', minLevel: 1 }] }))),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', path: 'skills.1.skillId' })
    await expect(
      createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id, { startWeek: isoWeekId(addWeeks(weekStart(today()), -2)) }))),
    ).rejects.toMatchObject({ path: 'startWeek' })
    expect(await prisma.reinforcementRequest.count({ where: { unitId: unit.id } })).toBe(0)
  })

  test('editing replaces skills and drops stale suggestions; the extent cannot fall below approved loans', async () => {
    const { unit, otherUnit, skill, managerActor } = await setup()
    const created = await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id)))
    const lender = await createStaff({ unitId: otherUnit.id })
    const proposed = await prisma.loan.create({ data: { staffId: lender.id, requestId: created.id, fte10: 3, startWeek: created.startWeek, endWeek: created.endWeek } })
    await prisma.loan.create({ data: { staffId: (await createStaff({ unitId: otherUnit.id })).id, requestId: created.id, fte10: 10, startWeek: created.startWeek, endWeek: created.endWeek, status: 'APPROVED' } })
    await expect(updateReinforcementRequest(managerActor, created.id, parseReinforcementRequest(input(unit.id, skill.id, { fte: '0,5' })))).rejects.toMatchObject({ path: 'fte' })
    const skill2 = await createSkill()
    const updated = await updateReinforcementRequest(managerActor, created.id, parseReinforcementRequest(input(unit.id, skill.id, { fte: '2', skills: [{ skillId: skill2.id, minLevel: 3 }] })))
    expect(updated.fte10).toBe(20)
    expect(updated.skills.map((s) => [s.skillId, s.minLevel])).toEqual([[skill2.id, 3]])
    expect(await prisma.loan.findUnique({ where: { id: proposed.id } })).toBeNull()
    expect(await prisma.loan.count({ where: { requestId: created.id, status: 'APPROVED' } })).toBe(1)
  })

  test('cancelling withdraws the request and cancels its approved loans', async () => {
    const { unit, otherUnit, skill, managerActor } = await setup()
    const created = await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id)))
    const loan = await prisma.loan.create({ data: { staffId: (await createStaff({ unitId: otherUnit.id })).id, requestId: created.id, fte10: 5, startWeek: created.startWeek, endWeek: created.endWeek, status: 'APPROVED' } })
    const cancelled = await cancelReinforcementRequest(managerActor, created.id)
    expect(cancelled.status).toBe('CANCELLED')
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).status).toBe('CANCELLED')
    await expect(cancelReinforcementRequest(managerActor, created.id)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
  })

  test('lists: central sees all, a manager their own units, staff are refused', async () => {
    const { unit, otherUnit, skill, managerActor, otherActor, centralActor, staffActor } = await setup()
    await createReinforcementRequest(managerActor, parseReinforcementRequest(input(unit.id, skill.id)))
    await createReinforcementRequest(otherActor, parseReinforcementRequest(input(otherUnit.id, skill.id)))
    expect((await listRequests(managerActor)).map((r) => r.unitId)).toEqual([unit.id])
    expect((await listRequests(centralActor)).map((r) => r.unitId)).toEqual(expect.arrayContaining([unit.id, otherUnit.id]))
    await expect(listRequests(staffActor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listRequests(managerActor, { unitId: otherUnit.id })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
