// Migrations for both providers from the one models file.
//   npm run db:migration -- --name add_case_types   writes the next migration for SQLite and PostgreSQL
//   npm run db:migration -- --check                 exits 1 when either provider's migrations differ from the schema
// PostgreSQL needs a server for Prisma's shadow database: PG_TEST_URL, or the
// local one at 127.0.0.1:5432. Without one, --check checks SQLite alone and
// says so; writing a migration refuses.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '..')
const prismaBin = path.join(root, 'node_modules/.bin/prisma')
const PG_URL = process.env.PG_TEST_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'

type Provider = 'sqlite' | 'postgresql'

async function pgReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** The SQL that takes the provider's migrations to the schema; empty when they agree. */
function pendingSql(provider: Provider): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-diff-'))
  const url = provider === 'sqlite' ? `file:${path.join(tmp, 'diff.db')}` : PG_URL
  const out = path.join(tmp, 'migration.sql')
  try {
    execFileSync(
      prismaBin,
      ['migrate', 'diff', '--from-migrations', `prisma/${provider}/migrations`, '--to-schema-datamodel', `prisma/${provider}`, '--script', '--output', out],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] },
    )
    const sql = fs.readFileSync(out, 'utf8')
    return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) ? '' : sql
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

function timestamp(now = new Date()) {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/** A folder name after every existing migration of both providers, even one dated in the future. */
function nextFolder(name: string) {
  const existing = (['sqlite', 'postgresql'] as const).flatMap((p) => fs.readdirSync(path.join(root, 'prisma', p, 'migrations')).filter((f) => /^\d{14}_/.test(f)))
  const latest = existing.map((f) => f.slice(0, 14)).sort().at(-1) ?? '0'
  let stamp = timestamp()
  if (stamp <= latest) stamp = String(BigInt(latest) + 1n)
  return `${stamp}_${name}`
}

const { values } = parseArgs({ options: { name: { type: 'string' }, check: { type: 'boolean' } } })
const withPg = await pgReachable()

if (values.check) {
  let ok = true
  for (const provider of ['sqlite', 'postgresql'] as const) {
    if (provider === 'postgresql' && !withPg) {
      console.log(`postgresql: skipped, no server at ${PG_URL.replace(/\/\/[^@]*@/, '//')} (set PG_TEST_URL)`)
      continue
    }
    const sql = pendingSql(provider)
    if (sql) {
      ok = false
      console.error(`${provider}: the migrations do not describe prisma/models.prisma. Missing:\n${sql}`)
    } else console.log(`${provider}: the migrations describe the schema`)
  }
  process.exit(ok ? 0 : 1)
}

if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
  console.error('--name: give the migration a name in lower case with underscores, such as --name add_case_types (or use --check)')
  process.exit(2)
}
if (!withPg) {
  console.error(`A migration is written for both providers: PostgreSQL is needed at ${PG_URL} (set PG_TEST_URL)`)
  process.exit(2)
}
const folder = nextFolder(values.name)
let wrote = 0
for (const provider of ['sqlite', 'postgresql'] as const) {
  const sql = pendingSql(provider)
  if (!sql) {
    console.log(`${provider}: nothing to migrate`)
    continue
  }
  const dir = path.join(root, 'prisma', provider, 'migrations', folder)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql)
  console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`)
  wrote++
}
if (!wrote) console.log('The migrations already describe the schema.')
