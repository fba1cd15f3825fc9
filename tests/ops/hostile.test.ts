// Findings 1–4 of issue #15 fired at the production server as it runs in
// production (two workers, a 160 MB heap cap each): the server stays up, no
// worker dies or is replaced, and each stays within its memory.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRoles, sessionCookie } from '../factories'
import { fireFindings, watchWorkers, workerPids } from '../../bench/lib/attacks'
import { ensureBuild, startServer, type AppServer } from './support'
import { createApiToken } from '~/models/api-tokens.server'
import { getActorById } from '~/utils/auth.server'

const HEAP_MB = 160
// Heap cap plus what a Node process holds outside the V8 heap (code, buffers, the SQLite page cache).
const RSS_LIMIT_MB = HEAP_MB + 160
let server: AppServer

beforeAll(async () => {
  ensureBuild()
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL, WEB_CONCURRENCY: '2', WORKER_HEAP_MB: String(HEAP_MB), READ_MODEL_TTL_MS: '60000' })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('hostile requests (findings 1–4)', () => {
  test('the server stays up, both workers survive, and each stays under its memory', async () => {
    const { unit, manager, staffUser } = await createRoles()
    const managerCookie = await sessionCookie(manager.id)
    const staffToken = (await createApiToken((await getActorById(staffUser.id))!, 'fuzz')).token
    let workers: number[] = []
    for (let i = 0; i < 50 && workers.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100))
      workers = workerPids(server.pid)
    }
    expect(workers).toHaveLength(2)
    const watch = watchWorkers(server.pid)
    const fired = await fireFindings({ base: server.url, managerCookie, unitId: unit.id, staffToken })
    const peaks = watch.stop()

    // Refused early and small: 400 naming the field, 413 (or the connection closed after it).
    expect(new Set(fired.arrayIndices)).toEqual(new Set([400]))
    expect(fired.bigBodies.filter((s) => s !== 413 && s !== 0)).toEqual([])
    // The 2 MB ones: 413; those just under the length limit are real queries (200), kept in a cache bounded by bytes.
    expect(fired.paddedQueries.filter((s) => ![200, 400, 413, 0].includes(s))).toEqual([])
    expect(fired.paddedQueries.filter((s) => s === 413 || s === 0).length).toBeGreaterThan(30)
    expect(fired.equivalentSituations.filter((s) => s !== 200)).toEqual([])

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect(workerPids(server.pid).sort()).toEqual(workers.sort())
    for (const pid of workers) expect(peaks.get(pid), `worker ${pid} peak RSS (MB)`).toBeLessThan(RSS_LIMIT_MB)
    expect(server.output()).not.toMatch(/heap limit|worker stopped|FATAL/i)
  }, 240_000)
})
