// Several app processes, each with its own Prisma client and job loop, on one
// database (PostgreSQL under `npm run test:pg`, else one SQLite file): every
// job runs exactly once, and a recurring task once per period.
import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { enqueue, defineJob } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import { periodOf } from '~/jobs/periods'
import { ensureBuild, startServer, startWorkerProcess } from './support'
import { createRequest, createStaff, createUnit } from '../factories'
import { addWeeks, today, weekStart } from '~/utils/weeks'

const JOBS = 400
const work = defineJob<{ n: number }>('test.work', async () => {})
const children: ChildProcess[] = []

function startWorker() {
  return startWorkerProcess('tests/ops/fixtures/job-worker.ts', children)
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})

describe('the job queue across processes', () => {
  test('three processes share the jobs: each runs exactly once, the daily task once', async () => {
    const workers = [startWorker(), startWorker(), startWorker()]
    await Promise.all(workers.map((w) => w.ready))
    // Queued in batches while the processes are already claiming.
    for (let batch = 0; batch < JOBS / 50; batch++) {
      await prisma.$transaction(async (tx) => {
        for (let n = batch * 50; n < (batch + 1) * 50; n++) await enqueue(tx, work, { n })
      })
    }
    await expect.poll(() => prisma.job.count({ where: { name: 'test.work', status: 'DONE' } }), { timeout: 60_000, interval: 200 }).toBe(JOBS)
    await Promise.all(workers.map((w) => w.stop()))

    const ran = workers.flatMap((w) => [...w.output().matchAll(/^ran (\d+)$/gm)].map((m) => Number(m[1])))
    expect(ran).toHaveLength(JOBS)
    expect(new Set(ran).size).toBe(JOBS)
    // The work was shared, not done by one process that happened to win every claim.
    const perWorker = workers.map((w) => [...w.output().matchAll(/^ran /gm)].length)
    expect(perWorker.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2)
    const taskRuns = workers.flatMap((w) => [...w.output().matchAll(/^task \d+$/gm)])
    expect(taskRuns).toHaveLength(1)
    for (const w of workers) {
      expect(w.output()).toContain('stopped')
      expect(w.output()).not.toMatch(/failed|Error/)
    }
  }, 120_000)

  test('the production server runs the job loop: at start-up its daily task activates and completes loans, no page opened', async () => {
    ensureBuild()
    const monday = weekStart(today())
    const unit = await createUnit()
    const request = await createRequest({ unitId: unit.id, startInWeeks: -3, weeks: 6 })
    const loan = (status: 'APPROVED' | 'ACTIVE', start: number, end: number) =>
      prisma.loan.create({ data: { staffId: lender.id, requestId: request.id, fte10: 2, status, startWeek: addWeeks(monday, start), endWeek: addWeeks(monday, end) }, select: { id: true } })
    const lender = await createStaff()
    const starting = await loan('APPROVED', 0, 2)
    const finished = await loan('ACTIVE', -3, -1)
    const server = await startServer({ DATABASE_URL: process.env.DATABASE_URL })
    try {
      const status = async (id: string) => (await prisma.loan.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
      await expect.poll(() => Promise.all([status(starting.id), status(finished.id)]), { timeout: 20_000, interval: 200 }).toEqual(['ACTIVE', 'COMPLETED'])
      const key = (task: string) => `task:${task}:${periodOf('day', new Date())}`
      await expect.poll(() => prisma.job.count({ where: { key: { in: [key('jobs.retention'), key('loans.lifecycle')] }, status: 'DONE' } }), { timeout: 20_000 }).toBe(2)
    } finally {
      await server.stop()
    }
    expect(server.output()).not.toMatch(/Job .* failed/)
  }, 120_000)
})
