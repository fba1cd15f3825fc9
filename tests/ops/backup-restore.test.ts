// `npm run db:backup` while the app writes, `npm run db:restore` into another
// database: the restored copy is one consistent moment, and a quiet backup
// restores to exactly the same data.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createRequest, createRoles, createStaff, createUnit, sessionCookie } from '../factories'
import { baseTestUrl, createTestDatabase, dropTestDatabase } from '../db-template'
import { dumpDatabase, openClient, runScript } from './support'
import { prisma } from '~/utils/db.server'

const base = baseTestUrl()
const created: string[] = []
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-backup-'))

afterAll(async () => {
  for (const url of created) await dropTestDatabase(base, url)
  fs.rmSync(dir, { recursive: true, force: true })
})

async function freshDatabase() {
  const url = await createTestDatabase(base)
  created.push(url)
  return url
}

const backupFile = () => path.join(dir, `${randomBytes(4).toString('hex')}.bak`)

const WRITE = 'ops.test.write'

/** The source's dump without the writer's rows that the snapshot did not catch. */
function withoutLaterWrites(dump: Record<string, string[]>, kept: Set<string>, written: Set<string>) {
  const keep = (row: string) => {
    const r = JSON.parse(row) as { id: string; entityId?: string; action?: string }
    const id = r.action === WRITE ? r.entityId! : r.id
    return !written.has(id) || kept.has(id)
  }
  return { ...dump, Staff: dump.Staff.filter(keep), AuditLog: dump.AuditLog.filter(keep) }
}

describe('backup and restore', () => {
  test('a backup taken during writes restores to one consistent moment; a quiet one to identical data', async () => {
    const { unit, central, otherUnit } = await createRoles()
    await sessionCookie(central.id)
    await createRequest({ unitId: otherUnit.id })
    // Some bulk, so the copy takes a moment.
    await prisma.staff.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({ firstName: 'Bulk', lastName: `Person ${i}`, email: `bulk${i}@kommun.se`, title: 'Socionom', unitId: unit.id, fte10: 10, hireDate: new Date('2020-01-01') })),
    })

    // The "app": each write is a staff row and its audit entry in one transaction.
    const written: string[] = []
    let stop = false
    const writer = (async () => {
      while (!stop) {
        const id = await prisma.$transaction(async (tx) => {
          const staff = await tx.staff.create({ data: { firstName: 'Skriven', lastName: 'Under backup', email: `w${written.length}-${randomBytes(3).toString('hex')}@kommun.se`, title: 'Socionom', unitId: unit.id, fte10: 10, hireDate: new Date('2020-01-01') } })
          await tx.auditLog.create({ data: { action: WRITE, entity: 'Staff', entityId: staff.id } })
          return staff.id
        })
        written.push(id)
        // SQLite answers synchronously: let the child process's events through.
        await new Promise((r) => setImmediate(r))
      }
    })()
    while (written.length < 10) await new Promise((r) => setTimeout(r, 5))

    const hot = backupFile()
    const committedBefore = written.length
    const backup = await runScript('scripts/backup.ts', ['--output', hot], process.env.DATABASE_URL!)
    const committedAfter = written.length
    stop = true
    await writer
    expect(backup.status, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/Backup of .* written to/)
    expect(committedAfter).toBeGreaterThan(committedBefore)

    const target = await freshDatabase()
    const restore = await runScript('scripts/restore.ts', ['--input', hot], target)
    expect(restore.status, restore.stderr).toBe(0)
    const restored = openClient(target)
    try {
      const copy = await dumpDatabase(restored)
      const writtenSet = new Set(written)
      const keptStaff = new Set(copy.Staff.map((r) => (JSON.parse(r) as { id: string }).id).filter((id) => writtenSet.has(id)))
      const keptAudit = new Set(copy.AuditLog.map((r) => JSON.parse(r) as { action: string; entityId: string }).filter((r) => r.action === WRITE).map((r) => r.entityId))
      // No torn write: every caught staff row has its audit entry, and the other way round.
      expect([...keptAudit].sort()).toEqual([...keptStaff].sort())
      // Everything committed before the backup began is in it.
      for (const id of written.slice(0, committedBefore)) expect(keptStaff.has(id)).toBe(true)
      // And the rest of the database is exactly the source's.
      expect(copy).toEqual(withoutLaterWrites(await dumpDatabase(), keptStaff, writtenSet))
      if (!process.env.DATABASE_URL!.startsWith('postgres')) {
        expect(await restored.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
      }
    } finally {
      await restored.$disconnect()
    }

    // Quiet now: back up again and restore over the same database.
    await createStaff({ unitId: (await createUnit()).id })
    const quiet = backupFile()
    expect((await runScript('scripts/backup.ts', ['--output', quiet], process.env.DATABASE_URL!)).status).toBe(0)
    const again = await runScript('scripts/restore.ts', ['--input', quiet], target)
    expect(again.status, again.stderr).toBe(0)
    const second = openClient(target)
    try {
      expect(await dumpDatabase(second)).toEqual(await dumpDatabase())
    } finally {
      await second.$disconnect()
    }
  }, 90_000)

  test('a file that is not a backup is refused and the database is left as it was', async () => {
    const target = await freshDatabase()
    const client = openClient(target)
    try {
      await client.area.create({ data: { key: 'kvar', nameSv: 'Kvar', nameEn: 'Left', casesPerFte: 10 } })
      const before = await dumpDatabase(client)
      const junk = backupFile()
      fs.writeFileSync(junk, 'Förnamn;Efternamn\nAnna;Berg\n')
      const result = await runScript('scripts/restore.ts', ['--input', junk], target)
      expect(result.status).toBe(1)
      expect(result.stderr).toMatch(/not (a readable SQLite backup|an Avlast pg_dump backup)/)
      expect(await dumpDatabase(client)).toEqual(before)
    } finally {
      await client.$disconnect()
    }
  })
})
