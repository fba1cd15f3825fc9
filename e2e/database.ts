// Direct access to the e2e server's database, for facts no page can set up
// (a person's loans in past weeks). The same database the server uses
// (scripts/e2e-server.ts): SQLite in .tmp/e2e.db, or E2E_DATABASE_URL.
import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'

const url = process.env.E2E_DATABASE_URL ?? `file:${path.resolve(import.meta.dirname, '../.tmp/e2e.db')}`

export async function withDatabase<T>(fn: (db: PrismaClient) => Promise<T>): Promise<T> {
  const adapter = url.startsWith('file:') ? new PrismaBetterSQLite3({ url: url.slice('file:'.length), timeout: 15_000 }) : new PrismaPg({ connectionString: url })
  const db = new PrismaClient({ adapter })
  try {
    return await fn(db)
  } finally {
    await db.$disconnect()
  }
}
