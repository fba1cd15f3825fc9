// HR import against the database: the preview is a diff of the file against
// Avlast; applying re-runs that diff inside one transaction and writes all of
// it or nothing. The audit log gets ids and field names, never the values.
import { createHash } from 'node:crypto'
import { Prisma, type Role } from '@prisma/client'
import { dataChanged } from '~/utils/data-version.server'
import { getDatabaseProvider } from '~/utils/database-url'
import { prisma, type Tx } from '~/utils/db.server'
import { ConflictError, InputError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { today as swedishToday, toYmd } from '~/utils/weeks'
import { isErasedEmail } from './gdpr.server'
import { parseHrCsv, type HrRow, type HrSkill, type ImportIssue } from './hr-file.server'

/** Who the command-line import acts as; its audit entries carry this e-mail. */
export const HR_IMPORT_SYSTEM_ACTOR: Actor = {
  id: 'system:import-hr',
  email: 'system:import-hr',
  name: 'HR import',
  role: 'CENTRAL',
  locale: 'sv',
  staffId: null,
  managedUnitIds: [],
}

export type StaffField = 'firstName' | 'lastName' | 'title' | 'unit' | 'fte' | 'caseload' | 'hireDate' | 'lendingConsent' | 'active' | 'skill'

export type FieldChange = {
  field: StaffField
  /** The skill key, for `skill` changes. */
  key?: string
  from: string | number | boolean | null
  to: string | number | boolean
}

export type HrPreview = {
  delimiter: ';' | ','
  recordCount: number
  errors: ImportIssue[]
  warnings: ImportIssue[]
  newUnits: { line: number; code: string; name: string; areaKey: string }[]
  newStaff: { line: number; email: string; firstName: string; lastName: string; unitCode: string; fte10: number; skills: HrSkill[] }[]
  changedStaff: { line: number; staffId: string; email: string; firstName: string; lastName: string; changes: FieldChange[] }[]
  unchanged: number
  /** Logins the file creates (no account with that e-mail yet) or links to the person's staff record (an account without one). */
  logins: {
    line: number
    staffEmail: string
    email: string
    firstName: string
    lastName: string
    action: 'create' | 'link'
    userId: string | null
    role: Role
  }[]
  /** Accounts whose managed units (and so their role, manager or staff) the file changes; unit codes sorted. */
  managers: {
    line: number
    email: string
    firstName: string
    lastName: string
    userId: string | null
    from: string[]
    to: string[]
    roleFrom: Role | null
    roleTo: Role
  }[]
  /** Identifies exactly these changes: applying checks that nothing moved since the preview. */
  fingerprint: string
}

type Plan = HrPreview & {
  rows: Map<string, HrRow>
  unitIds: Map<string, string>
  skillIds: Map<string, string>
  areaIds: Map<string, string>
  /** Existing staff ids by e-mail. */
  staffIds: Map<string, string>
}

const CHUNK = 500

const accountFields = {
  id: true,
  email: true,
  role: true,
  kind: true,
  staffId: true,
  managedUnits: { select: { unitId: true } },
} satisfies Prisma.UserSelect
type AccountRow = Prisma.UserGetPayload<{ select: typeof accountFields }>

/** The accounts the file's logins name, and those already linked to its staff. */
async function findAccounts(db: Tx, emails: string[], staffIds: string[]) {
  const found: AccountRow[] = []
  for (let i = 0; i < Math.max(emails.length, staffIds.length); i += CHUNK) {
    const byEmail = emails.slice(i, i + CHUNK)
    const byStaff = staffIds.slice(i, i + CHUNK)
    found.push(...(await db.user.findMany({ where: { OR: [{ email: { in: byEmail } }, { staffId: { in: byStaff } }] }, select: accountFields })))
  }
  return {
    byEmail: new Map(found.map((u) => [u.email, u])),
    byStaffId: new Map(found.filter((u) => u.staffId).map((u) => [u.staffId!, u])),
  }
}

async function findStaffByEmail(db: Tx, emails: string[]) {
  const found = []
  for (let i = 0; i < emails.length; i += CHUNK) {
    found.push(
      ...(await db.staff.findMany({
        where: { email: { in: emails.slice(i, i + CHUNK) } },
        select: {
          id: true,
          email: true,
          firstName: true,
          lastName: true,
          title: true,
          unitId: true,
          fte10: true,
          caseload: true,
          hireDate: true,
          lendingConsent: true,
          active: true,
          skills: { select: { level: true, skill: { select: { key: true } } } },
        },
      })),
    )
  }
  return new Map(found.map((s) => [s.email, s]))
}

function fail(line: number, column: ImportIssue['column'], error: string, values?: ImportIssue['values']): ImportIssue {
  return { line, column, message: `ops.import.errors.${error}`, values }
}

async function plan(db: Tx, csv: string, now: Date): Promise<Plan> {
  const parsed = parseHrCsv(csv, { today: now })
  const [units, areas, skills, staff] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true } }),
    db.area.findMany({ select: { id: true, key: true, nameSv: true, nameEn: true } }),
    db.skill.findMany({ select: { id: true, key: true, active: true } }),
    findStaffByEmail(
      db,
      parsed.rows.map((r) => r.email),
    ),
  ])
  const withAccounts = parsed.rows.filter((r) => r.login !== null || r.managerOf !== null)
  const accounts = withAccounts.length
    ? await findAccounts(
        db,
        withAccounts.flatMap((r) => (r.login ? [r.login] : [])),
        withAccounts.flatMap((r) => (staff.has(r.email) ? [staff.get(r.email)!.id] : [])),
      )
    : { byEmail: new Map<string, AccountRow>(), byStaffId: new Map<string, AccountRow>() }
  // Units a row of this file creates, wherever it stands: a manager's row may come before it. A bad creating row is an error of its own.
  const declaredUnits = new Map<string, string>()
  for (const r of parsed.rows) if (r.unitName && r.area) declaredUnits.set(r.unitCode.toLowerCase(), r.unitCode)
  const unitByCode = new Map(units.map((u) => [u.code.toLowerCase(), u]))
  const unitCodeById = new Map(units.map((u) => [u.id, u.code]))
  const areaByName = new Map<string, (typeof areas)[number]>()
  for (const a of areas) for (const name of [a.nameEn, a.nameSv, a.key]) areaByName.set(name.trim().toLowerCase(), a)
  const skillByKey = new Map(skills.map((s) => [s.key, s]))

  const errors = [...parsed.errors]
  const result: Plan = {
    delimiter: parsed.delimiter,
    recordCount: parsed.recordCount,
    errors,
    warnings: parsed.warnings,
    newUnits: [],
    newStaff: [],
    changedStaff: [],
    unchanged: 0,
    logins: [],
    managers: [],
    fingerprint: '',
    rows: new Map(),
    unitIds: new Map(units.map((u) => [u.code.toLowerCase(), u.id])),
    skillIds: new Map(skills.map((s) => [s.key, s.id])),
    areaIds: new Map(areas.map((a) => [a.key, a.id])),
    staffIds: new Map([...staff.values()].map((s) => [s.email, s.id])),
  }
  const pendingUnits = new Map<string, Plan['newUnits'][number]>()

  for (const row of parsed.rows) {
    const existing = staff.get(row.email)
    const accountPlan = planAccount(row, existing?.id ?? null)
    const issue = 'issue' in accountPlan ? accountPlan.issue : checkAgainstDatabase(row)
    if (issue) {
      errors.push(issue)
      continue
    }
    if ('login' in accountPlan && accountPlan.login) result.logins.push(accountPlan.login)
    if ('manager' in accountPlan && accountPlan.manager) result.managers.push(accountPlan.manager)
    result.rows.set(row.email, row)
    if (!existing) {
      result.newStaff.push({
        line: row.line,
        email: row.email,
        firstName: row.firstName,
        lastName: row.lastName,
        unitCode: unitByCode.get(row.unitCode.toLowerCase())?.code ?? pendingUnits.get(row.unitCode.toLowerCase())!.code,
        fte10: row.fte10,
        skills: row.skills ?? [],
      })
      continue
    }
    const changes: FieldChange[] = []
    const compare = (field: StaffField, from: FieldChange['from'], to: FieldChange['to'] | null) => {
      if (to !== null && from !== to) changes.push({ field, from, to })
    }
    compare('firstName', existing.firstName, row.firstName)
    compare('lastName', existing.lastName, row.lastName)
    compare('title', existing.title, row.title)
    const unitCode = unitByCode.get(row.unitCode.toLowerCase())?.code ?? pendingUnits.get(row.unitCode.toLowerCase())!.code
    compare('unit', unitCodeById.get(existing.unitId) ?? null, unitCode)
    compare('fte', existing.fte10, row.fte10)
    compare('caseload', existing.caseload, row.caseload)
    compare('hireDate', toYmd(existing.hireDate), toYmd(row.hireDate))
    compare('lendingConsent', existing.lendingConsent, row.lendingConsent)
    compare('active', existing.active, row.active)
    const held = new Map(existing.skills.map((s) => [s.skill.key, s.level]))
    for (const skill of row.skills ?? []) {
      const level = held.get(skill.key) ?? null
      if (level !== skill.level) changes.push({ field: 'skill', key: skill.key, from: level, to: skill.level })
    }
    if (changes.length) {
      result.changedStaff.push({ line: row.line, staffId: existing.id, email: row.email, firstName: row.firstName, lastName: row.lastName, changes })
    } else {
      result.unchanged++
    }
  }

  type AccountPlan = { issue: ImportIssue } | { login: HrPreview['logins'][number] | null; manager: HrPreview['managers'][number] | null }

  // The login a row names, or the one its staff record has, and the units it manages.
  function planAccount(row: HrRow, staffId: string | null): AccountPlan {
    const linked = staffId ? accounts.byStaffId.get(staffId) : undefined
    const who = { line: row.line, firstName: row.firstName, lastName: row.lastName }
    let account: { userId: string | null; email: string; role: Role | null; unitIds: string[] } | null = linked
      ? { userId: linked.id, email: linked.email, role: linked.role, unitIds: linked.managedUnits.map((m) => m.unitId) }
      : null
    let login: HrPreview['logins'][number] | null = null
    if (row.login) {
      const named = accounts.byEmail.get(row.login)
      if (named && named.kind !== 'PERSON') return { issue: fail(row.line, 'login', 'loginIntegration', { email: row.login }) }
      if (named?.staffId && named.staffId !== staffId) return { issue: fail(row.line, 'login', 'loginLinkedElsewhere', { email: row.login }) }
      if (linked && linked.id !== named?.id) return { issue: fail(row.line, 'login', 'loginOther', { email: linked.email }) }
      if (!named && isErasedEmail(row.login)) return { issue: fail(row.line, 'login', 'loginInvalid', { value: row.login }) }
      if (!linked) {
        const role: Role = named?.role ?? (row.managerOf?.length ? 'MANAGER' : 'STAFF')
        login = { ...who, staffEmail: row.email, email: row.login, action: named ? 'link' : 'create', userId: named?.id ?? null, role }
        account = named
          ? { userId: named.id, email: named.email, role: named.role, unitIds: named.managedUnits.map((m) => m.unitId) }
          : { userId: null, email: row.login, role: null, unitIds: [] }
      }
    }
    if (row.managerOf === null) return { login, manager: null }
    if (!account) {
      return row.managerOf.length ? { issue: fail(row.line, 'managerOf', 'managerNeedsLogin') } : { login, manager: null }
    }
    const to: string[] = []
    for (const code of row.managerOf) {
      const known = unitByCode.get(code.toLowerCase())?.code ?? declaredUnits.get(code.toLowerCase())
      if (!known) return { issue: fail(row.line, 'managerOf', 'managerUnitUnknown', { code }) }
      to.push(known)
    }
    to.sort((a, b) => a.localeCompare(b))
    if (account.role === 'CENTRAL') {
      return to.length ? { issue: fail(row.line, 'managerOf', 'managerIsCentral', { email: account.email }) } : { login, manager: null }
    }
    const from = account.unitIds.map((id) => unitCodeById.get(id)!).sort((a, b) => a.localeCompare(b))
    const roleTo: Role = to.length ? 'MANAGER' : 'STAFF'
    if (account.role === roleTo && from.join('|') === to.join('|')) return { login, manager: null }
    if (login) login.role = roleTo
    return { login, manager: { ...who, email: account.email, userId: account.userId, from, to, roleFrom: account.role, roleTo } }
  }

  function checkAgainstDatabase(row: HrRow): ImportIssue | null {
    const code = row.unitCode.toLowerCase()
    let newUnit: Plan['newUnits'][number] | null = null
    if (!unitByCode.has(code)) {
      const area = row.area ? areaByName.get(row.area.trim().toLowerCase()) : undefined
      const pending = pendingUnits.get(code)
      if (pending) {
        if ((row.unitName && row.unitName !== pending.name) || (row.area && area?.key !== pending.areaKey)) {
          return fail(row.line, 'unitName', 'unitMismatch', { code: row.unitCode, line: pending.line })
        }
      } else {
        if (!row.unitName || !row.area) return fail(row.line, 'unitCode', 'unitUnknown', { code: row.unitCode })
        if (!area) return fail(row.line, 'area', 'areaUnknown', { value: row.area })
        newUnit = { line: row.line, code: row.unitCode, name: row.unitName, areaKey: area.key }
      }
    }
    for (const skill of row.skills ?? []) {
      const known = skillByKey.get(skill.key)
      if (!known) return fail(row.line, 'skills', 'skillUnknown', { key: skill.key })
      if (!known.active) return fail(row.line, 'skills', 'skillInactive', { key: skill.key })
    }
    // Only a good row creates a unit.
    if (newUnit) {
      pendingUnits.set(code, newUnit)
      result.newUnits.push(newUnit)
    }
    return null
  }

  errors.sort((a, b) => a.line - b.line)
  result.fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        result.newUnits.map(({ line: _line, ...u }) => u),
        result.newStaff.map(({ line: _line, ...s }) => s),
        result.changedStaff.map((s) => [s.staffId, s.changes]),
        result.logins.map(({ line: _line, ...l }) => l),
        result.managers.map(({ line: _line, ...m }) => m),
      ]),
    )
    .digest('hex')
  return result
}

