// Central's workload policy: newcomers' share of a full load by month of
// employment, and whether matching plans with the forecast or today's figures.
import { prisma } from '~/utils/db.server'
import { InputError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import { formatCapacityShares, MAX_CAPACITY_MONTHS } from './capacity'

/** Per cent for months 1, 2, …; trailing full months are dropped. A share above 100 % names its month. */
export async function updateCapacityShares(actor: Actor, percents: readonly number[]) {
  assertRole(actor, 'CENTRAL')
  if (percents.length > MAX_CAPACITY_MONTHS) throw new InputError('shares', 'workload.errors.shareInvalid')
  percents.forEach((p, i) => {
    if (!Number.isInteger(p) || p < 1) throw new InputError(`shares.${i}`, 'workload.errors.shareInvalid')
    if (p > 100) throw new InputError(`shares.${i}`, 'workload.errors.shareAbove100')
  })
  const kept = [...percents]
  while (kept.length && kept[kept.length - 1] === 100) kept.pop()
  const capacityShares = formatCapacityShares(kept.map((p) => p / 100))
  return prisma.$transaction(async (tx) => {
    const before = await tx.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {}, select: { capacityShares: true } })
    await tx.settings.update({ where: { id: 'default' }, data: { capacityShares } })
    await audit(tx, actor, { action: 'policy.capacityShares', entity: 'Settings', entityId: 'default', before, after: { capacityShares } })
    return capacityShares
  })
}

export async function updateMatchingDemand(actor: Actor, matchingDemand: 'FORECAST' | 'CURRENT') {
  assertRole(actor, 'CENTRAL')
  return prisma.$transaction(async (tx) => {
    const before = await tx.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {}, select: { matchingDemand: true } })
    await tx.settings.update({ where: { id: 'default' }, data: { matchingDemand } })
    await audit(tx, actor, { action: 'policy.matchingDemand', entity: 'Settings', entityId: 'default', before, after: { matchingDemand } })
  })
}

export async function updateMunicipalityName(actor: Actor, name: string) {
  assertRole(actor, 'CENTRAL')
  const municipalityName = name.trim()
  if (municipalityName.length < 2 || municipalityName.length > 120) throw new InputError('municipalityName', 'workload.errors.municipalityName')
  return prisma.$transaction(async (tx) => {
    const before = await tx.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {}, select: { municipalityName: true } })
    await tx.settings.update({ where: { id: 'default' }, data: { municipalityName } })
    await audit(tx, actor, { action: 'policy.municipalityName', entity: 'Settings', entityId: 'default', before, after: { municipalityName } })
  })
}
