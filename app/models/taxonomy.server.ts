import { Prisma } from '@prisma/client'
import type { z } from 'zod'
import { prisma } from '~/utils/db.server'
import { InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import type { AreaSchema, PolicySchema, SkillSchema } from './taxonomy-schemas'

const DEFAULT_CASE_TYPE = { nameSv: 'Ärenden', nameEn: 'Cases', weight: 1 }

type SkillValues = z.output<typeof SkillSchema>
type AreaValues = z.output<typeof AreaSchema>
type PolicyValues = z.output<typeof PolicySchema>

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

export async function createSkill(actor: Actor, values: SkillValues) {
  assertRole(actor, 'CENTRAL')
  try {
    return await prisma.$transaction(async (tx) => {
      const skill = await tx.skill.create({ data: values })
      await audit(tx, actor, { action: 'skill.create', entity: 'Skill', entityId: skill.id, after: values })
      return skill
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new InputError('key', 'validation.keyTaken')
    throw error
  }
}

export async function updateSkill(actor: Actor, id: string, values: SkillValues) {
  assertRole(actor, 'CENTRAL')
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.skill.findUnique({ where: { id } })
      if (!before) throw new NotFoundError()
      const skill = await tx.skill.update({ where: { id }, data: values })
      const { createdAt: _c, updatedAt: _u, ...old } = before
      await audit(tx, actor, { action: 'skill.update', entity: 'Skill', entityId: id, before: old, after: values })
      return skill
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new InputError('key', 'validation.keyTaken')
    throw error
  }
}

export async function listAreas() {
  return prisma.area.findMany({
    orderBy: { nameSv: 'asc' },
    select: { id: true, key: true, nameSv: true, nameEn: true, casesPerFte: true, _count: { select: { units: true } } },
  })
}

export async function updateArea(actor: Actor, id: string, values: AreaValues) {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const before = await tx.area.findUnique({ where: { id }, select: { nameSv: true, nameEn: true, casesPerFte: true } })
    if (!before) throw new NotFoundError()
    const area = await tx.area.update({ where: { id }, data: values })
    await audit(tx, actor, { action: 'area.update', entity: 'Area', entityId: id, before, after: values })
    return area
  })
}

export async function createArea(actor: Actor, values: AreaValues & { key: string }) {
  assertRole(actor, 'CENTRAL')
  try {
    return await prisma.$transaction(async (tx) => {
      // Every area starts counting plain cases: one case type of weight 1.
      const area = await tx.area.create({ data: { ...values, caseTypes: { create: DEFAULT_CASE_TYPE } } })
      await audit(tx, actor, { action: 'area.create', entity: 'Area', entityId: area.id, after: values })
      return area
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new InputError('key', 'validation.keyTaken')
    throw error
  }
}

export async function updatePolicy(actor: Actor, values: PolicyValues) {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const before = await tx.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {} })
    const after = await tx.settings.update({ where: { id: 'default' }, data: values })
    const { updatedAt: _b, id: _i, ...old } = before
    await audit(tx, actor, { action: 'policy.update', entity: 'Settings', entityId: 'default', before: old, after: values })
    return after
  })
}
