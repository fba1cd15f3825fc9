// The entry of the matching worker thread (bundled to build/match-worker.mjs,
// run by app/models/matching-pool.server.ts through piscina): one solve per
// task, off the thread that serves requests.
import { threadId } from 'node:worker_threads'
import { solveAsync } from './solve'
import type { Solution, SolveOptions } from './types'

export type SolveTask = { instance: unknown; options: Omit<SolveOptions, 'mip'> }

/** The solution, and the thread that found it (so callers can tell it ran off theirs). */
export default async function solveTask({ instance, options }: SolveTask): Promise<Solution & { threadId: number }> {
  return { ...(await solveAsync(instance, options)), threadId }
}
