import { describe, expect, test, vi } from 'vitest'
import { cached, cachedByVersion, cacheSize, dataVersion, invalidateReadModels } from './cache.server'
import { audit } from '~/models/audit.server'
import { prisma } from './db.server'

// This file tests the cache itself, so it is on (other test files turn it off).
vi.hoisted(() => {
  process.env.READ_MODEL_TTL_MS = '5000'
})

const change = (action = 'test.change') => prisma.$transaction((tx) => audit(tx, null, { action, entity: 'Test' }))

describe('read-model cache', () => {
  test('concurrent loads share one query; a local clear forces a fresh one', async () => {
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
    const load = vi.fn(async () => 1)
    await cached('t', load, 30)
    await new Promise((r) => setTimeout(r, 60))
    await cached('t', load, 30)
    expect(load).toHaveBeenCalledTimes(2)
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

  test('a committed change bumps the shared version once, after commit; a rolled-back one does not', async () => {
    const before = await dataVersion()
    await prisma.$transaction(async (tx) => {
      await audit(tx, null, { action: 'test.one', entity: 'Test' })
      await audit(tx, null, { action: 'test.two', entity: 'Test' })
      // Not yet: a read between the change and its commit must not see a new version.
      expect(await dataVersion()).toBe(before)
    })
    expect(await dataVersion()).toBe(before + 1)
    await expect(
      prisma.$transaction(async (tx) => {
        await audit(tx, null, { action: 'test.rolled-back', entity: 'Test' })
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(await dataVersion()).toBe(before + 1)
  })

  test('a read during a change is not served after its commit (finding 4: the cache was cleared before commit)', async () => {
    let value = 'old'
    const load = vi.fn(async () => value)
    expect(await cached('during', load, 60_000)).toBe('old')
    await prisma.$transaction(async (tx) => {
      await audit(tx, null, { action: 'test.during', entity: 'Test' })
      value = 'new'
      // Another request reads while the change is open: the committed data is still the old one.
      expect(await cached('during', async () => 'old', 60_000)).toBe('old')
    })
    expect(await cached('during', load, 60_000)).toBe('new')
  })

  test('by bytes, not by count: 3,000 distinct keys of 100 kB stay within the cap', async () => {
    const big = 'x'.repeat(50_000)
    for (let i = 0; i < 3000; i++) await cached(`situation:variant-${i}`, async () => ({ big, i }), 60_000)
    const { bytes, entries } = cacheSize()
    expect(bytes).toBeLessThanOrEqual(16 * 1024 * 1024)
    expect(entries).toBeLessThan(3000)
    // The newest are kept.
    const load = vi.fn(async () => ({ big, i: -1 }))
    expect((await cached('situation:variant-2999', load, 60_000)).i).toBe(2999)
    expect(load).not.toHaveBeenCalled()
  })

  test('cachedByVersion keeps a value until the next change anywhere', async () => {
    let n = 0
    const load = vi.fn(async () => ++n)
    expect(await cachedByVersion('page:sv', load)).toBe(1)
    expect(await cachedByVersion('page:sv', load)).toBe(1)
    await change()
    expect(await cachedByVersion('page:sv', load)).toBe(2)
  })
})
