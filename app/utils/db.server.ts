import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from './database-url'

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
  const url = getDatabaseUrl()
  const adapter =
    getDatabaseProvider(url) === 'sqlite'
      ? new DurableSQLite3({ url: sqliteFilePath(url), timeout: 15_000 })
      : new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })
  return new PrismaClient({ adapter })
}

// One client per process, also across dev-server rebuilds.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient }
export const prisma = (globalForPrisma.__prisma ??= createPrismaClient())

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
