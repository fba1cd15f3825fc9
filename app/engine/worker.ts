// The entry of the matching worker thread (bundled to build/match-worker.mjs,
// run by app/models/matching-pool.server.ts through piscina): one solve per
// task, off the thread that serves requests.
import { solveAsync } from './solve'
import type { Solution, SolveOptions } from './types'

export type SolveTask = { instance: unknown; options: Omit<SolveOptions, 'mip'> }

export default function solveTask({ instance, options }: SolveTask): Promise<Solution> {
  return solveAsync(instance, options)
}
