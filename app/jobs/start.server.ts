// The job loop of this process, as the production server starts and stops it.
import { clockShifted } from '~/utils/clock'
import { getEnv } from '~/utils/env.server'
import { JOBS, RECURRING_TASKS } from './registry.server'
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './runner.server'

let runner: JobRunner | undefined

/** Starts claiming jobs and scheduling recurring tasks in this process; returns stopJobs. */
export function startJobs(options: Partial<JobRunnerOptions> = {}) {
  // A test server with a moved clock (CLOCK_OFFSET_DAYS) shares its database: its jobs would write the simulated future there.
  getEnv()
  if (clockShifted()) return stopJobs
  runner ??= createJobRunner({ jobs: JOBS, tasks: RECURRING_TASKS, ...options })
  runner.start()
  return stopJobs
}

/** Stops claiming, and waits (up to 10 s) for the jobs running now to finish. */
export async function stopJobs() {
  await runner?.stop()
}
