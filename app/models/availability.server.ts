import { prisma } from '~/utils/db.server'
import { ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import type { AbsenceValues } from './profile-schemas'

function ownStaffId(actor: Actor): string {
  if (!actor.staffId) throw new ForbiddenError()
  return actor.staffId
}

/**
 * The signed-in person's availability: consent to be lent, absences to add
 * (dates only) and absences to remove, in one transaction.
 */
export async function setMyAvailability(
  actor: Actor,
  change: { lendingConsent?: boolean; addAbsences?: AbsenceValues[]; removeAbsenceIds?: string[] },
) {
  const staffId = ownStaffId(actor)
  return prisma.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: staffId }, select: { lendingConsent: true } })
    if (!staff) throw new NotFoundError()
    if (change.lendingConsent !== undefined && change.lendingConsent !== staff.lendingConsent) {
      await tx.staff.update({ where: { id: staffId }, data: { lendingConsent: change.lendingConsent } })
      await audit(tx, actor, {
        action: 'staff.consent',
        entity: 'Staff',
        entityId: staffId,
        before: { lendingConsent: staff.lendingConsent },
        after: { lendingConsent: change.lendingConsent },
      })
    }
    for (const [i, id] of (change.removeAbsenceIds ?? []).entries()) {
      const absence = await tx.absence.findUnique({ where: { id }, select: { staffId: true, startDate: true, endDate: true } })
      // Gone already (an old page, a second click) or someone else's: the same answer, so an id tells nothing about others.
      if (!absence || absence.staffId !== staffId) throw new InputError(`removeAbsenceIds.${i}`, 'profile.errors.absenceNotInProfile')
      await tx.absence.delete({ where: { id } })
      await audit(tx, actor, { action: 'absence.remove', entity: 'Absence', entityId: id, before: { startDate: absence.startDate, endDate: absence.endDate } })
    }
    // After the removals, so a period can be replaced in one change; an overlap is refused, not stored twice.
    for (const [i, a] of (change.addAbsences ?? []).entries()) {
      const overlapping = await tx.absence.findFirst({ where: { staffId, startDate: { lte: a.endDate }, endDate: { gte: a.startDate } }, select: { id: true } })
      if (overlapping) throw new InputError(`addAbsences.${i}.startDate`, 'validation.absenceOverlaps')
      const created = await tx.absence.create({ data: { staffId, startDate: a.startDate, endDate: a.endDate } })
      await audit(tx, actor, { action: 'absence.add', entity: 'Absence', entityId: created.id, after: { startDate: a.startDate, endDate: a.endDate } })
    }
    return tx.staff.findUniqueOrThrow({
      where: { id: staffId },
      select: { id: true, lendingConsent: true, absences: { orderBy: { startDate: 'asc' }, select: { id: true, startDate: true, endDate: true } } },
    })
  })
}
