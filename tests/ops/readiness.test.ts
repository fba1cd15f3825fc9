// /readyz answers 503 while a migration this build ships is not applied, and
// ready once it is (app/utils/ops.server.ts; the server maps it to the status).
import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { readiness } from '~/utils/ops.server'

test('a shipped migration missing from the database makes the process not ready, naming the fix; applied, it is ready', async () => {
  const [last] = await prisma.$queryRaw<{ name: string }[]>`SELECT "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`
  // As if the latest migration had been rolled back (the row stays, marked).
  await prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = "finished_at" WHERE "migration_name" = ${last.name}`
  try {
    expect(await readiness()).toEqual({ ready: false, reason: '1 migration(s) not applied: run npm run db:deploy' })
  } finally {
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = ${last.name}`
  }
  expect(await readiness()).toEqual({ ready: true })
})
