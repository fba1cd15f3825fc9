// The shared data version: one row that goes up after every committed change
// (audit() asks for it), read by every worker of every instance before it
// serves a cached read model. A row rather than SQLite's PRAGMA data_version
// or PostgreSQL's LISTEN/NOTIFY: the same on both databases, and exact, since
// the bump has committed before the changer's response is sent
// (docs/decisions/003-shared-data-version.md).
import { Prisma } from '@prisma/client'
import { afterCommit, prisma, readRows } from './db.server'

const READ = Prisma.sql`SELECT "version" FROM "DataVersion" WHERE "id" = 1`

/** The version now, as this database says: 0 before the first change. */
export async function currentDataVersion(): Promise<number> {
  const [row] = await readRows<{ version: number }>(READ)
  return Number(row?.version ?? 0)
}

async function bumpDataVersion() {
  await prisma.$executeRaw`INSERT INTO "DataVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "DataVersion"."version" + 1`
}

/**
 * Every cached read model goes stale once the current transaction commits
 * (at once outside one: await it there, so the answer that follows already
 * sees the change).
 */
export function dataChanged(): Promise<void> {
  return afterCommit(bumpDataVersion)
}
