import { prisma } from '~/utils/db.server'
import { ForbiddenError, NotFoundError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { now as clockNow } from '~/utils/clock'
import { today } from '~/utils/weeks'
import { isCaseloadOld, isNewcomer, personalLoad, reasonableCaseload } from './load'
import { UNDER_WAY_STATUSES } from './loan-status'
import { getPolicy } from './settings.server'
import { capacityShare, monthOfEmployment, parseCapacityShares } from './capacity'
import { countsFromRecord, listCaseTypes } from './case-types.server'

/** Staff see their own profile; managers their unit's staff; central everyone. */
export function assertCanViewStaff(actor: Actor, staff: { id: string; unitId: string }) {
  if (actor.staffId === staff.id || actor.role === 'CENTRAL') return
  if (actor.role === 'MANAGER' && actor.managedUnitIds.includes(staff.unitId)) return
  throw new ForbiddenError()
}

export async function getStaffProfile(actor: Actor, staffId: string) {
  const staff = await prisma.staff.findUnique({
    where: { id: staffId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      title: true,
      unitId: true,
      fte10: true,
      caseload: true,
      caseloadPoints: true,
      caseloadUpdatedAt: true,
      caseCounts: { select: { caseTypeId: true, count: true } },
      caseloadProposal: { select: { counts: true, createdAt: true } },
      hireDate: true,
      lendingConsent: true,
      unit: { select: { id: true, name: true, areaId: true, casesPerFte: true, area: { select: { casesPerFte: true } } } },
      skills: {
        orderBy: { skill: { nameSv: 'asc' } },
        select: {
          id: true,
          level: true,
          evidence: true,
          validUntil: true,
          verifiedAt: true,
          verifiedBy: { select: { name: true } },
          skill: { select: { id: true, key: true, nameSv: true, nameEn: true, category: true } },
        },
      },
      absences: {
        where: { endDate: { gte: today() } },
        orderBy: { startDate: 'asc' },
        select: { id: true, startDate: true, endDate: true },
      },
      loans: {
        where: { status: { in: [...UNDER_WAY_STATUSES] } },
        orderBy: { startWeek: 'asc' },
        select: {
          id: true,
          fte10: true,
          startWeek: true,
          endWeek: true,
          status: true,
          request: { select: { unit: { select: { id: true, name: true } } } },
        },
      },
    },
  })
  if (!staff) throw new NotFoundError()
  assertCanViewStaff(actor, staff)
  const [policy, caseTypes] = await Promise.all([getPolicy(), listCaseTypes(staff.unit.areaId)])
  const casesPerFte = reasonableCaseload(staff.unit.casesPerFte, staff.unit.area.casesPerFte)
  const now = today()
  const share = capacityShare(staff.hireDate, now, parseCapacityShares(policy.capacityShares))
  const own = new Map(staff.caseCounts.map((c) => [c.caseTypeId, c.count]))
  const proposed = new Map(countsFromRecord(staff.caseloadProposal?.counts).map((c) => [c.caseTypeId, c.count]))
  const { caseCounts: _c, caseloadProposal, ...rest } = staff
  return {
    ...rest,
    casesPerFte,
    capacityShare: share,
    monthOfEmployment: share < 1 ? monthOfEmployment(staff.hireDate, now) : null,
    caseTypes: caseTypes.map((t) => ({ ...t, count: own.get(t.id) ?? 0, proposed: proposed.get(t.id) ?? null })),
    caseloadOld: isCaseloadOld(staff.caseloadUpdatedAt, clockNow()),
    proposalAt: caseloadProposal?.createdAt ?? null,
    personalLoad: personalLoad(staff.caseloadPoints, staff.fte10, casesPerFte, share),
    newcomer: isNewcomer(staff.hireDate, now, policy.introductionMonths),
    skills: staff.skills.map((s) => ({ ...s, expired: s.validUntil !== null && s.validUntil < now })),
  }
}
