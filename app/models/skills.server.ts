import type { Prisma } from '@prisma/client'
import { prisma } from '~/utils/db.server'
import { ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import { assertManagesUnit, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import type { StaffSkillValues } from './profile-schemas'

export async function listSkills(options: { includeInactive?: boolean } = {}) {
  return prisma.skill.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: [{ category: 'asc' }, { nameSv: 'asc' }],
    select: { id: true, key: true, nameSv: true, nameEn: true, category: true, active: true },
  })
}

function ownStaffId(actor: Actor): string {
  if (!actor.staffId) throw new ForbiddenError()
  return actor.staffId
}

const skillSnapshot = (s: { level: number; evidence: string; validUntil: Date | null; verifiedById: string | null }) => ({
  level: s.level,
  evidence: s.evidence,
  validUntil: s.validUntil,
  verified: s.verifiedById !== null,
})

/**
 * Adds or changes the signed-in person's skills and removes others, all or
 * nothing. A changed skill loses its manager verification.
 */
export async function updateMySkills(actor: Actor, change: { set?: StaffSkillValues[]; remove?: string[] }) {
  const staffId = ownStaffId(actor)
  const set = change.set ?? []
  const remove = change.remove ?? []
  return prisma.$transaction(async (tx) => {
    // A skill that is not in the profile cannot be removed: say so rather than report a removal that never happened.
    const held = new Set((await tx.staffSkill.findMany({ where: { staffId, skillId: { in: remove } }, select: { skillId: true } })).map((s) => s.skillId))
    remove.forEach((skillId, i) => {
      if (!held.has(skillId)) throw new InputError(`remove.${i}`, 'profile.errors.skillNotInProfile')
    })
    const skills = await tx.skill.findMany({ where: { id: { in: set.map((s) => s.skillId) }, active: true }, select: { id: true } })
    const known = new Set(skills.map((s) => s.id))
    set.forEach((s, i) => {
      if (!known.has(s.skillId)) throw new InputError(`set.${i}.skillId`, 'validation.unknownSkill')
    })
    for (const s of set) {
      const before = await tx.staffSkill.findUnique({ where: { staffId_skillId: { staffId, skillId: s.skillId } } })
      const validUntil = s.validUntil ?? null
      const unchanged =
        before && before.level === s.level && before.evidence === s.evidence && (before.validUntil?.getTime() ?? null) === (validUntil?.getTime() ?? null)
      if (unchanged) continue
      const after = await tx.staffSkill.upsert({
        where: { staffId_skillId: { staffId, skillId: s.skillId } },
        create: { staffId, skillId: s.skillId, level: s.level, evidence: s.evidence, validUntil },
        update: { level: s.level, evidence: s.evidence, validUntil, verifiedById: null, verifiedAt: null },
      })
      await audit(tx, actor, {
        action: before ? 'staffSkill.update' : 'staffSkill.add',
        entity: 'StaffSkill',
        entityId: after.id,
        before: before ? skillSnapshot(before) : undefined,
        after: { skillId: s.skillId, ...skillSnapshot(after) },
      })
    }
    for (const skillId of remove) {
      const before = await tx.staffSkill.findUnique({ where: { staffId_skillId: { staffId, skillId } } })
      if (!before) continue
      await tx.staffSkill.delete({ where: { id: before.id } })
      await audit(tx, actor, { action: 'staffSkill.remove', entity: 'StaffSkill', entityId: before.id, before: { skillId, ...skillSnapshot(before) } })
    }
    return tx.staffSkill.findMany({
      where: { staffId },
      select: { id: true, skillId: true, level: true, evidence: true, validUntil: true, verifiedAt: true },
    })
  })
}

/** A manager confirms a skill of someone in their unit. */
export async function verifyStaffSkill(actor: Actor, staffSkillId: string) {
  return prisma.$transaction(async (tx) => {
    const skill = await tx.staffSkill.findUnique({
      where: { id: staffSkillId },
      select: { id: true, level: true, evidence: true, validUntil: true, verifiedById: true, staff: { select: { unitId: true } } },
    })
    if (!skill) throw new NotFoundError()
    assertManagesUnit(actor, skill.staff.unitId)
    const verifiedAt = new Date()
    await tx.staffSkill.update({ where: { id: staffSkillId }, data: { verifiedById: actor.id, verifiedAt } })
    await audit(tx, actor, { action: 'staffSkill.verify', entity: 'StaffSkill', entityId: staffSkillId, before: skillSnapshot(skill), after: { ...skillSnapshot(skill), verified: true } })
    return { id: staffSkillId, verifiedAt }
  })
}

export type SkillMatrix = Awaited<ReturnType<typeof getSkillMatrix>>

/** Staff × skills of one unit, for the manager's competency matrix. */
export async function getSkillMatrix(actor: Actor, unitId: string) {
  if (actor.role !== 'CENTRAL') assertManagesUnit(actor, unitId)
  const staff = await prisma.staff.findMany({
    where: { unitId, active: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      skills: { select: { id: true, skillId: true, level: true, evidence: true, validUntil: true, verifiedAt: true } },
    },
  })
  const skillIds = [...new Set(staff.flatMap((s) => s.skills.map((k) => k.skillId)))]
  const skills = await prisma.skill.findMany({
    where: { id: { in: skillIds } },
    orderBy: [{ category: 'asc' }, { nameSv: 'asc' }],
    select: { id: true, key: true, nameSv: true, nameEn: true, category: true } satisfies Prisma.SkillSelect,
  })
  return { staff, skills }
}
