import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from './database-url'

function createPrismaClient() {
  const url = getDatabaseUrl()
  const adapter =
    getDatabaseProvider(url) === 'sqlite'
      ? new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 15_000 })
      : new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })
  return new PrismaClient({ adapter })
}

// One client per process, also across dev-server rebuilds.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient }
export const prisma = (globalForPrisma.__prisma ??= createPrismaClient())

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
