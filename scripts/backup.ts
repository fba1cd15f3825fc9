// `npm run db:backup -- --output FILE`: an online, consistent backup while the
// app keeps running. SQLite: VACUUM INTO, which copies one read snapshot (WAL
// lets writers go on meanwhile, and unlike the page-by-page backup API it
// never restarts when they do) into one self-contained file, then checks it.
// PostgreSQL: pg_dump, which also reads one snapshot. The file appears only
// when complete.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from '../app/utils/database-url'

const { values } = parseArgs({ options: { output: { type: 'string' } } })
if (!values.output) {
  console.error('Usage: npm run db:backup -- --output FILE')
  process.exit(64)
}
const output = path.resolve(values.output)
const partial = `${output}.partial`
const url = getDatabaseUrl()
const started = Date.now()

function fail(message: string): never {
  fs.rmSync(partial, { force: true })
  console.error(message)
  process.exit(1)
}

fs.mkdirSync(path.dirname(output), { recursive: true })
if (getDatabaseProvider(url) === 'sqlite') {
  const file = sqliteFilePath(url)
  if (file === ':memory:' || !fs.existsSync(file)) fail(`No SQLite database at ${file}`)
  const source = new Database(file, { fileMustExist: true, timeout: 15_000 })
  fs.rmSync(partial, { force: true })
  try {
    source.prepare('VACUUM INTO ?').run(partial)
  } catch (error) {
    fail(`Backup failed: ${(error as Error).message}`)
  } finally {
    source.close()
  }
  const copy = new Database(partial)
  // One file, no -wal beside it: readable by any sqlite3 as it is.
  copy.pragma('journal_mode = DELETE')
  const integrity = copy.pragma('integrity_check', { simple: true })
  const tables = copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
  copy.close()
  if (integrity !== 'ok') fail(`The backup failed its integrity check: ${integrity}`)
  fs.renameSync(partial, output)
  console.log(`Backup of ${file} written to ${output}: ${tables.n} tables, integrity ok, ${fs.statSync(output).size} bytes in ${Date.now() - started} ms.`)
} else {
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`], { stdio: ['ignore', 'inherit', 'pipe'] })
  if (dump.error) {
    fail(
      'pg_dump was not found. Install the PostgreSQL client tools of the same major version as the server ' +
        '(Debian: apt-get install postgresql-client) or back up with your provider’s snapshots; see docs/operations.md.',
    )
  }
  if (dump.status !== 0) fail(`pg_dump failed: ${dump.stderr.toString().trim()}`)
  const list = spawnSync('pg_restore', ['--list', partial], { stdio: ['ignore', 'pipe', 'pipe'] })
  if (list.status !== 0 || !/TABLE DATA public "?AuditLog"?/.test(list.stdout.toString())) fail('The dump cannot be read back or lacks the Avlast tables.')
  fs.renameSync(partial, output)
  console.log(`Backup of ${new URL(url).pathname.slice(1)} written to ${output}: ${fs.statSync(output).size} bytes in ${Date.now() - started} ms.`)
}
