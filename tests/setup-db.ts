// Runs before each database test file: a fresh database of its own.
import { afterAll } from 'vitest'
import { baseTestUrl, createTestDatabase, dropTestDatabase } from './db-template'

const base = baseTestUrl()
const url = await createTestDatabase(base)
process.env.DATABASE_URL = url
process.env.BCRYPT_COST ??= '4'
// Tests change data behind the domain's back (factories); read models must not be cached.
process.env.READ_MODEL_TTL_MS ??= '0'
process.env.SESSION_SECRET ??= 'avlast-test-session-secret-0123456789abcdef'
const g = globalThis as { __prisma?: { $disconnect(): Promise<void> }; __readers?: WeakMap<object, { close(): void }> }
g.__prisma = undefined

afterAll(async () => {
  if (g.__prisma) g.__readers?.get(g.__prisma)?.close()
  await g.__prisma?.$disconnect()
  g.__prisma = undefined
  await dropTestDatabase(base, url)
})
