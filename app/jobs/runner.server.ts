// The loop every app process runs (started by scripts/server.ts): it claims
// due jobs and runs them, keeps their leases while they run, retries failures
// with backoff, and once a minute (and at start) queues each recurring task
// for its current period, which the queue then runs exactly once.
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { prisma } from '~/utils/db.server'
import { retryDelayMs as defaultRetryDelay } from './backoff'
import { periodOf, type Period } from './periods'
import { claimJobs, completeJob, extendLease, failJob, insertJob, type ClaimedJob, type JobDefinition } from './queue.server'

/** A task that runs once per period across all instances (registry.server.ts). */
export type RecurringTask = {
  readonly name: string
  readonly every: Period
  readonly run: () => Promise<unknown>
}

export type JobRunnerOptions = {
  jobs: readonly JobDefinition<never>[]
  tasks?: readonly RecurringTask[]
  /** How often an idle process looks for due jobs (default 1 s). */
  pollMs?: number
  /** Jobs one process runs at once (default 4). */
  concurrency?: number
  /** How long a claim holds without renewal; renewed every third of it while the job runs (default 2 min). */
  leaseMs?: number
  /** How often recurring tasks are queued for their period (default 1 min). */
  scheduleMs?: number
  retryDelayMs?: (attempt: number) => number
  /** How long stop() waits for running jobs before it gives up on them (their lease then expires). */
  stopTimeoutMs?: number
}

export type JobRunner = {
  readonly worker: string
  /** Claims and starts what is due now; resolves when those jobs are done. */
  runDue: () => Promise<number>
  /** Queues each recurring task for its current period (a no-op when queued already). */
  scheduleRecurring: (now?: Date) => Promise<void>
  start: () => void
  stop: () => Promise<void>
}

export const recurringJobName = (task: string) => `task.${task}`

// Never the error's message: it may quote an address or a name.
function describeError(error: unknown) {
  const e = error as { name?: string; code?: string; responseCode?: number }
  return [e?.name ?? 'Error', e?.code, e?.responseCode].filter(Boolean).join(' ')
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const pollMs = options.pollMs ?? 1000
  const concurrency = options.concurrency ?? 4
  const leaseMs = options.leaseMs ?? 120_000
  const scheduleMs = options.scheduleMs ?? 60_000
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay
  const tasks = options.tasks ?? []
  const handlers = new Map<string, (payload: never, job: { id: string; attempt: number }) => Promise<unknown>>()
  for (const job of options.jobs) handlers.set(job.name, job.handle)
  for (const task of tasks) handlers.set(recurringJobName(task.name), () => task.run())

  const worker = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const running = new Set<Promise<void>>()
  let timer: NodeJS.Timeout | undefined
  let stopped = true
  let lastScheduled = 0

  async function run(job: ClaimedJob) {
    const handle = handlers.get(job.name)
    const heartbeat = setInterval(() => void extendLease(worker, job.id, leaseMs).catch(() => {}), leaseMs / 3)
    try {
      // A job this version does not know (a newer instance queued it) waits for one that does.
      if (!handle) throw new Error(`No handler for job ${job.name}`)
      await handle(JSON.parse(job.payload) as never, { id: job.id, attempt: job.attempts })
      clearInterval(heartbeat)
      await completeJob(worker, job.id)
    } catch (error) {
      clearInterval(heartbeat)
      // The job table keeps what the log keeps: the kind of error and its codes, no message.
      const outcome = await failJob(worker, job, describeError(error), retryDelay(job.attempts))
      console.error(`Job ${job.name} ${job.id} attempt ${job.attempts} failed (${describeError(error)}): ${outcome === 'retry' ? 'will retry' : 'given up'}`)
    }
  }

  function track(promise: Promise<void>) {
    running.add(promise)
    void promise.finally(() => running.delete(promise))
    return promise
  }

  async function runDue() {
    const free = concurrency - running.size
    if (free <= 0) return 0
    const claimed = await claimJobs(worker, { limit: free, leaseMs })
    await Promise.all(claimed.map((job) => track(run(job))))
    return claimed.length
  }

  async function scheduleRecurring(now = new Date()) {
    for (const task of tasks) {
      await insertJob(prisma, recurringJobName(task.name), '{}', { key: `task:${task.name}:${periodOf(task.every, now)}`, maxAttempts: 10 })
    }
  }

  async function tick() {
    timer = undefined
    let busy = false
    try {
      if (tasks.length && Date.now() - lastScheduled >= scheduleMs) {
        await scheduleRecurring()
        lastScheduled = Date.now()
      }
      const free = concurrency - running.size
      if (free > 0) {
        const claimed = await claimJobs(worker, { limit: free, leaseMs })
        // Not awaited: the loop keeps claiming while these run, up to `concurrency`.
        for (const job of claimed) void track(run(job)).finally(wake)
        busy = claimed.length === free
      }
    } catch (error) {
      console.error(`Job loop: the database did not answer (${describeError(error)}); trying again`)
    }
    if (!stopped && !timer) timer = setTimeout(tick, busy ? 0 : pollMs)
  }

  /** A job finished: look for more at once rather than at the next poll. */
  function wake() {
    if (stopped || !timer) return
    clearTimeout(timer)
    timer = setTimeout(tick, 0)
  }

  return {
    worker,
    runDue,
    scheduleRecurring,
    start() {
      if (!stopped) return
      stopped = false
      lastScheduled = 0
      timer = setTimeout(tick, 0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.stopTimeoutMs ?? 10_000).unref())
      await Promise.race([Promise.allSettled([...running]), timeout])
    },
  }
}
