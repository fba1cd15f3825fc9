// The durable job queue: rows in the `Job` table. A job is queued with the
// caller's transaction (it exists only if the change commits: a transactional
// outbox) and claimed by one app process at a time for a lease. PostgreSQL
// claims with FOR UPDATE SKIP LOCKED, so instances never wait for or take each
// other's jobs; SQLite has one writer, so the same single UPDATE is atomic.
// See docs/decisions/001-job-queue.md.
import { randomUUID } from 'node:crypto'
import { Prisma } from '@prisma/client'
import { getDatabaseProvider } from '~/utils/database-url'
import { prisma, type Tx } from '~/utils/db.server'

/** A kind of job: its name in the table and the function that does it. Listed in registry.server.ts. */
export type JobDefinition<P> = {
  readonly name: string
  readonly handle: (payload: P, job: { id: string; attempt: number }) => Promise<void>
  /** Attempts before the job is left FAILED (default 25: about two hours at the longest wait). */
  readonly maxAttempts?: number
}

export function defineJob<P>(name: string, handle: JobDefinition<P>['handle'], options: { maxAttempts?: number } = {}): JobDefinition<P> {
  return { name, handle, ...options }
}

export const DEFAULT_MAX_ATTEMPTS = 25

export type EnqueueOptions = {
  /** At most one job ever has this key: a second enqueue with it is a no-op. */
  key?: string
  /** Not before this time (default now). */
  runAt?: Date
  maxAttempts?: number
}

/**
 * Queues a job inside `tx` (the caller's transaction, or `prisma` on its own).
 * Returns false when a job with the same key exists already.
 */
export async function enqueue<P>(tx: Tx, job: JobDefinition<P>, payload: P, options: EnqueueOptions = {}): Promise<boolean> {
  return insertJob(tx, job.name, JSON.stringify(payload ?? null), { maxAttempts: job.maxAttempts, ...options })
}

export async function insertJob(tx: Tx, name: string, payload: string, options: EnqueueOptions = {}): Promise<boolean> {
  const now = new Date()
  const data = {
    id: randomUUID(),
    name,
    payload,
    key: options.key ?? null,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: options.runAt ?? now,
    createdAt: now,
  }
  if (!options.key) {
    await tx.job.create({ data })
    return true
  }
  // ON CONFLICT rather than catching P2002: on PostgreSQL a failed insert would abort the caller's transaction.
  const inserted = await tx.$executeRaw`
    INSERT INTO "Job" ("id", "name", "payload", "key", "maxAttempts", "runAt", "createdAt")
    VALUES (${data.id}, ${data.name}, ${data.payload}, ${data.key}, ${data.maxAttempts}, ${data.runAt}, ${data.createdAt})
    ON CONFLICT ("key") DO NOTHING`
  return inserted === 1
}

export type ClaimedJob = { id: string; name: string; payload: string; attempts: number; maxAttempts: number }

/**
 * Takes up to `limit` due jobs for `worker` until `now + leaseMs`: pending ones
 * whose time has come, and running ones whose lease ran out (their process
 * died). Each job goes to exactly one caller, whatever runs at the same time.
 */
export async function claimJobs(worker: string, options: { limit: number; leaseMs: number; now?: Date }, db: Tx = prisma): Promise<ClaimedJob[]> {
  const now = options.now ?? new Date()
  const lockedUntil = new Date(now.getTime() + options.leaseMs)
  const skipLocked = getDatabaseProvider() === 'postgresql' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty
  const rows = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "lockedBy" = ${worker}, "lockedUntil" = ${lockedUntil}
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'PENDING' AND "runAt" <= ${now}) OR ("status" = 'RUNNING' AND "lockedUntil" < ${now})
      ORDER BY "runAt"
      LIMIT ${options.limit}
      ${skipLocked})
    RETURNING "id", "name", "payload", "attempts", "maxAttempts"`
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), maxAttempts: Number(r.maxAttempts) }))
}

/** Keeps a long job's lease; false when the job is no longer this worker's. */
export async function extendLease(worker: string, jobId: string, leaseMs: number): Promise<boolean> {
  const { count } = await prisma.job.updateMany({
    where: { id: jobId, lockedBy: worker, status: 'RUNNING' },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  })
  return count === 1
}

export async function completeJob(worker: string, jobId: string) {
  await prisma.job.updateMany({
    where: { id: jobId, lockedBy: worker, status: 'RUNNING' },
    data: { status: 'DONE', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError: null },
  })
}

/** A failed attempt: the job waits `retryInMs` and runs again, or stays FAILED after its last attempt. */
export async function failJob(worker: string, job: Pick<ClaimedJob, 'id' | 'attempts' | 'maxAttempts'>, error: string, retryInMs: number) {
  const now = new Date()
  const last = job.attempts >= job.maxAttempts
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: worker, status: 'RUNNING' },
    data: {
      status: last ? 'FAILED' : 'PENDING',
      runAt: last ? undefined : new Date(now.getTime() + retryInMs),
      finishedAt: last ? now : null,
      lockedBy: null,
      lockedUntil: null,
      lastError: error.slice(0, 1000),
    },
  })
  return last ? 'failed' : 'retry'
}

export type QueueCounts = { pending: number; running: number; failed: number }

/** Jobs waiting (due or later), running and given up, for /metrics. */
export async function queueCounts(db: Tx = prisma): Promise<QueueCounts> {
  const groups = await db.job.groupBy({ by: ['status'], where: { status: { in: ['PENDING', 'RUNNING', 'FAILED'] } }, _count: { _all: true } })
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0
  return { pending: count('PENDING'), running: count('RUNNING'), failed: count('FAILED') }
}

const DAY_MS = 86_400_000

/** Done jobs are kept a week, failed ones a month (to look into), then deleted. */
export async function deleteFinishedJobs(now = new Date()) {
  const { count } = await prisma.job.deleteMany({
    where: {
      OR: [
        { status: 'DONE', finishedAt: { lt: new Date(now.getTime() - 7 * DAY_MS) } },
        { status: 'FAILED', finishedAt: { lt: new Date(now.getTime() - 30 * DAY_MS) } },
      ],
    },
  })
  return count
}
