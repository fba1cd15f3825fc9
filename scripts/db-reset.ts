// Recreates the database from the migrations, then seeds demo data.
// `npm run db:reset -- [--staff N] [--no-seed]`
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from '../app/utils/database-url'
import { ensureClientFor, migrateDeploy } from './lib/prisma-cli'

export async function resetDatabase(url = getDatabaseUrl()) {
  if (getDatabaseProvider(url) === 'sqlite') {
    const file = sqliteFilePath(url)
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  } else {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
    } finally {
      await client.end()
    }
  }
  migrateDeploy(url)
}

const args = process.argv.slice(2)
const url = getDatabaseUrl()
ensureClientFor(url)
await resetDatabase(url)
if (!args.includes('--no-seed')) {
  execFileSync(path.join(import.meta.dirname, '../node_modules/.bin/tsx'), ['prisma/seed.ts', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  })
}
