// `npm run export:csv -- --kind staff|skills|loans [--output FILE]`: the
// central unit's CSV exports from the command line (stdout without --output).
// Runs as the system actor `system:export-csv`, recorded in the audit log.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { getDatabaseUrl } from '../app/utils/database-url'
import { ensureClientFor } from './lib/prisma-cli'

const { values } = parseArgs({ options: { kind: { type: 'string' }, output: { type: 'string' } } })
const kinds = ['staff', 'skills', 'loans']
if (!values.kind || !kinds.includes(values.kind)) {
  console.error(`Usage: npm run export:csv -- --kind ${kinds.join('|')} [--output FILE]`)
  process.exit(64)
}

ensureClientFor(getDatabaseUrl())
const { exportCsv, isExportKind } = await import('../app/models/csv-export.server')
const { prisma } = await import('../app/utils/db.server')

const actor = { id: 'system:export-csv', email: 'system:export-csv', name: 'CSV export', role: 'CENTRAL', locale: 'sv', staffId: null, managedUnitIds: [] } as const
try {
  if (!isExportKind(values.kind)) throw new Error('unknown kind')
  const csv = await exportCsv(actor, values.kind)
  if (values.output) {
    fs.writeFileSync(`${values.output}.tmp`, csv)
    fs.renameSync(`${values.output}.tmp`, values.output)
    console.error(`Wrote ${csv.split('\r\n').length - 2} rows to ${values.output}`)
  } else {
    process.stdout.write(csv)
  }
} finally {
  await prisma.$disconnect()
}
