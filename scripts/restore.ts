// `npm run db:restore -- --input FILE`: replaces the database with a backup
// from `npm run db:backup`, all or nothing, then applies any newer migrations.
// Stop the app first (docs/operations.md). The database as it was is kept:
// SQLite beside the file (`*.before-restore-*`), PostgreSQL only when asked
// with --keep-current FILE.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from '../app/utils/database-url'
import { ensureClientFor, migrateDeploy } from './lib/prisma-cli'

const { values } = parseArgs({ options: { input: { type: 'string' }, 'keep-current': { type: 'string' } } })
if (!values.input) {
  console.error('Usage: npm run db:restore -- --input FILE [--keep-current FILE]')
  process.exit(64)
}
const input = path.resolve(values.input)
if (!fs.existsSync(input)) {
  console.error(`No such file: ${input}`)
  process.exit(66)
}
const url = getDatabaseUrl()
const started = Date.now()

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function restoreSqlite() {
  const target = sqliteFilePath(url)
  if (target === ':memory:') fail('Cannot restore into an in-memory database.')
  let backup: Database.Database
  try {
    backup = new Database(input, { readonly: true, fileMustExist: true })
    const integrity = backup.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') fail(`The backup failed its integrity check: ${integrity}`)
    const tables = new Set((backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
    if (!tables.has('_prisma_migrations') || !tables.has('AuditLog')) fail(`${input} is not an Avlast database.`)
  } catch (error) {
    fail(`${input} is not a readable SQLite backup: ${(error as Error).message}`)
  }
  fs.mkdirSync(path.dirname(target), { recursive: true })
  if (fs.existsSync(target)) {
    const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    const current = new Database(target, { fileMustExist: true, timeout: 15_000 })
    return current
      .backup(keep)
      .finally(() => current.close())
      .then(() => {
        console.log(`The database as it was is kept in ${keep}`)
        return copyInto(backup, target)
      })
  }
  return copyInto(backup, target)
}

// The online backup API writes the whole target in one transaction: a
// restore that is interrupted leaves the old database, never a mix.
async function copyInto(backup: Database.Database, target: string) {
  try {
    await backup.backup(target)
  } finally {
    backup.close()
  }
  const restored = new Database(target, { timeout: 15_000 })
  const integrity = restored.pragma('integrity_check', { simple: true })
  restored.close()
  if (integrity !== 'ok') fail(`The restored database failed its integrity check: ${integrity}`)
}

async function restorePostgres() {
  const list = spawnSync('pg_restore', ['--list', input], { stdio: ['ignore', 'pipe', 'pipe'] })
  if (list.error) fail('pg_restore was not found. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client); see docs/operations.md.')
  if (list.status !== 0 || !/TABLE DATA public "?AuditLog"?/.test(list.stdout.toString())) fail(`${input} is not an Avlast pg_dump backup.`)
  if (values['keep-current']) {
    const keep = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.resolve(values['keep-current'])}`, `--dbname=${url}`], { stdio: 'inherit' })
    if (keep.status !== 0) fail('Could not save the current database; nothing was restored.')
    console.log(`The database as it was is kept in ${values['keep-current']}`)
  }
  // One psql transaction drops the schema and loads the dump: on any error
  // PostgreSQL rolls it all back and the database stays as it was.
  const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${url}`], { stdio: ['pipe', 'ignore', 'inherit'] })
  const dump = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', input], { stdio: ['ignore', 'pipe', 'inherit'] })
  psql.stdin.write('DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n')
  dump.stdout.pipe(psql.stdin)
  const [dumpCode, psqlCode] = await Promise.all([
    new Promise<number | null>((resolve) => dump.on('close', resolve)),
    new Promise<number | null>((resolve) => psql.on('close', resolve)),
  ])
  if (dumpCode !== 0 || psqlCode !== 0) fail('The restore failed and was rolled back; the database is unchanged.')
}

if (getDatabaseProvider(url) === 'sqlite') await restoreSqlite()
else await restorePostgres()
ensureClientFor(url)
migrateDeploy(url)
console.log(`Restored ${input} into ${getDatabaseProvider(url) === 'sqlite' ? sqliteFilePath(url) : new URL(url).pathname.slice(1)} in ${Date.now() - started} ms.`)
