import { getDatabaseProvider } from '~/utils/database-url'
import type { Tx } from '~/utils/db.server'

// One decision at a time across every app instance: PostgreSQL holds an
// advisory lock until the transaction ends; SQLite takes its write lock now
// (a no-op write) so the checks that follow see the latest committed data.
const LOCK_KEY = 74_110

export async function lockDecisions(tx: Tx) {
  if (getDatabaseProvider() === 'postgresql') {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`)
  } else {
    await tx.$executeRawUnsafe(`UPDATE "Settings" SET "id" = "id" WHERE "id" = '__lock__'`)
  }
}
