// `npm run import:hr -- --file FILE [--dry-run]`: the HR import for scripted
// (nightly) runs. Prints the preview; exits 2 with line-numbered errors and
// writes nothing when a row is bad; otherwise applies it in one transaction
// as the system actor `system:import-hr` (recorded in the audit log).
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { getDatabaseUrl } from '../app/utils/database-url'
import { ensureClientFor } from './lib/prisma-cli'

const { values } = parseArgs({
  options: { file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, locale: { type: 'string', default: 'sv' } },
})
if (!values.file) {
  console.error('Usage: npm run import:hr -- --file FILE [--dry-run] [--locale sv|en]')
  process.exit(64)
}
if (!fs.existsSync(values.file)) {
  console.error(`No such file: ${values.file}`)
  process.exit(66)
}

ensureClientFor(getDatabaseUrl())
// Loaded after the client is generated for this database.
const { getFixedT } = await import('../app/i18n')
const { formatFteCell, HR_HEADERS } = await import('../app/models/hr-columns')
const { applyHrImport, previewHrImport, HR_IMPORT_SYSTEM_ACTOR } = await import('../app/models/hr-import.server')
const { prisma } = await import('../app/utils/db.server')
type Preview = Awaited<ReturnType<typeof previewHrImport>>

const t = getFixedT(values.locale === 'en' ? 'en' : 'sv')
const csv = new TextDecoder('utf-8').decode(fs.readFileSync(values.file))

function summary(p: Preview) {
  const staff = t('ops.import.summary', {
    rows: p.recordCount,
    newStaff: p.newStaff.length,
    changed: p.changedStaff.length,
    unchanged: p.unchanged,
    newUnits: p.newUnits.length,
  })
  return p.logins.length + p.managers.length ? `${staff} ${t('ops.import.accountsSummary', { logins: p.logins.length, managers: p.managers.length })}` : staff
}

function issueLine(issue: Preview['errors'][number]) {
  const where = issue.column
    ? `${t('ops.import.line').toLowerCase()} ${issue.line} (${HR_HEADERS[issue.column]})`
    : `${t('ops.import.line').toLowerCase()} ${issue.line}`
  return `  ${where}: ${t(issue.message, issue.values)}`
}

function show(field: string, value: string | number | boolean | null) {
  if (value === null) return '–'
  if (typeof value === 'boolean') return value ? t('ops.import.yes') : t('ops.import.no')
  return field === 'fte' && typeof value === 'number' ? formatFteCell(value) : String(value)
}

function printChanges(p: Preview) {
  for (const u of p.newUnits) console.log(`  + ${t('ops.import.fields.unit').toLowerCase()} ${u.code} "${u.name}" (${u.areaKey})`)
  for (const s of p.newStaff) console.log(`  + ${s.email} ${s.firstName} ${s.lastName}, ${s.unitCode}`)
  for (const s of p.changedStaff) {
    const changes = s.changes.map(
      (c) => `${c.field === 'skill' ? c.key : t(`ops.import.fields.${c.field}`)}: ${show(c.field, c.from)} → ${show(c.field, c.to)}`,
    )
    console.log(`  ~ ${s.email}: ${changes.join('; ')}`)
  }
  const units = (codes: string[]) => (codes.length ? codes.join('|') : t('ops.import.managerNone'))
  for (const l of p.logins) {
    console.log(
      `  + ${t('ops.import.loginEmail').toLowerCase()} ${l.email} (${t(`roles.${l.role}`)}): ${t(l.action === 'create' ? 'ops.import.loginCreate' : 'ops.import.loginLink').toLowerCase()}, ${l.staffEmail}`,
    )
  }
  for (const m of p.managers)
    console.log(`  ~ ${m.email}: ${t('ops.columns.managerOf').toLowerCase()} ${units(m.from)} → ${units(m.to)} (${t(`roles.${m.roleTo}`)})`)
}

let exitCode = 0
try {
  const preview = await previewHrImport(HR_IMPORT_SYSTEM_ACTOR, csv)
  console.log(summary(preview))
  for (const w of preview.warnings) console.log(issueLine(w))
  if (preview.errors.length) {
    console.error(t('ops.import.errorsHeading', { count: preview.errors.length }))
    for (const e of preview.errors) console.error(issueLine(e))
    console.error(t('ops.import.hasErrors'))
    exitCode = 2
  } else if (values['dry-run']) {
    printChanges(preview)
  } else {
    // Applied from a fresh diff inside the transaction: what it prints is what it did.
    const result = await applyHrImport(HR_IMPORT_SYSTEM_ACTOR, csv, { source: 'cli' })
    printChanges(result.preview)
    const accounts = result.loginsCreated + result.loginsLinked + result.managersChanged > 0
    console.log(
      t(accounts ? 'ops.import.appliedWithAccounts' : 'ops.import.applied', {
        created: result.staffCreated,
        updated: result.staffUpdated,
        units: result.unitsCreated,
        loginsCreated: result.loginsCreated,
        loginsLinked: result.loginsLinked,
        managers: result.managersChanged,
      }),
    )
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(message.startsWith('ops.') ? t(message) : message)
  exitCode = 1
} finally {
  await prisma.$disconnect()
}
process.exit(exitCode)
