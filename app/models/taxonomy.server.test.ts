import { describe, expect, test } from 'vitest'
import { createArea as makeArea, createRoles } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { getPolicy } from './settings.server'
import { AreaSchema, NewAreaSchema, PolicySchema, SkillSchema } from './taxonomy-schemas'
import { createArea, createSkill, updateArea, updatePolicy, updateSkill } from './taxonomy.server'
import { parseInput } from './validation'

const actorOf = async (id: string) => (await getActorById(id))!

describe('taxonomy and policy (central)', () => {
  test('central keeps the skills catalogue; a taken key is refused on the key field', async () => {
    const { central } = await createRoles()
    const actor = await actorOf(central.id)
    const values = parseInput(SkillSchema, { key: 'Trauma-Fokus', nameSv: 'Traumafokuserad KBT', nameEn: 'Trauma-focused CBT', category: 'METHOD' })
    const skill = await createSkill(actor, values)
    expect(skill).toMatchObject({ key: 'trauma-fokus', active: true })
    await expect(createSkill(actor, values)).rejects.toMatchObject({ path: 'key', message: 'validation.keyTaken' })
    const retired = await updateSkill(actor, skill.id, { ...values, active: false })
    expect(retired.active).toBe(false)
  })

  test('areas carry the reasonable caseload; a decimal comma is fine, zero is not', async () => {
    const { central } = await createRoles()
    const actor = await actorOf(central.id)
    const area = await makeArea({ casesPerFte: 20 })
    await updateArea(actor, area.id, parseInput(AreaSchema, { nameSv: 'Barn', nameEn: 'Children', casesPerFte: '13,5' }))
    expect((await prisma.area.findUniqueOrThrow({ where: { id: area.id } })).casesPerFte).toBe(13.5)
    expect(() => parseInput(AreaSchema, { nameSv: 'Barn', nameEn: 'Children', casesPerFte: '0' })).toThrow(expect.objectContaining({ path: 'casesPerFte' }))
    const created = await createArea(actor, parseInput(NewAreaSchema, { key: 'socialpsykiatri', nameSv: 'Socialpsykiatri', nameEn: 'Social psychiatry', casesPerFte: '22' }))
    expect(created.casesPerFte).toBe(22)
  })

  test('central sets the policy the matching uses', async () => {
    const { central } = await createRoles()
    await updatePolicy(await actorOf(central.id), parseInput(PolicySchema, { introductionMonths: '3', recoveryMaxWeeks: '10', recoveryWindowWeeks: '26', horizonWeeks: '12', staffMaxLoad: '1', donorMaxLoad: '0,85', maxConcurrentLoans: '1' }))
    expect(await getPolicy()).toMatchObject({ introductionMonths: 3, recoveryMaxWeeks: 10, donorMaxLoad: 0.85 })
    expect(await prisma.auditLog.count({ where: { action: 'policy.update' } })).toBe(1)
  })

  test('managers and staff are refused every change', async () => {
    const { manager, staffUser } = await createRoles()
    const area = await makeArea()
    for (const id of [manager.id, staffUser.id]) {
      const actor = await actorOf(id)
      await expect(createSkill(actor, parseInput(SkillSchema, { key: 'x-skill', nameSv: 'Xx', nameEn: 'Xx', category: 'OTHER' }))).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(updateArea(actor, area.id, parseInput(AreaSchema, { nameSv: 'Aa', nameEn: 'Aa', casesPerFte: 5 }))).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await prisma.area.findUniqueOrThrow({ where: { id: area.id } })).casesPerFte).toBe(20)
  })
})
