// SQLite with more than one process (the production server runs a worker
// per core): a transaction that reads, then writes, must wait for another
// process's write instead of failing at once with SQLITE_BUSY.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, test } from 'vitest'
import { getDatabaseProvider, sqliteFilePath } from './database-url'
import { prisma } from './db.server'

const url = process.env.DATABASE_URL ?? ''

/** Another process writing to the same file, as another worker does: it says when it is about to write. */
function otherProcessWrites(file: string) {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1], { timeout: 15000 })
    console.log('writing')
    db.prepare('UPDATE "DataVersion" SET "version" = "version" + 10 WHERE "id" = 1').run()
    console.log('written')`
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const said = (word: string) => new Promise<void>((resolve) => child.stdout.on('data', (d) => (out += d) && out.includes(word) && resolve()))
  return { writing: said('writing'), exited: once(child, 'exit') }
}

describe.runIf(getDatabaseProvider(url) === 'sqlite')('SQLite transactions across processes', () => {
  test('a transaction that read before another process wrote still commits its own write', async () => {
    await prisma.dataVersion.upsert({ where: { id: 1 }, create: { id: 1, version: 1 }, update: {} })
    let other!: ReturnType<typeof otherProcessWrites>
    const version = await prisma.$transaction(async (tx) => {
      const before = await tx.dataVersion.findUniqueOrThrow({ where: { id: 1 } })
      other = otherProcessWrites(sqliteFilePath(url))
      await other.writing
      await new Promise((resolve) => setTimeout(resolve, 150))
      return (await tx.dataVersion.update({ where: { id: 1 }, data: { version: before.version + 1 } })).version
    })
    const [code] = await other.exited
    expect(code).toBe(0)
    // Both changes are there: this one's, then the other process's on top.
    expect((await prisma.dataVersion.findUniqueOrThrow({ where: { id: 1 } })).version).toBe(version + 10)
  })
})
