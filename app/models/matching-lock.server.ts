// One matching run at a time, across every server instance: the run holds the
// one MatchingRunLock row (a second insert fails on its fixed id). A row
// left by a crashed process expires after the run's time limit and a margin.
import { Prisma } from '@prisma/client'
import { dataChanged } from '~/utils/data-version.server'
import { prisma } from '~/utils/db.server'
import { ConflictError } from '~/utils/errors'

const LOCK_ID = 'matching'
/** Building the instance and storing thousands of suggestions come on top of the solve. */
const MARGIN_MS = 120_000

export type RunInProgress = { startedAt: Date; timeLimitMs: number; startedBy: string | null }

/** Takes the lock for a run of `timeLimitMs`, or throws CONFLICT `matching.alreadyRunning`. */
export async function acquireMatchingLock(startedById: string, timeLimitMs: number, now = new Date()) {
  const data = { startedById, startedAt: now, timeLimitMs, expiresAt: new Date(now.getTime() + timeLimitMs + MARGIN_MS) }
  try {
    await prisma.matchingRunLock.create({ data: { id: LOCK_ID, ...data } })
    // The matching page says a run is under way.
    await dataChanged()
    return
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error
  }
  // Held: only an expired lock may be taken over, and only by one of those trying.
  const { count } = await prisma.matchingRunLock.updateMany({ where: { id: LOCK_ID, expiresAt: { lt: now } }, data })
  if (count !== 1) throw new ConflictError('matching.alreadyRunning')
  await dataChanged()
}

export async function releaseMatchingLock() {
  await prisma.matchingRunLock.deleteMany({ where: { id: LOCK_ID } })
  await dataChanged()
}

/** The run in progress, if any (an expired lock is none). */
export async function matchingInProgress(now = new Date()): Promise<RunInProgress | null> {
  const lock = await prisma.matchingRunLock.findUnique({ where: { id: LOCK_ID }, select: { startedAt: true, timeLimitMs: true, startedById: true, expiresAt: true } })
  if (!lock || lock.expiresAt < now) return null
  const user = lock.startedById ? await prisma.user.findUnique({ where: { id: lock.startedById }, select: { name: true } }) : null
  return { startedAt: lock.startedAt, timeLimitMs: lock.timeLimitMs, startedBy: user?.name ?? null }
}
