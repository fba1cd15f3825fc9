// Recreates the database from the migrations, then seeds demo data.
// `npm run db:reset -- [--staff N] [--no-seed]`
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from '../app/utils/database-url'
import { ensureClientFor, migrateDeploy } from './lib/prisma-cli'

async function createDatabaseIfMissing(url: string) {
  const probe = new pg.Client({ connectionString: url })
  try {
    await probe.connect()
    await probe.end()
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error
    const server = new URL(url)
    const name = server.pathname.slice(1)
    server.pathname = '/postgres'
    const admin = new pg.Client({ connectionString: server.toString() })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
    await admin.end()
  }
}

export async function resetDatabase(url = getDatabaseUrl()) {
  if (getDatabaseProvider(url) === 'sqlite') {
    const file = sqliteFilePath(url)
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  } else {
    await createDatabaseIfMissing(url)
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
