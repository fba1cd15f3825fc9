import { cached } from '~/utils/cache.server'
import { prisma, type Tx } from '~/utils/db.server'

export type Policy = {
  introductionMonths: number
  recoveryMaxWeeks: number
  recoveryWindowWeeks: number
  horizonWeeks: number
  staffMaxLoad: number
  donorMaxLoad: number
  maxConcurrentLoans: number
}

const policySelect = {
  introductionMonths: true,
  recoveryMaxWeeks: true,
  recoveryWindowWeeks: true,
  horizonWeeks: true,
  staffMaxLoad: true,
  donorMaxLoad: true,
  maxConcurrentLoans: true,
} as const

/** The municipality's policy; the defaults apply until central changes them. */
export async function getPolicy(db: Tx = prisma): Promise<Policy> {
  // Inside a transaction, read it fresh; elsewhere the policy rarely changes.
  if (db !== prisma) return loadPolicy(db)
  return cached('policy', () => loadPolicy(prisma))
}

async function loadPolicy(db: Tx): Promise<Policy> {
  const row = await db.settings.findUnique({ where: { id: 'default' }, select: policySelect })
  return row ?? db.settings.create({ data: { id: 'default' }, select: policySelect })
}
