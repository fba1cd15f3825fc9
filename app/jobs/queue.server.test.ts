import { afterEach, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { claimJobs, defineJob, deleteFinishedJobs, enqueue, queueCounts } from './queue.server'
import { createJobRunner, type JobRunner } from './runner.server'

const seen: unknown[] = []
const echo = defineJob('test.echo', async (payload: { n: number }) => {
  seen.push(payload.n)
})
let failuresLeft = 0
const flaky = defineJob(
  'test.flaky',
  async () => {
    if (failuresLeft-- > 0) throw Object.assign(new Error('SMTP said no to anna@example.se'), { code: 'ECONNREFUSED' })
  },
  { maxAttempts: 3 },
)

const runners: JobRunner[] = []
function runner(options: Partial<Parameters<typeof createJobRunner>[0]> = {}) {
  const r = createJobRunner({ jobs: [echo, flaky] as never[], pollMs: 20, ...options })
  runners.push(r)
  return r
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()))
  await prisma.job.deleteMany()
  seen.length = 0
})

describe('enqueue', () => {
  test('a job exists only if the transaction that queued it commits', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueue(tx, echo, { n: 1 })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await prisma.job.count()).toBe(0)

    await prisma.$transaction((tx) => enqueue(tx, echo, { n: 2 }))
    const jobs = await prisma.job.findMany()
    expect(jobs).toMatchObject([{ name: 'test.echo', payload: '{"n":2}', status: 'PENDING', attempts: 0 }])
  })

  test('a key is queued once, and a repeat does not break the transaction it is in', async () => {
    const outcome = await prisma.$transaction(async (tx) => {
      const first = await enqueue(tx, echo, { n: 1 }, { key: 'once' })
      const second = await enqueue(tx, echo, { n: 2 }, { key: 'once' })
      await enqueue(tx, echo, { n: 3 })
      return [first, second]
    })
    expect(outcome).toEqual([true, false])
    expect(await enqueue(prisma, echo, { n: 4 }, { key: 'once' })).toBe(false)
    expect((await prisma.job.findMany({ orderBy: { payload: 'asc' } })).map((j) => j.payload)).toEqual(['{"n":1}', '{"n":3}'])
  })
})

describe('claiming', () => {
  test('a claimed job is nobody else’s until its lease runs out, then another worker takes it over', async () => {
    await enqueue(prisma, echo, { n: 1 })
    const now = new Date()
    const first = await claimJobs('a', { limit: 10, leaseMs: 60_000, now })
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ name: 'test.echo', attempts: 1 })
    expect(await claimJobs('b', { limit: 10, leaseMs: 60_000, now: new Date(now.getTime() + 59_000) })).toEqual([])
    // Worker a died: after the lease, b claims it again.
    const taken = await claimJobs('b', { limit: 10, leaseMs: 60_000, now: new Date(now.getTime() + 61_000) })
    expect(taken.map((j) => j.id)).toEqual([first[0].id])
    expect(taken[0].attempts).toBe(2)
  })

  test('a job queued for later waits until its time', async () => {
    const later = new Date(Date.now() + 60_000)
    await enqueue(prisma, echo, { n: 1 }, { runAt: later })
    expect(await claimJobs('a', { limit: 1, leaseMs: 1000 })).toEqual([])
    expect(await claimJobs('a', { limit: 1, leaseMs: 1000, now: new Date(later.getTime() + 1) })).toHaveLength(1)
  })

  test('claims never hand one job to two workers claiming at once', async () => {
    for (let n = 0; n < 40; n++) await enqueue(prisma, echo, { n })
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((w) => claimJobs(w, { limit: 15, leaseMs: 60_000 })))
    const ids = claims.flat().map((j) => j.id)
    expect(ids).toHaveLength(40)
    expect(new Set(ids).size).toBe(40)
  })
})

