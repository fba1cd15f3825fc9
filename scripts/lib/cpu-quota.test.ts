import { describe, expect, test } from 'vitest'
import { cpuQuota, defaultWorkerCount } from './cpu-quota'

const files = (entries: Record<string, string>) => (file: string) => entries[file] ?? null

describe('worker count from the container CPU quota', () => {
  test('cgroup v2: 2 CPUs of a 16-core host give 2 workers; 1.5 CPUs give 1; no quota gives every core', () => {
    expect(defaultWorkerCount(files({ '/sys/fs/cgroup/cpu.max': '200000 100000' }), 16)).toBe(2)
    expect(defaultWorkerCount(files({ '/sys/fs/cgroup/cpu.max': '150000 100000' }), 16)).toBe(1)
    expect(defaultWorkerCount(files({ '/sys/fs/cgroup/cpu.max': 'max 100000' }), 16)).toBe(16)
  })

  test('cgroup v1: quota over period; -1 is no quota', () => {
    const v1 = (quota: string) => files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': quota, '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' })
    expect(cpuQuota(v1('400000'))).toBe(4)
    expect(defaultWorkerCount(v1('400000'), 8)).toBe(4)
    expect(defaultWorkerCount(v1('-1'), 8)).toBe(8)
  })

  test('never more workers than cores, never fewer than one', () => {
    expect(defaultWorkerCount(files({ '/sys/fs/cgroup/cpu.max': '800000 100000' }), 2)).toBe(2)
    expect(defaultWorkerCount(files({ '/sys/fs/cgroup/cpu.max': '50000 100000' }), 2)).toBe(1)
    expect(defaultWorkerCount(files({}), 3)).toBe(3)
  })
})
