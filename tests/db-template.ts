// Test databases: one migrated template per run, then a fresh copy for every
// test file, on SQLite (file copy) or PostgreSQL (CREATE DATABASE … TEMPLATE).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from '../app/utils/database-url'

// Each test run has its own id, so runs side by side never touch each other's databases.
const RUN = (process.env.AVLAST_TEST_RUN ??= `${process.pid}${randomBytes(2).toString('hex')}`)
export const TMP_DIR = path.resolve(import.meta.dirname, '../.tmp', `test-run-${RUN}`)
const SQLITE_TEMPLATE = path.join(TMP_DIR, 'test-template.db')
const PG_PREFIX = `avlast_test_${RUN}_`
const PG_TEMPLATE = `${PG_PREFIX}template`

/** The URL tests were asked to run against (SQLite unless DATABASE_URL says PostgreSQL). */
export function baseTestUrl() {
  return process.env.AVLAST_TEST_BASE_URL ?? getDatabaseUrl()
}

function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Where the template must be migrated to (the global setup runs `migrate deploy` there). */
export async function prepareTemplate(base: string): Promise<string> {
  if (getDatabaseProvider(base) === 'sqlite') {
    fs.mkdirSync(TMP_DIR, { recursive: true })
    return `file:${SQLITE_TEMPLATE}`
  }
  await admin(base, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${PG_PREFIX}%'`,
    )
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await c.query(`CREATE DATABASE "${PG_TEMPLATE}"`)
  })
  return withDatabase(base, PG_TEMPLATE)
}

export async function createTestDatabase(base: string): Promise<string> {
  const name = `${PG_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase()
  if (getDatabaseProvider(base) === 'sqlite') {
    const file = path.join(TMP_DIR, `test-${name}.db`)
    fs.copyFileSync(SQLITE_TEMPLATE, file)
    return `file:${file}`
  }
  await admin(base, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`)
        return
      } catch (error) {
        if (attempt >= 20) throw error
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
      }
    }
  })
  return withDatabase(base, name)
}

export async function dropTestDatabase(base: string, url: string) {
  if (getDatabaseProvider(base) === 'sqlite') {
    const file = sqliteFilePath(url)
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
    return
  }
  const name = new URL(url).pathname.slice(1)
  await admin(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

export async function dropAllTestDatabases(base: string) {
  if (getDatabaseProvider(base) === 'sqlite') {
    fs.rmSync(TMP_DIR, { recursive: true, force: true })
    return
  }
  await admin(base, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${PG_PREFIX}%'`,
    )
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  })
}
