// The command-line import and export, run as a nightly job would run them.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createRoles, createSkill } from '../factories'
import { databaseHash, runScript } from './support'
import { prisma } from '~/utils/db.server'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function tmpFile(content?: string) {
  const file = path.join(dir, `${randomBytes(4).toString('hex')}.csv`)
  if (content !== undefined) fs.writeFileSync(file, content)
  return file
}

const url = () => process.env.DATABASE_URL!
const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhetskod;Tjänstgöringsgrad;Anställningsdatum;Kompetenser'

describe('npm run import:hr', () => {
  test('bad lines: exit 2, each line with its number and reason on stderr, nothing written', async () => {
    const { unit } = await createRoles()
    const file = tmpFile(
      `${HEADER}\nAnna;Berg;anna.cli@kommun.se;Socionom;${unit.code};0,8;2020-01-01;\nOla;Ek;ola.cli@kommun.se;Socionom;${unit.code};1,5;2020-01-01;\nEva;Lind;eva.cli@kommun;Socionom;${unit.code};1;2020-01-01;\n`,
    )
    const before = await databaseHash()
    const result = await runScript('scripts/import-hr.ts', ['--file', file], url())
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('rad 3 (Tjänstgöringsgrad): Tjänstgöringsgraden ”1,5” ska vara mellan 0,1 och 1,0 (10–100 %).')
    expect(result.stderr).toContain('rad 4 (E-post): ”eva.cli@kommun” är ingen giltig e-postadress.')
    expect(result.stderr).toContain('Inget har importerats.')
    expect(await databaseHash()).toBe(before)
  })

  test('--dry-run prints the changes and writes nothing; without it the file is applied as the system user', async () => {
    const { unit } = await createRoles()
    await createSkill({ key: 'cli-mi' })
    const file = tmpFile(`\uFEFF${HEADER}\r\nÅsa;Öberg;asa.cli@kommun.se;Socionom;${unit.code};75 %;2020-01-01;cli-mi:2\r\n`)
    const before = await databaseHash()
    const dry = await runScript('scripts/import-hr.ts', ['--file', file, '--dry-run'], url())
    expect(dry.status, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('1 rader i filen: 1 nya medarbetare, 0 ändrade, 0 oförändrade och 0 nya enheter.')
    expect(dry.stdout).toContain('rad 2 (Tjänstgöringsgrad): Tjänstgöringsgraden 75 % avrundas nedåt till 0,7')
    expect(dry.stdout).toContain(`+ asa.cli@kommun.se Åsa Öberg, ${unit.code}`)
    expect(await databaseHash()).toBe(before)

    const applied = await runScript('scripts/import-hr.ts', ['--file', file], url())
    expect(applied.status, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('Importen är genomförd: 1 nya och 0 ändrade medarbetare, 0 nya enheter.')
    expect(await prisma.staff.findUnique({ where: { email: 'asa.cli@kommun.se' }, select: { fte10: true } })).toEqual({ fte10: 7 })
    expect(await prisma.auditLog.findFirst({ where: { action: 'hr-import.apply', actorEmail: 'system:import-hr' } })).toMatchObject({
      after: expect.objectContaining({ source: 'cli' }),
    })

    // The nightly run of the same file changes nothing more.
    const again = await runScript('scripts/import-hr.ts', ['--file', file], url())
    expect(again.stdout).toContain('0 nya medarbetare, 0 ändrade, 1 oförändrade')
  })

  test('logins and managers: --dry-run lists them, a unit nobody has refuses the file naming Chef för, applying makes the manager', async () => {
    const { unit } = await createRoles()
    const header = `${HEADER};Inloggning;Chef för`
    const line = (units: string) => `Bo;Chefsson;bo.cli@kommun.se;Enhetschef;${unit.code};1;2015-01-01;;ja;${units}`
    const bad = tmpFile(`${header}\n${line(`${unit.code}|saknas`)}\n`)
    const before = await databaseHash()
    const refused = await runScript('scripts/import-hr.ts', ['--file', bad], url())
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('rad 2 (Chef för): Enheten saknas finns inte och skapas inte av filen.')
    expect(await databaseHash()).toBe(before)

    const file = tmpFile(`${header}\n${line(unit.code)}\n`)
    const dry = await runScript('scripts/import-hr.ts', ['--file', file, '--dry-run'], url())
    expect(dry.status, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('1 inloggningar att skapa eller koppla och 1 chefsuppdrag att ändra.')
    expect(dry.stdout).toContain('+ inloggning bo.cli@kommun.se (Enhetschef): skapas, bo.cli@kommun.se')
    expect(dry.stdout).toContain(`~ bo.cli@kommun.se: chef för inga enheter → ${unit.code} (Enhetschef)`)
    expect(await databaseHash()).toBe(before)
    const applied = await runScript('scripts/import-hr.ts', ['--file', file], url())
    expect(applied.status, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('Inloggningar: 1 skapade och 0 kopplade; 1 ändrade chefsuppdrag.')
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: 'bo.cli@kommun.se' },
      select: { role: true, staff: { select: { email: true } }, managedUnits: { select: { unitId: true } } },
    })
    expect(user).toEqual({ role: 'MANAGER', staff: { email: 'bo.cli@kommun.se' }, managedUnits: [{ unitId: unit.id }] })
  })

  test('usage errors are told apart from bad files', async () => {
    expect((await runScript('scripts/import-hr.ts', [], url())).status).toBe(64)
    expect((await runScript('scripts/import-hr.ts', ['--file', path.join(dir, 'no-such-file.csv')], url())).status).toBe(66)
  })
})

describe('npm run export:csv', () => {
  test('writes the staff file that the import reads back unchanged', async () => {
    const { staff } = await createRoles()
    const out = tmpFile()
    const result = await runScript('scripts/export-csv.ts', ['--kind', 'staff', '--output', out], url())
    expect(result.status, result.stderr).toBe(0)
    const csv = fs.readFileSync(out, 'utf8')
    expect(csv.startsWith('\uFEFFFörnamn;Efternamn;E-post;')).toBe(true)
    expect(csv).toContain(staff.email)
    const back = await runScript('scripts/import-hr.ts', ['--file', out, '--dry-run'], url())
    expect(back.status, back.stderr).toBe(0)
    expect(back.stdout).toMatch(/: 0 nya medarbetare, 0 ändrade, \d+ oförändrade och 0 nya enheter\./)
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', actorEmail: 'system:export-csv' } })).toBe(1)
  })
})
