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
  /** Per cent of a full load by month of employment, "50,50,50,75,75,75" (capacity.ts). */
  capacityShares: string
  /** Matching's open cases in coming weeks: the forecast, or today's figures. */
  matchingDemand: 'FORECAST' | 'CURRENT'
  /** On the weekly report for the nämnd. */
  municipalityName: string
  /** Consultation: an approval waits for the person's "Det fungerar". */
  requireStaffAnswer: boolean
}

const policySelect = {
  introductionMonths: true,
  recoveryMaxWeeks: true,
  recoveryWindowWeeks: true,
  horizonWeeks: true,
  staffMaxLoad: true,
  donorMaxLoad: true,
  maxConcurrentLoans: true,
  capacityShares: true,
  matchingDemand: true,
  municipalityName: true,
  requireStaffAnswer: true,
} as const

/** The municipality's policy; the defaults apply until central changes them. */
export async function getPolicy(db: Tx = prisma): Promise<Policy> {
  // Inside a transaction, read it fresh; elsewhere the policy rarely changes.
  if (db !== prisma) return loadPolicy(db)
  return cached('policy', () => loadPolicy(prisma))
}

async function loadPolicy(db: Tx): Promise<Policy> {
  const row = await db.settings.findUnique({ where: { id: 'default' }, select: policySelect })
  if (row) return row
  // Two first reads at once both find nothing: the second one's create loses, and reads the winner's row.
  return db.settings.create({ data: { id: 'default' }, select: policySelect }).catch(() => db.settings.findUniqueOrThrow({ where: { id: 'default' }, select: policySelect }))
}
