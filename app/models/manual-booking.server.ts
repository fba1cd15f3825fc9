// What central chooses from when booking a loan by hand: the open requests,
// and for one of them the people of other units whose skills fit it. The
// booking itself is bookLoan in the lifecycle module (loan-lifecycle.server.ts).
import { prisma } from '~/utils/db.server'
import { assertRole, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { fitsRequest, usableSkills } from './volunteers.server'

export async function bookingOptions(actor: Actor, requestId?: string) {
  assertRole(actor, 'CENTRAL')
  const now = today()
  const requests = await prisma.reinforcementRequest.findMany({
    where: { status: 'OPEN', endWeek: { gte: weekStart(now) } },
    orderBy: [{ startWeek: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      unitId: true,
      fte10: true,
      startWeek: true,
      endWeek: true,
      unit: { select: { name: true } },
      skills: { select: { minLevel: true, skill: { select: { key: true } } } },
    },
  })
  const chosen = requests.find((r) => r.id === requestId) ?? null
  if (!chosen) return { requests, chosen: null, people: [] }
  const keys = chosen.skills.map((s) => s.skill.key)
  const candidates = await prisma.staff.findMany({
    where: { active: true, unitId: { not: chosen.unitId }, ...(keys.length ? { skills: { some: { skill: { key: { in: keys } } } } } : {}) },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: keys.length ? 500 : 200,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      unit: { select: { name: true } },
      skills: { select: { level: true, validUntil: true, skill: { select: { key: true, active: true } } } },
    },
  })
  const people = candidates
    .filter((p) => fitsRequest(usableSkills(p.skills, now), chosen.skills))
    .map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, unitName: p.unit.name }))
  return { requests, chosen, people }
}
