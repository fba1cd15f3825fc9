// "Jag kan hjälpa till": staff offer to help with an open request of another
// unit that fits their skills; central sees who offered (matching page), and
// matching prefers a volunteer when scores are equal (the instance's
// `preferred`, see volunteerPairs).
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { audit } from './audit.server'
import { skillCountsNow } from './lendability'
import { requestSummarySelect } from './request-brief'

type HeldSkill = { level: number; validUntil: Date | null; skill: { key: string; active: true | boolean } }

/** A person's skills that count now (active skills, evidence not expired), as matching reads them. */
export function usableSkills(held: readonly HeldSkill[], now: Date) {
  return new Map(held.filter((h) => skillCountsNow(h, now)).map((h) => [h.skill.key, h.level]))
}

/** Every required skill held at its level. */
export function fitsRequest(skills: ReadonlyMap<string, number>, required: readonly { minLevel: number; skill: { key: string } }[]) {
  return required.every((r) => (skills.get(r.skill.key) ?? 0) >= r.minLevel)
}

const staffOf = (actor: Actor) => {
  if (!actor.staffId) throw new ForbiddenError('consult.errors.noStaffProfile')
  return actor.staffId
}

/** The open requests of other units that fit the actor's skills, each with whether they have offered to help. */
export async function openRequestsFitting(actor: Actor) {
  // An account without a staff profile holds no skills: nothing fits.
  if (!actor.staffId) return []
  const staffId = actor.staffId
  const now = today()
  const person = await prisma.staff.findUnique({
    where: { id: staffId },
    select: {
      unitId: true,
      skills: { select: { level: true, validUntil: true, skill: { select: { key: true, active: true } } } },
      volunteerings: { select: { requestId: true } },
    },
  })
  if (!person) return []
  const skills = usableSkills(person.skills, now)
  const offered = new Set(person.volunteerings.map((v) => v.requestId))
  const requests = await prisma.reinforcementRequest.findMany({
    where: { status: 'OPEN', endWeek: { gte: weekStart(now) }, unitId: { not: person.unitId } },
    orderBy: [{ startWeek: 'asc' }, { id: 'asc' }],
    // All the API shows of a request, so a person can read the ones they fit.
    select: requestSummarySelect,
  })
  return requests.filter((r) => fitsRequest(skills, r.skills)).map((r) => ({ ...r, volunteered: offered.has(r.id) }))
}

/**
 * The actor offers to help with an open request (staff with a profile;
 * CONFLICT when the request is not open, is their own unit's, or does not fit
 * their skills). Offering twice changes nothing.
 */
export async function volunteer(actor: Actor, requestId: string) {
  const staffId = staffOf(actor)
  return prisma.$transaction(async (tx) => {
    const [request, person] = await Promise.all([
      tx.reinforcementRequest.findUnique({
        where: { id: requestId },
        select: { id: true, status: true, unitId: true, endWeek: true, skills: { select: { minLevel: true, skill: { select: { key: true } } } } },
      }),
      tx.staff.findUniqueOrThrow({
        where: { id: staffId },
        select: { unitId: true, active: true, skills: { select: { level: true, validUntil: true, skill: { select: { key: true, active: true } } } } },
      }),
    ])
    if (!request) throw new NotFoundError()
    if (request.status !== 'OPEN' || request.endWeek < weekStart(today())) throw new ConflictError('loan.stale.requestClosed')
    if (request.unitId === person.unitId) throw new ConflictError('consult.errors.ownUnit')
    if (!person.active || !fitsRequest(usableSkills(person.skills, today()), request.skills)) throw new ConflictError('consult.errors.notFitting')
    const existing = await tx.volunteer.findUnique({ where: { staffId_requestId: { staffId, requestId } }, select: { id: true } })
    if (!existing) {
      await tx.volunteer.create({ data: { staffId, requestId } })
      await audit(tx, actor, { action: 'request.volunteer', entity: 'ReinforcementRequest', entityId: requestId, after: { staffId } })
    }
    return { requestId, volunteered: true }
  })
}

/** The actor withdraws their offer (nothing to withdraw changes nothing). */
export async function withdrawVolunteer(actor: Actor, requestId: string) {
  const staffId = staffOf(actor)
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.volunteer.deleteMany({ where: { staffId, requestId } })
    // Nothing to withdraw (no such request, or no offer from this person): say so rather than report a withdrawal.
    if (!count) throw new InputError('requestId', 'profile.errors.notVolunteered')
    await audit(tx, actor, { action: 'request.unvolunteer', entity: 'ReinforcementRequest', entityId: requestId, before: { staffId } })
    return { requestId, volunteered: false }
  })
}

/** Central: who offered to help with the open requests, by request. */
export async function listVolunteers(actor: Actor) {
  assertRole(actor, 'CENTRAL')
  const rows = await prisma.volunteer.findMany({
    where: { request: { status: 'OPEN', endWeek: { gte: weekStart(today()) } } },
    orderBy: { createdAt: 'asc' },
    select: {
      createdAt: true,
      staff: { select: { id: true, firstName: true, lastName: true, unit: { select: { name: true } } } },
      request: { select: { id: true, startWeek: true, endWeek: true, unit: { select: { name: true } } } },
    },
  })
  const byRequest = new Map<
    string,
    { requestId: string; unitName: string; startWeek: Date; endWeek: Date; people: { staffId: string; name: string; unitName: string }[] }
  >()
  for (const r of rows) {
    const entry = byRequest.get(r.request.id) ?? {
      requestId: r.request.id,
      unitName: r.request.unit.name,
      startWeek: r.request.startWeek,
      endWeek: r.request.endWeek,
      people: [],
    }
    entry.people.push({ staffId: r.staff.id, name: `${r.staff.firstName} ${r.staff.lastName}`, unitName: r.staff.unit.name })
    byRequest.set(r.request.id, entry)
  }
  return [...byRequest.values()]
}

/** Every (person, request) offer on open requests, for matching's tie-break. */
export async function volunteerPairs() {
  return prisma.volunteer.findMany({ where: { request: { status: 'OPEN' } }, select: { staffId: true, requestId: true } })
}