describe('the runner', () => {
  test('runs each due job once and marks it done', async () => {
    for (let n = 0; n < 5; n++) await enqueue(prisma, echo, { n })
    const r = runner({ concurrency: 3 })
    expect(await r.runDue()).toBe(3)
    expect(await r.runDue()).toBe(2)
    expect(await r.runDue()).toBe(0)
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4])
    expect(await prisma.job.count({ where: { status: 'DONE' } })).toBe(5)
  })

  test('a failure is retried after the backoff and given up after its last attempt; the counts show it', async () => {
    failuresLeft = 1
    await enqueue(prisma, flaky, {})
    const r = runner({ retryDelayMs: () => 60_000 })
    await r.runDue()
    const waiting = await prisma.job.findFirstOrThrow()
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'Error ECONNREFUSED' })
    // The kind of error and its code, never its message (it quoted an address).
    expect(waiting.lastError).not.toContain('anna@example.se')
    expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now() + 55_000)
    expect(await queueCounts()).toEqual({ pending: 1, running: 0, failed: 0 })
    // Not before its time…
    expect(await r.runDue()).toBe(0)
    // …then it succeeds.
    await prisma.job.update({ where: { id: waiting.id }, data: { runAt: new Date() } })
    expect(await r.runDue()).toBe(1)
    expect(await prisma.job.findFirstOrThrow()).toMatchObject({ status: 'DONE', attempts: 2, lastError: null })

    failuresLeft = 10
    await enqueue(prisma, flaky, {})
    const quick = runner({ retryDelayMs: () => 0 })
    for (let i = 0; i < 3; i++) await quick.runDue()
    expect(await prisma.job.findFirstOrThrow({ where: { status: { not: 'DONE' } } })).toMatchObject({ status: 'FAILED', attempts: 3 })
    expect(await queueCounts()).toEqual({ pending: 0, running: 0, failed: 1 })
  })

  test('the loop picks up jobs queued while it runs, and stop() waits for the running ones', async () => {
    const r = runner()
    r.start()
    await enqueue(prisma, echo, { n: 7 })
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1)
    await r.stop()
    await enqueue(prisma, echo, { n: 8 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(seen).toEqual([7])
  })

  test('done jobs are deleted after a week, failed ones after a month', async () => {
    const day = 86_400_000
    const now = new Date()
    const at = (days: number) => new Date(now.getTime() - days * day)
    const base = { name: 'test.echo', payload: '{}', maxAttempts: 1, runAt: now, createdAt: now }
    await prisma.job.createMany({
      data: [
        { ...base, id: 'done-old', status: 'DONE', finishedAt: at(8) },
        { ...base, id: 'done-new', status: 'DONE', finishedAt: at(6) },
        { ...base, id: 'failed-old', status: 'FAILED', finishedAt: at(31) },
        { ...base, id: 'failed-new', status: 'FAILED', finishedAt: at(20) },
        { ...base, id: 'pending', status: 'PENDING' },
      ],
    })
    expect(await deleteFinishedJobs(now)).toBe(2)
    expect((await prisma.job.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((j) => j.id)).toEqual(['done-new', 'failed-new', 'pending'])
  })
})

describe('recurring tasks', () => {
  test('run once per period however many instances schedule them, and again in the next period', async () => {
    let runs = 0
    const tasks = [{ name: 'count', every: 'day' as const, run: async () => void runs++ }]
    const instances = [runner({ tasks }), runner({ tasks }), runner({ tasks })]
    const monday = new Date('2026-11-23T10:00:00Z')
    await Promise.all(instances.map((r) => r.scheduleRecurring(monday)))
    await Promise.all(instances.map((r) => r.scheduleRecurring(new Date('2026-11-23T21:00:00Z'))))
    await Promise.all(instances.map((r) => r.runDue()))
    await Promise.all(instances.map((r) => r.runDue()))
    expect(runs).toBe(1)
    await Promise.all(instances.map((r) => r.scheduleRecurring(new Date('2026-11-24T10:00:00Z'))))
    await Promise.all(instances.map((r) => r.runDue()))
    expect(runs).toBe(2)
    expect((await prisma.job.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((j) => j.key)).toEqual(['task:count:2026-11-23', 'task:count:2026-11-24'])
  })

  test('a weekly task runs once from Monday to Sunday', async () => {
    let runs = 0
    const r = runner({ tasks: [{ name: 'weekly', every: 'week', run: async () => void runs++ }] })
    for (const day of ['2026-11-23', '2026-11-25', '2026-11-29']) {
      await r.scheduleRecurring(new Date(`${day}T12:00:00Z`))
      await r.runDue()
    }
    expect(runs).toBe(1)
    await r.scheduleRecurring(new Date('2026-11-30T12:00:00Z'))
    await r.runDue()
    expect(runs).toBe(2)
  })

  test('the loop schedules its tasks at start-up', async () => {
    let runs = 0
    const r = runner({ tasks: [{ name: 'at-start', every: 'day', run: async () => void runs++ }] })
    r.start()
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1)
  })

  test('a task that fails is retried in the same period', async () => {
    let calls = 0
    const r = runner({
      retryDelayMs: () => 0,
      tasks: [
        {
          name: 'fails-once',
          every: 'day',
          run: async () => {
            if (calls++ === 0) throw new Error('database busy')
          },
        },
      ],
    })
    await r.scheduleRecurring()
    await r.runDue()
    await r.runDue()
    expect(calls).toBe(2)
    expect(await prisma.job.findFirstOrThrow()).toMatchObject({ status: 'DONE', attempts: 2 })
  })
})
