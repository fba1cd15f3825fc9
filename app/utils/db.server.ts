import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { getDatabaseProvider, sqliteFilePath } from './database-url'
import { getEnv } from './env.server'
import { pgReader, sqliteReader, type DirectReader, type ReadRows } from './direct-read.server'

// SQLite: a write-ahead log, so readers never wait for the writer and a
// killed process leaves no half-written transaction (the mode is kept in the
// file), and a sync at every commit, so a confirmed change survives even a
// power cut.
class DurableSQLite3 extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect()
    await adapter.executeScript('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;')
    return adapter
  }
}

function createPrismaClient() {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE } = getEnv()
  if (getDatabaseProvider(url) === 'sqlite') {
    const file = sqliteFilePath(url)
    const client = new PrismaClient({ adapter: new DurableSQLite3({ url: file, timeout: 15_000 }) })
    readers.set(client, sqliteReader(file, 15_000))
    return client
  }
  // One pool for Prisma and the direct reads; Prisma's $disconnect ends it.
  const pool = new pg.Pool({ connectionString: url, max: DATABASE_POOL_SIZE })
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  readers.set(client, pgReader(pool))
  return client
}

// One client per process, also across dev-server rebuilds; its direct reader
// beside it (tests/setup-db.ts closes both between test files).
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __readers?: WeakMap<PrismaClient, DirectReader> }
const readers = (globalForPrisma.__readers ??= new WeakMap())
export const prisma = (globalForPrisma.__prisma ??= createPrismaClient())

/** Rows of a read-only query straight from the driver, for the hottest paths (direct-read.server.ts). */
export const readRows: ReadRows = (query) => readers.get(prisma)!.read(query)

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