function publicPreview(p: Plan): HrPreview {
  const { rows: _rows, unitIds: _units, skillIds: _skills, areaIds: _areas, staffIds: _staff, ...preview } = p
  return preview
}

/** What applying this file would change, and every bad row with its line and reason. Writes nothing. */
export async function previewHrImport(actor: Actor, csv: string, options: { now?: Date } = {}): Promise<HrPreview> {
  assertRole(actor, 'CENTRAL')
  return publicPreview(await plan(prisma, csv, options.now ?? swedishToday()))
}

// One import at a time across every instance; on SQLite, taking the write
// lock first means the transaction never has to upgrade a read snapshot.
async function lockImports(tx: Tx) {
  if (getDatabaseProvider() === 'postgresql') {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('avlast:hr-import'))`)
  } else {
    await tx.$executeRawUnsafe(`UPDATE "Settings" SET "id" = "id" WHERE 0`)
  }
}

export type HrImportResult = {
  preview: HrPreview
  unitsCreated: number
  staffCreated: number
  staffUpdated: number
  loginsCreated: number
  loginsLinked: number
  managersChanged: number
}

/**
 * Applies the file in one transaction: refused (InputError) when any row is
 * bad, and (ConflictError) when `expectedFingerprint` no longer matches what
 * the file would change.
 */
export async function applyHrImport(
  actor: Actor,
  csv: string,
  options: { expectedFingerprint?: string; source?: 'web' | 'cli'; now?: Date } = {},
): Promise<HrImportResult> {
  assertRole(actor, 'CENTRAL')
  const now = options.now ?? swedishToday()
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockImports(tx)
        const p = await plan(tx, csv, now)
        if (p.errors.length) throw new InputError('file', 'ops.import.hasErrors')
        if (options.expectedFingerprint && options.expectedFingerprint !== p.fingerprint) {
          throw new ConflictError('ops.import.changedSincePreview')
        }
        return { preview: publicPreview(p), ...(await write(tx, actor, p, options.source ?? 'web')) }
      },
      { timeout: 300_000, maxWait: 60_000 },
    )
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('ops.import.changedSincePreview')
    }
    throw error
  }
}

async function write(tx: Tx, actor: Actor, p: Plan, source: 'web' | 'cli') {
  const audits: Prisma.AuditLogCreateManyInput[] = []
  const entry = (action: string, entity: string, entityId: string | null, after: Prisma.InputJsonValue) =>
    audits.push({ actorId: actor.id, actorEmail: actor.email, action, entity, entityId, after })

  for (const unit of p.newUnits) {
    const created = await tx.unit.create({
      data: { code: unit.code, name: unit.name, areaId: p.areaIds.get(unit.areaKey)! },
      select: { id: true },
    })
    p.unitIds.set(unit.code.toLowerCase(), created.id)
    entry('unit.create', 'Unit', created.id, { code: unit.code, name: unit.name, areaKey: unit.areaKey, source: 'hr-import' })
  }
  const unitIdOf = (code: string) => p.unitIds.get(code.toLowerCase())!

  const newSkills: Prisma.StaffSkillCreateManyInput[] = []
  const createdStaffIds = new Map<string, string>()
  for (let i = 0; i < p.newStaff.length; i += CHUNK) {
    const rows = p.newStaff.slice(i, i + CHUNK).map((s) => p.rows.get(s.email)!)
    const created = await tx.staff.createManyAndReturn({
      data: rows.map((r) => ({
        firstName: r.firstName,
        lastName: r.lastName,
        email: r.email,
        title: r.title,
        unitId: unitIdOf(r.unitCode),
        fte10: r.fte10,
        caseload: r.caseload ?? 0,
        hireDate: r.hireDate,
        lendingConsent: r.lendingConsent ?? false,
        active: r.active ?? true,
      })),
      select: { id: true, email: true, unitId: true },
    })
    for (const s of created) {
      createdStaffIds.set(s.email, s.id)
      for (const skill of p.rows.get(s.email)!.skills ?? []) newSkills.push({ staffId: s.id, skillId: p.skillIds.get(skill.key)!, level: skill.level })
      entry('staff.import.create', 'Staff', s.id, { unitId: s.unitId, source: 'hr-import' })
    }
  }

  for (const staff of p.changedStaff) {
    const row = p.rows.get(staff.email)!
    const fields = new Set(staff.changes.map((c) => c.field))
    if ([...fields].some((f) => f !== 'skill')) {
      await tx.staff.update({
        where: { id: staff.staffId },
        data: {
          ...(fields.has('firstName') ? { firstName: row.firstName } : {}),
          ...(fields.has('lastName') ? { lastName: row.lastName } : {}),
          ...(fields.has('title') ? { title: row.title } : {}),
          ...(fields.has('unit') ? { unitId: unitIdOf(row.unitCode) } : {}),
          ...(fields.has('fte') ? { fte10: row.fte10 } : {}),
          ...(fields.has('caseload') && row.caseload !== null ? { caseload: row.caseload } : {}),
          ...(fields.has('hireDate') ? { hireDate: row.hireDate } : {}),
          ...(fields.has('lendingConsent') && row.lendingConsent !== null ? { lendingConsent: row.lendingConsent } : {}),
          ...(fields.has('active') && row.active !== null ? { active: row.active } : {}),
        },
      })
    }
    for (const change of staff.changes) {
      if (change.field !== 'skill') continue
      const skillId = p.skillIds.get(change.key!)!
      if (change.from === null) newSkills.push({ staffId: staff.staffId, skillId, level: Number(change.to) })
      else {
        // A changed level is a new claim: the manager's verification no longer applies.
        await tx.staffSkill.update({
          where: { staffId_skillId: { staffId: staff.staffId, skillId } },
          data: { level: Number(change.to), verifiedById: null, verifiedAt: null },
        })
      }
    }
    entry('staff.import.update', 'Staff', staff.staffId, {
      fields: [...new Set(staff.changes.map((c) => (c.field === 'skill' ? `skill:${c.key}` : c.field)))],
      source: 'hr-import',
    })
  }
  for (let i = 0; i < newSkills.length; i += CHUNK) await tx.staffSkill.createMany({ data: newSkills.slice(i, i + CHUNK) })

  // Logins get no password: the person signs in with single sign-on, or with a set-password link from /admin/users.
  const createdUserIds = new Map<string, string>()
  for (const login of p.logins) {
    const staffId = createdStaffIds.get(login.staffEmail) ?? p.staffIds.get(login.staffEmail)!
    if (login.action === 'create') {
      const user = await tx.user.create({
        data: { email: login.email, name: `${login.firstName} ${login.lastName}`, role: login.role, staffId },
        select: { id: true },
      })
      createdUserIds.set(login.email, user.id)
      entry('user.import.create', 'User', user.id, { role: login.role, staffId, source: 'hr-import' })
    } else {
      await tx.user.update({ where: { id: login.userId! }, data: { staffId } })
      entry('user.import.link', 'User', login.userId, { staffId, source: 'hr-import' })
    }
  }
  for (const manager of p.managers) {
    const userId = manager.userId ?? createdUserIds.get(manager.email)!
    const unitIds = manager.to.map(unitIdOf)
    await tx.user.update({ where: { id: userId }, data: { role: manager.roleTo } })
    await tx.unitManager.deleteMany({ where: { userId } })
    await tx.unitManager.createMany({ data: unitIds.map((unitId) => ({ userId, unitId })) })
    entry('user.import.update', 'User', userId, {
      ...(manager.roleFrom && manager.roleFrom !== manager.roleTo ? { roleFrom: manager.roleFrom } : {}),
      role: manager.roleTo,
      unitIdsFrom: manager.from.map(unitIdOf),
      unitIds,
      source: 'hr-import',
    })
  }
  const loginsCreated = p.logins.filter((l) => l.action === 'create').length

  entry('hr-import.apply', 'HrImport', p.fingerprint.slice(0, 16), {
    source,
    rows: p.recordCount,
    unitsCreated: p.newUnits.length,
    staffCreated: p.newStaff.length,
    staffUpdated: p.changedStaff.length,
    unchanged: p.unchanged,
    loginsCreated,
    loginsLinked: p.logins.length - loginsCreated,
    managersChanged: p.managers.length,
    fingerprint: p.fingerprint,
  })
  for (let i = 0; i < audits.length; i += CHUNK) await tx.auditLog.createMany({ data: audits.slice(i, i + CHUNK) })
  // Written past audit(), so the cached read models are told here.
  await dataChanged()
  return {
    unitsCreated: p.newUnits.length,
    staffCreated: p.newStaff.length,
    staffUpdated: p.changedStaff.length,
    loginsCreated,
    loginsLinked: p.logins.length - loginsCreated,
    managersChanged: p.managers.length,
  }
}
