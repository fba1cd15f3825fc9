// SIGTERM while a 10-second matching run is under way: the run finishes and
// its answer reaches the client, the server then exits 0. The demo
// municipality (2,000 staff) is large enough that the engine uses its whole
// time limit rather than proving an optimum early.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seededDatabase, signInCookie } from '../../bench/lib/server'
import { ensureBuild, startServer, type AppServer } from './support'

let app: AppServer

beforeAll(async () => {
  ensureBuild()
  const database = await seededDatabase('hostile', 2000)
  app = await startServer({ DATABASE_URL: database, SESSION_SECRET: 'avlast-bench-session-secret-0123456789', SHUTDOWN_TIMEOUT_MS: '30000' })
}, 300_000)

afterAll(async () => {
  await app?.stop()
})

describe('graceful shutdown during matching', () => {
  test('SIGTERM two seconds into a 10-second run: the run completes and is answered, then the process exits 0', async () => {
    const cookie = await signInCookie(app.url, 'central@demo.avlast.se')
    const started = Date.now()
    const run = fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: app.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { runMatching(timeLimitMs: 10000) { run { id status durationMs } } }' }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: { runMatching?: { run?: { status: string; durationMs: number } } }; errors?: unknown[] }, at: Date.now() - started }))
    await new Promise((r) => setTimeout(r, 2000))
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => app.process.once('exit', (code) => resolve({ code, at: Date.now() - started })))
    app.process.kill('SIGTERM')
    const answer = await run
    expect(answer.status).toBe(200)
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined()
    expect(['optimal', 'feasible', 'timedout']).toContain(answer.body.data?.runMatching?.run?.status)
    // A real 10-second run, still going when the signal came.
    expect(answer.body.data?.runMatching?.run?.durationMs).toBeGreaterThan(8000)
    expect(answer.at).toBeGreaterThan(2000)
    const { code, at } = await exited
    expect(code).toBe(0)
    expect(at).toBeGreaterThanOrEqual(answer.at)
  }, 120_000)
})
