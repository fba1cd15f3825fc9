// A small in-process cache for the heaviest read models (the situation
// picture, the latest matching suggestions). Entries live a few seconds and
// every change in this process (every audit entry) clears them, so a user sees
// their own change at once; other instances catch up within the TTL. Loads
// are shared: twenty requests arriving together run the queries once.
import { getEnv } from './env.server'

type Entry = { value: Promise<unknown>; expires: number; generation: number }

const store = new Map<string, Entry>()
let generation = 0

export const READ_MODEL_TTL_MS = getEnv().READ_MODEL_TTL_MS

export function cached<T>(key: string, load: () => Promise<T>, ttlMs = READ_MODEL_TTL_MS): Promise<T> {
  if (ttlMs <= 0) return load()
  const now = Date.now()
  const hit = store.get(key)
  if (hit && hit.expires > now && hit.generation === generation) return hit.value as Promise<T>
  const value = load()
  const entry = { value, expires: now + ttlMs, generation }
  store.set(key, entry)
  // A failed load is not kept.
  value.catch(() => {
    if (store.get(key) === entry) store.delete(key)
  })
  return value
}

export function invalidateReadModels() {
  generation++
  store.clear()
}
