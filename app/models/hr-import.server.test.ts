import { beforeEach, describe, expect, test } from 'vitest'
import { createArea, createRoles, createSkill, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { getDatabaseProvider } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InputError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { applyHrImport, HR_IMPORT_SYSTEM_ACTOR, previewHrImport } from './hr-import.server'

const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser'

let central: Actor
let unit: { id: string; code: string }
let area: { id: string; key: string }

beforeEach(async () => {
  area = await createArea({ key: `omr-${Math.random().toString(36).slice(2, 8)}` })
  unit = await createUnit({ areaId: area.id })
  await createSkill({ key: 'bbic' }).catch(() => null)
  await createSkill({ key: 'mi' }).catch(() => null)
  central = (await getActorById((await createUser({ role: 'CENTRAL' })).id))!
})

async function counts() {
  const [staff, units, staffSkills, audit] = await Promise.all([prisma.staff.count(), prisma.unit.count(), prisma.staffSkill.count(), prisma.auditLog.count()])
  return { staff, units, staffSkills, audit }
}

const row = (
  fields: Partial<Record<'first' | 'last' | 'email' | 'title' | 'unitName' | 'unitCode' | 'area' | 'fte' | 'cases' | 'hired' | 'consent' | 'skills', string>>,
) =>
  [
    fields.first ?? 'Anna',
    fields.last ?? 'Berg',
    fields.email ?? 'anna.berg@kommun.se',
    fields.title ?? 'Socialsekreterare',
    fields.unitName ?? '',
    fields.unitCode ?? unit.code,
    fields.area ?? '',
    fields.fte ?? '1,0',
    fields.cases ?? '',
    fields.hired ?? '2019-08-15',
    fields.consent ?? '',
    fields.skills ?? '',
  ].join(';')

const file = (...rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`

describe('preview', () => {
  test('shows new staff, changed fields, new units and unchanged staff, and writes nothing', async () => {
    const same = await createStaff({ unitId: unit.id, fte10: 10, caseload: 10 })
    const moved = await createStaff({ unitId: unit.id, fte10: 10, caseload: 10, lendingConsent: false })
    const before = await counts()
    const csv = file(
      row({ first: same.firstName, last: same.lastName, email: same.email, fte: '1,0', hired: '2018-01-01' }),
      row({
        first: moved.firstName,
        last: 'Nytt-Namn',
        email: moved.email,
        unitName: 'Nya enheten',
        unitCode: 'NY-1',
        area: area.key,
        fte: '80 %',
        cases: '14',
        hired: '2018-01-01',
        consent: 'ja',
        skills: 'bbic:3',
      }),
      row({ email: 'ny.person@kommun.se', fte: '0,5', skills: 'mi:2' }),
    )
    const preview = await previewHrImport(central, csv)
    expect(preview.errors).toEqual([])
    expect(preview.unchanged).toBe(1)
    expect(preview.newUnits).toEqual([{ line: 3, code: 'NY-1', name: 'Nya enheten', areaKey: area.key }])
    expect(preview.newStaff).toEqual([
      { line: 4, email: 'ny.person@kommun.se', firstName: 'Anna', lastName: 'Berg', unitCode: unit.code, fte10: 5, skills: [{ key: 'mi', level: 2 }] },
    ])
    expect(preview.changedStaff).toEqual([
      {
        line: 3,
        staffId: moved.id,
        email: moved.email,
        firstName: moved.firstName,
        lastName: 'Nytt-Namn',
        changes: [
          { field: 'lastName', from: moved.lastName, to: 'Nytt-Namn' },
          { field: 'unit', from: unit.code, to: 'NY-1' },
          { field: 'fte', from: 10, to: 8 },
          { field: 'caseload', from: 10, to: 14 },
          { field: 'lendingConsent', from: false, to: true },
          { field: 'skill', key: 'bbic', from: null, to: 3 },
        ],
      },
    ])
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(await counts()).toEqual(before)
  })

  test('rows that do not fit the database get a line and a reason: unknown unit, area, skill; inactive skill; a new unit named two ways', async () => {
    await prisma.skill.create({ data: { key: 'gammal', nameSv: 'Gammal', nameEn: 'Old', category: 'METHOD', active: false } })
    const preview = await previewHrImport(
      central,
      file(
        row({ email: 'a@kommun.se', unitCode: 'okand' }),
        row({ email: 'b@kommun.se', unitCode: 'ny', unitName: 'Ny', area: 'Månen' }),
        row({ email: 'c@kommun.se', skills: 'bbic:2|finns-inte:2' }),
        row({ email: 'd@kommun.se', skills: 'gammal:1' }),
        row({ email: 'e@kommun.se', unitCode: 'ny2', unitName: 'Ny två', area: area.key }),
        row({ email: 'f@kommun.se', unitCode: 'NY2', unitName: 'Ny 2', area: area.key }),
      ),
    )
    expect(preview.errors.map((e) => [e.line, e.column, e.message.replace('ops.import.errors.', ''), e.values])).toEqual([
      [2, 'unitCode', 'unitUnknown', { code: 'okand' }],
      [3, 'area', 'areaUnknown', { value: 'Månen' }],
      [4, 'skills', 'skillUnknown', { key: 'finns-inte' }],
      [5, 'skills', 'skillInactive', { key: 'gammal' }],
      [7, 'unitName', 'unitMismatch', { code: 'NY2', line: 6 }],
    ])
  })

  test('unit codes match without regard to case; areas by key or Swedish name', async () => {
    const areaRow = await prisma.area.findUniqueOrThrow({ where: { id: area.id } })
    const preview = await previewHrImport(
      central,
      file(
        row({ email: 'a@kommun.se', unitCode: unit.code.toUpperCase() }),
        row({ email: 'b@kommun.se', unitCode: 'x1', unitName: 'X', area: areaRow.nameSv.toUpperCase() }),
      ),
    )
    expect(preview.errors).toEqual([])
    expect(preview.newStaff.map((s) => s.unitCode)).toEqual([unit.code, 'x1'])
  })

  test('only central may preview or apply', async () => {
    const { manager, staffUser } = await createRoles()
    for (const id of [manager.id, staffUser.id]) {
      const actor = (await getActorById(id))!
      await expect(previewHrImport(actor, file(row({})))).rejects.toBeInstanceOf(ForbiddenError)
      await expect(applyHrImport(actor, file(row({})))).rejects.toBeInstanceOf(ForbiddenError)
    }
  })
})

describe('apply', () => {
  test('writes every change in one go, with audit entries that hold ids and field names but no personal data', async () => {
    const existing = await createStaff({ unitId: unit.id, fte10: 10, caseload: 3 })
    const skill = await prisma.skill.findUniqueOrThrow({ where: { key: 'bbic' } })
    const verifier = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
    await prisma.staffSkill.create({ data: { staffId: existing.id, skillId: skill.id, level: 2, verifiedById: verifier.id, verifiedAt: new Date() } })
    const auditBefore = (await prisma.auditLog.findMany({ select: { id: true } })).map((e) => e.id)
    const csv = file(
      row({ first: existing.firstName, last: existing.lastName, email: existing.email, fte: '0,6', hired: '2018-01-01', skills: 'bbic:3|mi:1' }),
      row({
        first: 'Örjan',
        last: 'Åkesson',
        email: 'orjan.akesson@kommun.se',
        unitName: 'Familjehem',
        unitCode: 'fh',
        area: area.key,
        fte: '75 %',
        cases: '9',
        consent: 'ja',
        skills: 'mi:2',
      }),
    )
    const { fingerprint } = await previewHrImport(central, csv)
    const result = await applyHrImport(central, csv, { expectedFingerprint: fingerprint })
    expect(result).toMatchObject({ unitsCreated: 1, staffCreated: 1, staffUpdated: 1 })

    const updated = await prisma.staff.findUniqueOrThrow({
      where: { id: existing.id },
      select: { fte10: true, caseload: true, skills: { select: { level: true, verifiedById: true, skill: { select: { key: true } } } } },
    })
    expect(updated.fte10).toBe(6)
    expect(updated.caseload).toBe(3)
    expect(updated.skills.map((s) => [s.skill.key, s.level, s.verifiedById]).sort()).toEqual([
      ['bbic', 3, null],
      ['mi', 1, null],
    ])
    const created = await prisma.staff.findUniqueOrThrow({
      where: { email: 'orjan.akesson@kommun.se' },
      select: {
        id: true,
        firstName: true,
        fte10: true,
        caseload: true,
        lendingConsent: true,
        active: true,
        unit: { select: { code: true, name: true, areaId: true } },
      },
    })
    expect(created).toMatchObject({
      firstName: 'Örjan',
      fte10: 7,
      caseload: 9,
      lendingConsent: true,
      active: true,
      unit: { code: 'fh', name: 'Familjehem', areaId: area.id },
    })

    const entries = await prisma.auditLog.findMany({ where: { id: { notIn: auditBefore } } })
    expect(entries.map((e) => e.action).sort()).toEqual(['hr-import.apply', 'staff.import.create', 'staff.import.update', 'unit.create'])
    expect(entries.every((e) => e.actorEmail === central.email)).toBe(true)
    expect(entries.find((e) => e.action === 'staff.import.update')).toMatchObject({
      entityId: existing.id,
      after: { fields: ['fte', 'skill:bbic', 'skill:mi'] },
    })
    expect(entries.find((e) => e.action === 'staff.import.create')).toMatchObject({ entityId: created.id })
    expect(entries.find((e) => e.action === 'hr-import.apply')?.after).toMatchObject({
      rows: 2,
      staffCreated: 1,
      staffUpdated: 1,
      unitsCreated: 1,
      fingerprint,
    })
    const logged = JSON.stringify(entries)
    for (const personal of ['Örjan', 'Åkesson', 'orjan.akesson', existing.lastName, existing.email]) expect(logged).not.toContain(personal)

    // Applying the same file again changes nothing.
    const again = await previewHrImport(central, csv)
    expect([again.newStaff.length, again.changedStaff.length, again.unchanged]).toEqual([0, 0, 2])
  })

  test('is refused, writing nothing, when any row is bad', async () => {
    const before = await counts()
    const csv = file(row({ email: 'ok@kommun.se' }), row({ email: 'bad@kommun.se', fte: '2,5' }))
    await expect(applyHrImport(central, csv)).rejects.toMatchObject({ constructor: InputError, message: 'ops.import.hasErrors' })
    expect(await counts()).toEqual(before)
  })

  test('is refused when the data changed after the preview, and writes nothing', async () => {
    const person = await createStaff({ unitId: unit.id, fte10: 10 })
    const csv = file(
      row({ first: person.firstName, last: person.lastName, email: person.email, fte: '0,5', hired: '2018-01-01' }),
      row({ email: 'ny@kommun.se' }),
    )
    const { fingerprint } = await previewHrImport(central, csv)
    await prisma.staff.update({ where: { id: person.id }, data: { fte10: 8 } })
    const before = await counts()
    await expect(applyHrImport(central, csv, { expectedFingerprint: fingerprint })).rejects.toBeInstanceOf(ConflictError)
    expect(await counts()).toEqual(before)
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: person.id } })).fte10).toBe(8)
  })

  test('is all or nothing: a failure after some rows were written leaves no trace', async () => {
    const person = await createStaff({ unitId: unit.id, fte10: 10 })
    // The last write of an apply is the skills; make the database refuse it.
    if (getDatabaseProvider() === 'sqlite') {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER ops_test_refuse BEFORE INSERT ON "StaffSkill" WHEN NEW.level = 4 BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      )
    } else {
      await prisma.$executeRawUnsafe(
        `CREATE FUNCTION ops_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.level = 4 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`,
      )
      await prisma.$executeRawUnsafe(`CREATE TRIGGER ops_test_refuse BEFORE INSERT ON "StaffSkill" FOR EACH ROW EXECUTE FUNCTION ops_test_refuse()`)
    }
    const before = await counts()
    const csv = file(
      row({ first: person.firstName, last: person.lastName, email: person.email, fte: '0,5', hired: '2018-01-01' }),
      row({ email: 'ny@kommun.se', unitCode: 'nyenhet', unitName: 'Ny enhet', area: area.key, skills: 'bbic:4' }),
    )
    await expect(applyHrImport(central, csv)).rejects.toThrow()
    expect(await counts()).toEqual(before)
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: person.id } })).fte10).toBe(10)
    expect(await prisma.unit.findUnique({ where: { code: 'nyenhet' } })).toBeNull()
  })

  test('two imports of the same file at once create each person once', async () => {
    const csv = file(...Array.from({ length: 30 }, (_, i) => row({ email: `samtidig${i}@kommun.se` })))
    const results = await Promise.allSettled([applyHrImport(central, csv), applyHrImport(central, csv)])
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError)
    expect(await prisma.staff.count({ where: { email: { startsWith: 'samtidig' } } })).toBe(30)
  })

  test('the command-line system actor is recorded as such', async () => {
    await applyHrImport(HR_IMPORT_SYSTEM_ACTOR, file(row({ email: 'natt@kommun.se' })), { source: 'cli' })
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'hr-import.apply' }, orderBy: { at: 'desc' } })
    expect(entry).toMatchObject({ actorEmail: 'system:import-hr', after: { source: 'cli', staffCreated: 1 } })
  })
})

describe('logins and managers', () => {
  const ACCOUNT_HEADER = `${HEADER};Inloggning;Chef för`
  const accountFile = (...rows: string[]) => `\uFEFF${ACCOUNT_HEADER}\r\n${rows.join('\r\n')}\r\n`
  const withAccount = (fields: Parameters<typeof row>[0], login: string, managerOf = '') => `${row(fields)};${login};${managerOf}`

  async function accountCounts() {
    const [users, unitManagers, managers] = await Promise.all([
      prisma.user.count(),
      prisma.unitManager.count(),
      prisma.user.count({ where: { role: 'MANAGER' } }),
    ])
    return { ...(await counts()), users, unitManagers, managers }
  }

  test('the preview lists logins to create or link and managers to set, and writes nothing', async () => {
    const hasAccount = await createStaff({ unitId: unit.id, fte10: 10 })
    const unlinked = await createUser({ email: hasAccount.email })
    const boss = await createStaff({ unitId: unit.id, fte10: 10 })
    const bossLogin = await createUser({ staffId: boss.id })
    const before = await accountCounts()
    const csv = accountFile(
      withAccount({ first: hasAccount.firstName, last: hasAccount.lastName, email: hasAccount.email, hired: '2018-01-01' }, 'ja'),
      withAccount({ first: 'Nils', last: 'Ny', email: 'nils.ny@kommun.se' }, 'nils.ny@kommun.onmicrosoft.com', 'nyenhet'),
      withAccount({ first: boss.firstName, last: boss.lastName, email: boss.email, hired: '2018-01-01' }, '', `${unit.code.toUpperCase()}|nyenhet`),
      withAccount({ email: 'skapar.enheten@kommun.se', unitCode: 'nyenhet', unitName: 'Ny enhet', area: area.key }, ''),
    )
    const preview = await previewHrImport(central, csv)
    expect(preview.errors).toEqual([])
    expect(preview.logins).toEqual([
      {
        line: 2,
        staffEmail: hasAccount.email,
        email: hasAccount.email,
        firstName: hasAccount.firstName,
        lastName: hasAccount.lastName,
        action: 'link',
        userId: unlinked.id,
        role: 'STAFF',
      },
      {
        line: 3,
        staffEmail: 'nils.ny@kommun.se',
        email: 'nils.ny@kommun.onmicrosoft.com',
        firstName: 'Nils',
        lastName: 'Ny',
        action: 'create',
        userId: null,
        role: 'MANAGER',
      },
    ])
    expect(preview.managers).toEqual([
      {
        line: 3,
        email: 'nils.ny@kommun.onmicrosoft.com',
        firstName: 'Nils',
        lastName: 'Ny',
        userId: null,
        from: [],
        to: ['nyenhet'],
        roleFrom: null,
        roleTo: 'MANAGER',
      },
      {
        line: 4,
        email: bossLogin.email,
        firstName: boss.firstName,
        lastName: boss.lastName,
        userId: bossLogin.id,
        from: [],
        to: [unit.code, 'nyenhet'].sort((a, b) => a.localeCompare(b)),
        roleFrom: 'STAFF',
        roleTo: 'MANAGER',
      },
    ])
    // Logins and managers are not staff changes.
    expect(preview.unchanged).toBe(2)
    expect(await accountCounts()).toEqual(before)
  })

  test('applying creates and links logins, makes managers who keep their staff profile, audits it without personal data, and is then a no-op', async () => {
    const boss = await createStaff({ unitId: unit.id, fte10: 10 })
    const formerBoss = await createStaff({ unitId: unit.id, fte10: 10 })
    const formerLogin = await createUser({ role: 'MANAGER', staffId: formerBoss.id, unitIds: [unit.id] })
    const auditBefore = (await prisma.auditLog.findMany({ select: { id: true } })).map((e) => e.id)
    const csv = accountFile(
      withAccount({ first: boss.firstName, last: boss.lastName, email: boss.email, hired: '2018-01-01' }, 'ja', unit.code),
      withAccount({ first: formerBoss.firstName, last: formerBoss.lastName, email: formerBoss.email, hired: '2018-01-01' }, '', 'nej'),
      withAccount({ first: 'Stina', last: 'Ståhl', email: 'stina.stahl@kommun.se' }, 'ja'),
    )
    const { fingerprint } = await previewHrImport(central, csv)
    const result = await applyHrImport(central, csv, { expectedFingerprint: fingerprint })
    expect(result).toMatchObject({ staffCreated: 1, staffUpdated: 0, loginsCreated: 2, loginsLinked: 0, managersChanged: 2 })

    const bossUser = await prisma.user.findUniqueOrThrow({
      where: { email: boss.email },
      select: { id: true, role: true, staffId: true, name: true, active: true, password: true, managedUnits: { select: { unitId: true } } },
    })
    expect(bossUser).toMatchObject({ role: 'MANAGER', staffId: boss.id, name: `${boss.firstName} ${boss.lastName}`, active: true, password: null })
    expect(bossUser.managedUnits).toEqual([{ unitId: unit.id }])
    // The manager is still staff: their profile and unit are untouched.
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: boss.id }, select: { unitId: true, active: true } })).toEqual({ unitId: unit.id, active: true })
    // The manager can sign in and manage the unit: their actor says so.
    expect(await getActorById(bossUser.id)).toMatchObject({ role: 'MANAGER', staffId: boss.id, managedUnitIds: [unit.id] })

    const former = await prisma.user.findUniqueOrThrow({ where: { id: formerLogin.id }, select: { role: true, staffId: true, managedUnits: true } })
    expect(former).toEqual({ role: 'STAFF', staffId: formerBoss.id, managedUnits: [] })
    const stina = await prisma.staff.findUniqueOrThrow({
      where: { email: 'stina.stahl@kommun.se' },
      select: { id: true, user: { select: { role: true, email: true } } },
    })
    expect(stina.user).toEqual({ role: 'STAFF', email: 'stina.stahl@kommun.se' })

    const entries = await prisma.auditLog.findMany({ where: { id: { notIn: auditBefore } } })
    expect(entries.map((e) => e.action).sort()).toEqual([
      'hr-import.apply',
      'staff.import.create',
      'user.import.create',
      'user.import.create',
      'user.import.update',
      'user.import.update',
    ])
    expect(entries.find((e) => e.action === 'user.import.update' && e.entityId === formerLogin.id)?.after).toMatchObject({
      roleFrom: 'MANAGER',
      role: 'STAFF',
      unitIdsFrom: [unit.id],
      unitIds: [],
    })
    expect(entries.find((e) => e.action === 'hr-import.apply')?.after).toMatchObject({ loginsCreated: 2, loginsLinked: 0, managersChanged: 2 })
    const logged = JSON.stringify(entries)
    for (const personal of [boss.email, boss.lastName, 'stina', 'Ståhl']) expect(logged).not.toContain(personal)

    const again = await previewHrImport(central, csv)
    expect([again.logins, again.managers, again.newStaff, again.changedStaff]).toEqual([[], [], [], []])
  })

  test('an account the file cannot take is refused on its line and column, and applying writes nothing', async () => {
    const elsewhere = await createStaff({ unitId: unit.id })
    const taken = await createUser({ staffId: elsewhere.id })
    const hasLogin = await createStaff({ unitId: unit.id })
    const ownLogin = await createUser({ staffId: hasLogin.id })
    const noLogin = await createStaff({ unitId: unit.id })
    const centralStaff = await createStaff({ unitId: unit.id })
    const centralLogin = await createUser({ role: 'CENTRAL', staffId: centralStaff.id })
    const integration = await prisma.user.create({ data: { email: 'hr-system@kommun.se', name: 'HR-systemet', kind: 'INTEGRATION', role: 'CENTRAL' } })
    const same = (s: { firstName: string; lastName: string; email: string }) => ({ first: s.firstName, last: s.lastName, email: s.email, hired: '2018-01-01' })
    const csv = accountFile(
      withAccount({ email: 'ok@kommun.se' }, 'ja', unit.code),
      withAccount({ email: 'tar@kommun.se' }, taken.email),
      withAccount(same(hasLogin), 'annan@kommun.se'),
      withAccount(same(noLogin), '', unit.code),
      withAccount({ email: 'fel.enhet@kommun.se' }, 'ja', 'finns-inte'),
      withAccount(same(centralStaff), '', unit.code),
      withAccount({ email: 'integr@kommun.se' }, integration.email),
    )
    const preview = await previewHrImport(central, csv)
    expect(preview.errors.map((e) => [e.line, e.column, e.message.replace('ops.import.errors.', ''), e.values])).toEqual([
      [3, 'login', 'loginLinkedElsewhere', { email: taken.email }],
      [4, 'login', 'loginOther', { email: ownLogin.email }],
      [5, 'managerOf', 'managerNeedsLogin', undefined],
      [6, 'managerOf', 'managerUnitUnknown', { code: 'finns-inte' }],
      [7, 'managerOf', 'managerIsCentral', { email: centralLogin.email }],
      [8, 'login', 'loginIntegration', { email: integration.email }],
    ])
    const before = await accountCounts()
    await expect(applyHrImport(central, csv)).rejects.toMatchObject({ constructor: InputError, message: 'ops.import.hasErrors' })
    expect(await accountCounts()).toEqual(before)
    expect(await prisma.user.findUnique({ where: { email: 'ok@kommun.se' } })).toBeNull()
  })

  test('a login created between the preview and applying makes the apply stale, and nothing is written', async () => {
    const csv = accountFile(withAccount({ email: 'sen@kommun.se' }, 'ja', unit.code))
    const { fingerprint } = await previewHrImport(central, csv)
    await createUser({ email: 'sen@kommun.se' })
    const before = await accountCounts()
    await expect(applyHrImport(central, csv, { expectedFingerprint: fingerprint })).rejects.toBeInstanceOf(ConflictError)
    expect(await accountCounts()).toEqual(before)
  })
})
