import type { Role } from '@prisma/client'
import { ForbiddenError } from './errors'

/** Who is acting: the signed-in user as every permission check sees them. */
export type Actor = {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly locale: string
  readonly staffId: string | null
  readonly managedUnitIds: readonly string[]
}

export function hasRole(actor: Actor, ...roles: Role[]) {
  return roles.includes(actor.role)
}

export function assertRole(actor: Actor, ...roles: Role[]) {
  if (!hasRole(actor, ...roles)) throw new ForbiddenError()
}

export function managesUnit(actor: Actor, unitId: string) {
  return actor.role === 'MANAGER' && actor.managedUnitIds.includes(unitId)
}

export function assertManagesUnit(actor: Actor, unitId: string) {
  if (!managesUnit(actor, unitId)) throw new ForbiddenError()
}

/** Central sees every unit; a manager sees the units they manage. */
export function canViewUnit(actor: Actor, unitId: string) {
  return actor.role === 'CENTRAL' || managesUnit(actor, unitId)
}

export function assertCanViewUnit(actor: Actor, unitId: string) {
  if (!canViewUnit(actor, unitId)) throw new ForbiddenError()
}

/**
 * Who may see a person's details (skills, load, weeks away, weeks lent):
 * central, the person, and the manager of their own unit. The staff
 * directory applies the same rule in SQL (visibleStaff).
 */
export function maySeePerson(actor: Actor, person: { readonly id: string; readonly unitId: string }) {
  return actor.role === 'CENTRAL' || actor.staffId === person.id || managesUnit(actor, person.unitId)
}

/** Where each role starts after signing in. */
export function homePath(actor: Actor) {
  switch (actor.role) {
    case 'CENTRAL':
      return '/situation'
    case 'MANAGER':
      return actor.managedUnitIds.length > 0 ? `/units/${actor.managedUnitIds[0]}` : '/profile'
    default:
      return '/profile'
  }
}
