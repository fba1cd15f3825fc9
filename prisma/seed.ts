// Demo data: `tsx prisma/seed.ts [--staff N] [--if-empty]`. Inserts into an
// empty database (`npm run db:reset` starts over).
import { parseArgs } from 'node:util'
import { prisma } from '../app/utils/db.server'
import { getDatabaseProvider, getDatabaseUrl } from '../app/utils/database-url'
import { seedDatabase } from './demo/seed-database'

async function main() {
  const { values } = parseArgs({
    options: {
      staff: { type: 'string' },
      seed: { type: 'string' },
      'if-empty': { type: 'boolean', default: false },
    },
  })
  const staff = values.staff === undefined ? undefined : Number(values.staff)
  if (staff !== undefined && (!Number.isInteger(staff) || staff < 10)) {
    console.error('--staff: must be an integer of at least 10')
    process.exit(2)
  }
  const existing = await prisma.user.count()
  if (existing > 0) {
    if (values['if-empty']) {
      console.log('Database already has data; not seeding.')
      return
    }
    console.error('The database is not empty. Run `npm run db:reset` to start over with demo data.')
    process.exit(1)
  }
  const { data, ms } = await seedDatabase(prisma, { staff, seed: values.seed ? Number(values.seed) : undefined })
  // Statistics for PostgreSQL's planner now: autovacuum gets there within
  // minutes, and until then it took the staff directory's queries to be tiny
  // (20 ms instead of 1 ms for a page of 10,000 staff).
  if (getDatabaseProvider(getDatabaseUrl()) === 'postgresql') await prisma.$executeRawUnsafe('ANALYZE')
  console.log(
    `Seeded ${data.units.length} units, ${data.staff.length} staff, ${data.staffSkills.length} skills held, ` +
      `${data.requests.length} requests and ${data.loans.length} loans in ${(ms / 1000).toFixed(1)} s.`,
  )
}

main()
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
  .finally(() => prisma.$disconnect())
