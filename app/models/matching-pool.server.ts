// The matching engine runs in a worker thread (piscina), so a 30-second
// solve never holds up the requests this process serves. One thread: runs
// are one at a time anyway (matching-lock.server.ts); it exits when idle, so
// HiGHS's WebAssembly memory goes with it.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Piscina } from 'piscina'
import type { Solution, SolveOptions } from '~/engine'
import { onShutdown } from '~/utils/shutdown.server'

let pool: Piscina | null = null

/** The worker's bundle (built from app/engine/worker.ts by scripts/match.mjs, as `npm run build` does, or on demand). */
async function workerFile() {
  const script = pathToFileURL(path.join(process.cwd(), 'scripts/match.mjs')).href
  const { ensureBundle } = (await import(script)) as { ensureBundle: (kind: 'worker') => Promise<string> }
  return ensureBundle('worker')
}

/** Solves an instance in the matching thread; the time limit counts from now. */
export async function solveInWorker(instance: unknown, options: Omit<SolveOptions, 'mip' | 'startedAt'>): Promise<Solution & { threadId: number }> {
  const startedAt = Date.now()
  if (!pool) {
    pool = new Piscina({ filename: await workerFile(), minThreads: 0, maxThreads: 1, idleTimeout: 60_000 })
    registerClose()
  }
  return pool.run({ instance, options: { ...options, startedAt } })
}

/**
 * Lets a run in progress finish, then stops the thread: for a graceful
 * shutdown (SIGTERM), before the process exits. Later solves start a new pool.
 */
let registered = false
function registerClose() {
  if (registered) return
  registered = true
  onShutdown('matching pool', closeMatchingPool)
}

export async function closeMatchingPool() {
  const closing = pool
  pool = null
  await closing?.close()
}
