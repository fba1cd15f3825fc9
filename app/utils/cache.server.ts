// A cache for the heaviest read models (the situation picture, the latest
// matching suggestions, a rendered page). Every entry carries the shared data
// version it was loaded at (data-version.server.ts): a change committed by
// any worker of any instance bumps that version, and the next read anywhere
// loads afresh. Entries also expire after READ_MODEL_TTL_MS, for what changes
// without a commit (the date). The cache is an LRU bounded by the bytes of
// what it holds (READ_MODEL_CACHE_MB), so distinct keys cannot fill a worker's
// heap. Loads are shared: twenty requests arriving together run the queries once.
import { LRUCache } from 'lru-cache'
import { currentDataVersion } from './data-version.server'
import { getEnv } from './env.server'

type Entry = { value: unknown; version: number; bytes: number }

const { READ_MODEL_TTL_MS, READ_MODEL_CACHE_MB } = getEnv()
export { READ_MODEL_TTL_MS }

const store = new LRUCache<string, Entry>({
  maxSize: READ_MODEL_CACHE_MB * 1024 * 1024,
  sizeCalculation: (entry, key) => entry.bytes + 2 * key.length,
  ttlAutopurge: false,
})
// Loads under way, by key and version: a request never waits on an older version's load.
const loading = new Map<string, Promise<unknown>>()
export const cacheStats = { hits: 0, misses: 0 }

/** About what a value costs in memory: its JSON text, twice (V8 objects are bigger than their text). */
function approximateBytes(value: unknown): number {
  try {
    return 2 * (JSON.stringify(value)?.length ?? 0) + 64
  } catch {
    return 1024 * 1024
  }
}

type Options = { ttlMs?: number; bytes?: (value: unknown) => number }

/**
 * `load()`'s value for `key` at the current data version, from the cache
 * when this worker has it. `ttlMs` (default READ_MODEL_TTL_MS; 0 = no cache)
 * bounds its age.
 */
export async function cached<T>(key: string, load: () => Promise<T>, ttlOrOptions: number | Options = {}): Promise<T> {
  const options = typeof ttlOrOptions === 'number' ? { ttlMs: ttlOrOptions } : ttlOrOptions
  const ttlMs = options.ttlMs ?? READ_MODEL_TTL_MS
  if (ttlMs <= 0) return load()
  // Read before loading: a change committed during the load leaves this entry at the older version.
  const version = await currentDataVersion()
  const hit = store.get(key)
  if (hit && hit.version === version) {
    cacheStats.hits++
    return hit.value as T
  }
  cacheStats.misses++
  const loadKey = `${version}\n${key}`
  let pending = loading.get(loadKey) as Promise<T> | undefined
  if (!pending) {
    pending = load().then((value) => {
      const bytes = (options.bytes ?? approximateBytes)(value)
      const current = store.get(key)
      if (!current || current.version <= version) store.set(key, { value, version, bytes }, { ttl: Number.isFinite(ttlMs) ? ttlMs : undefined })
      return value
    })
    loading.set(loadKey, pending)
    // A failed load is not kept.
    void pending.catch(() => undefined).finally(() => loading.delete(loadKey))
  }
  return pending
}

/**
 * For the situation page and the like: `load()`'s value until the next
 * committed change anywhere (or READ_MODEL_TTL_MS × 12 at most, for what the
 * date changes). Put everything else the value depends on (locale, week,
 * role) into `key`.
 */
export function cachedByVersion<T>(key: string, load: () => Promise<T>, bytes?: (value: T) => number): Promise<T> {
  return cached(key, load, { ttlMs: READ_MODEL_TTL_MS * 12, bytes: bytes as Options['bytes'] })

}

export { currentDataVersion as dataVersion }

/** Empties this worker's cache (tests; other workers follow the data version). */
export function invalidateReadModels() {
  store.clear()
}

export function cacheSize() {
  return { entries: store.size, bytes: store.calculatedSize }
}
