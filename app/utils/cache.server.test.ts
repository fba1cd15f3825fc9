import { describe, expect, test, vi } from 'vitest'
import { cached, invalidateReadModels } from './cache.server'

describe('read-model cache', () => {
  test('concurrent loads share one query, and an invalidation forces a fresh one', async () => {
    const load = vi.fn(async () => ({ at: Math.random() }))
    const [a, b] = await Promise.all([cached('k', load, 60_000), cached('k', load, 60_000)])
    expect(a).toBe(b)
    expect(load).toHaveBeenCalledTimes(1)
    invalidateReadModels()
    const c = await cached('k', load, 60_000)
    expect(load).toHaveBeenCalledTimes(2)
    expect(c).not.toBe(a)
  })

  test('entries expire, failures are not kept, and a zero TTL means no cache', async () => {
    vi.useFakeTimers()
    const load = vi.fn(async () => 1)
    await cached('t', load, 1000)
    vi.advanceTimersByTime(1001)
    await cached('t', load, 1000)
    expect(load).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
    const failing = vi.fn(async () => {
      throw new Error('down')
    })
    await expect(cached('f', failing, 60_000)).rejects.toThrow('down')
    await expect(cached('f', failing, 60_000)).rejects.toThrow('down')
    expect(failing).toHaveBeenCalledTimes(2)
    const direct = vi.fn(async () => 2)
    await cached('z', direct, 0)
    await cached('z', direct, 0)
    expect(direct).toHaveBeenCalledTimes(2)
  })
})
