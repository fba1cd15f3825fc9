// The case-types migration carries existing data over: tested on a copy of
// the demo municipality in a database migrated to the state before it, on
// whichever provider the tests run (SQLite or PostgreSQL).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getDatabaseProvider } from '~/utils/database-url'
import { today } from '~/utils/weeks'
import { baseTestUrl, TMP_DIR } from '../tests/db-template'
import { buildMunicipality, type DemoData } from './demo/municipality'

const MIGRATION = 'case_types_and_weekly_reports'
const provider = getDatabaseProvider(baseTestUrl())
const dir = path.resolve(import.meta.dirname, provider, 'migrations')
const folders = fs.readdirSync(dir).filter((f) => /^\d{14}_/.test(f)).sort()
const ours = folders.findIndex((f) => f.endsWith(MIGRATION))
const sql = (folder: string) => fs.readFileSync(path.join(dir, folder, 'migration.sql'), 'utf8')

/** One raw connection for either provider: scripts, parameterized inserts and selects. */
type Raw = { exec(script: string): Promise<void>; columns(table: string): Promise<string[]>; insert(table: string, row: Record<string, unknown>): Promise<void>; all<T>(query: string): Promise<T[]>; close(): Promise<void>; url: string }

async function openEmpty(): Promise<Raw> {
  const name = `avlast_migration_${randomBytes(4).toString('hex')}`
  if (provider === 'sqlite') {
    fs.mkdirSync(TMP_DIR, { recursive: true })
    const file = path.join(TMP_DIR, `${name}.db`)
    const db = new Database(file)
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? Number(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v)
    return {
      url: `file:${file}`,
      exec: async (script) => void db.exec(script),
      columns: async (table) => (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name),
      insert: async (table, row) => {
        const keys = Object.keys(row)
        db.prepare(`INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => value(row[k])))
      },
      all: async <T,>(query: string) => db.prepare(query).all() as T[],
      close: async () => {
        db.close()
        fs.rmSync(file, { force: true })
      },
    }
  }
  const base = new URL(baseTestUrl())
  const admin = new pg.Client({ connectionString: base.toString() })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(base)
  url.pathname = `/${name}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  return {
    url: url.toString(),
    exec: async (script) => void (await client.query(script)),
    columns: async (table) => (await client.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1', [table])).rows.map((r) => r.column_name),
    insert: async (table, row) => {
      const keys = Object.keys(row)
      await client.query(`INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, keys.map((k) => row[k]))
    },
    all: async <T,>(query: string) => (await client.query(query)).rows as T[],
    close: async () => {
      await client.end()
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** Inserts the demo rows with only the columns the old schema has (it knows nothing of points or case types). */
async function insertAtOldSchema(raw: Raw, data: DemoData) {
  const tables: [string, object[]][] = [
    ['Area', data.areas], ['Skill', data.skills], ['Unit', data.units], ['Staff', data.staff], ['User', data.users], ['Password', data.passwords],
    ['UnitManager', data.unitManagers], ['StaffSkill', data.staffSkills], ['Absence', data.absences], ['UnitCaseload', data.caseloads],
    ['ReinforcementRequest', data.requests], ['RequestSkill', data.requestSkills], ['MatchingRun', data.matchingRuns], ['Loan', data.loans],
  ]
  await raw.exec('BEGIN')
  for (const [table, rows] of tables) {
    const columns = new Set(await raw.columns(table))
    for (const row of rows) {
      const kept = Object.fromEntries(Object.entries(row).filter(([k]) => columns.has(k)))
      if (columns.has('updatedAt')) kept.updatedAt = new Date()
      await raw.insert(table, kept)
    }
  }
  await raw.exec('COMMIT')
}

let raw: Raw
let data: DemoData
type Before = { units: { id: string; areaId: string; openCases: number }[]; staff: { id: string; unitId: string; caseload: number }[]; history: { id: string; unitId: string; openCases: number; staffFte: number }[] }
let before: Before

beforeAll(async () => {
  expect(ours).toBeGreaterThan(0)
  raw = await openEmpty()
  for (const folder of folders.slice(0, ours)) await raw.exec(sql(folder))
  data = buildMunicipality({ today: today(), passwordHash: 'x' })
  await insertAtOldSchema(raw, data)
  before = {
    units: await raw.all('SELECT "id", "areaId", "openCases" FROM "Unit" ORDER BY "id"'),
    staff: await raw.all('SELECT "id", "unitId", "caseload" FROM "Staff" ORDER BY "id"'),
    history: await raw.all('SELECT "id", "unitId", "openCases", "staffFte" FROM "UnitCaseload" ORDER BY "id"'),
  }
  await raw.exec(sql(folders[ours]))
}, 120_000)

afterAll(async () => {
  await raw?.close()
})

describe(`the ${MIGRATION} migration on the demo data (${provider})`, () => {
  test('every area gets one case type of weight 1, and every count becomes a count of it', async () => {
    const types = await raw.all<{ id: string; areaId: string; weight: number }>('SELECT "id", "areaId", "weight" FROM "CaseType" ORDER BY "areaId"')
    expect(types).toEqual(data.areas.map((a) => ({ id: `ct-${a.id}`, areaId: a.id, weight: 1 })).sort((x, y) => x.areaId.localeCompare(y.areaId)))
    const unitCounts = await raw.all<{ unitId: string; caseTypeId: string; count: number }>('SELECT "unitId", "caseTypeId", "count" FROM "UnitCaseCount"')
    expect(unitCounts.sort((x, y) => x.unitId.localeCompare(y.unitId))).toEqual(before.units.filter((u) => u.openCases > 0).map((u) => ({ unitId: u.id, caseTypeId: `ct-${u.areaId}`, count: u.openCases })))
    const units = await raw.all<{ id: string; openCases: number; casePoints: number }>('SELECT "id", "openCases", "casePoints" FROM "Unit" ORDER BY "id"')
    expect(units).toEqual(before.units.map((u) => ({ id: u.id, openCases: u.openCases, casePoints: u.openCases })))
    const staff = await raw.all<{ id: string; caseload: number; caseloadPoints: number }>('SELECT "id", "caseload", "caseloadPoints" FROM "Staff" ORDER BY "id"')
    expect(staff).toEqual(before.staff.map((s) => ({ id: s.id, caseload: s.caseload, caseloadPoints: s.caseload })))
    const staffCounts = await raw.all<{ n: number | string }>('SELECT COUNT(*) AS "n" FROM "StaffCaseCount"')
    expect(Number(staffCounts[0].n)).toBe(before.staff.filter((s) => s.caseload > 0).length)
  })

  test('the history keeps its weeks, with points equal to the counts, so no load moves', async () => {
    const rows = await raw.all<{ id: string; openCases: number; points: number; staffFte: number; carriedForward: boolean | number }>('SELECT "id", "openCases", "points", "staffFte", "carriedForward" FROM "UnitCaseload" ORDER BY "id"')
    expect(rows.map((r) => ({ id: r.id, openCases: r.openCases, points: r.points, staffFte: r.staffFte, carried: Boolean(r.carriedForward) }))).toEqual(
      before.history.map((h) => ({ id: h.id, openCases: h.openCases, points: h.openCases, staffFte: h.staffFte, carried: false })),
    )
  })

  test('Prisma reads the migrated database: counts as JSON by case type, and the case types with their units', async () => {
    const client = new PrismaClient({ adapter: provider === 'sqlite' ? new PrismaBetterSQLite3({ url: raw.url.replace(/^file:/, '') }) : new PrismaPg({ connectionString: raw.url }) })
    try {
      const unit = before.units[0]
      const history = await client.unitCaseload.findFirstOrThrow({ where: { unitId: unit.id }, orderBy: { weekStart: 'desc' }, select: { counts: true, openCases: true } })
      expect(history.counts).toEqual({ [`ct-${unit.areaId}`]: history.openCases })
      const area = await client.area.findUniqueOrThrow({ where: { id: unit.areaId }, select: { caseTypes: { select: { nameSv: true, weight: true, unitCounts: { select: { unitId: true } } } } } })
      expect(area.caseTypes).toHaveLength(1)
      expect(area.caseTypes[0]).toMatchObject({ nameSv: 'Ärenden', weight: 1 })
      expect(area.caseTypes[0].unitCounts.map((c) => c.unitId)).toContain(unit.id)
      expect(await client.settings.count()).toBe(0)
      expect(await client.loan.count()).toBe(data.loans.length)
    } finally {
      await client.$disconnect()
    }
  })
})
