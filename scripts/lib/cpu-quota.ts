// How many CPUs this process may use: the container's CPU quota (cgroup v2
// `cpu.max`, or v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`) when it has one,
// else the cores Node sees. os.availableParallelism() ignores quotas, so a
// container limited to 2 CPUs on a 32-core host would fork 32 workers.
import fs from 'node:fs'
import os from 'node:os'

type Read = (file: string) => string | null

const readFile: Read = (file) => {
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    return null
  }
}

/** The quota in CPUs (1.5 = one and a half), or null when the container has none. */
export function cpuQuota(read: Read = readFile): number | null {
  const v2 = read('/sys/fs/cgroup/cpu.max')
  if (v2) {
    const [quota, period] = v2.split(/\s+/)
    return quota === 'max' ? null : ratio(quota, period)
  }
  const quota = read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us') ?? read('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us')
  const period = read('/sys/fs/cgroup/cpu/cpu.cfs_period_us') ?? read('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us')
  return quota && period && Number(quota) > 0 ? ratio(quota, period) : null
}

function ratio(quota: string | undefined, period: string | undefined) {
  const q = Number(quota)
  const p = Number(period)
  return q > 0 && p > 0 ? q / p : null
}

/**
 * One worker per whole CPU of the quota (rounded down, as Go's automaxprocs
 * does: a worker on a fraction of a CPU is throttled), never more than the
 * cores, at least one.
 */
export function defaultWorkerCount(read: Read = readFile, cores = os.availableParallelism()): number {
  const quota = cpuQuota(read)
  return Math.max(1, Math.min(cores, quota === null ? cores : Math.floor(quota)))
}
