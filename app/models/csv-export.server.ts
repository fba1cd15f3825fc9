// CSV exports for central: staff (in the HR import format, so a file can go
// out and come back unchanged), held skills, and loans. Semicolons, a BOM and
// CRLF line ends, as Swedish Excel expects.
import { stringify } from 'csv-stringify/sync'
import { prisma } from '~/utils/db.server'
import { assertRole, type Actor } from '~/utils/permissions'
import { isoWeekId, toYmd } from '~/utils/weeks'
import { audit } from './audit.server'
import { notErased } from './gdpr.server'
import { csvSafe } from '~/utils/csv.server'
import { formatFteCell, formatSkillsCell, formatUnitCodesCell, HR_COLUMNS, HR_HEADERS } from './hr-columns'

export const EXPORT_KINDS = ['staff', 'skills', 'loans'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export function isExportKind(value: unknown): value is ExportKind {
  return typeof value === 'string' && (EXPORT_KINDS as readonly string[]).includes(value)
}

type Cell = string | number | null

function toCsv(header: string[], rows: Cell[][]) {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? csvSafe(cell) : cell)))
  return `\uFEFF${stringify([header, ...safe], { delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]|^\s|\s$/ })}`
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nej')
const ymd = (date: Date | null) => (date ? toYmd(date) : null)

async function staffCsv() {
  const staff = await prisma.staff.findMany({
    where: notErased,
    orderBy: [{ unit: { code: 'asc' } }, { lastName: 'asc' }, { firstName: 'asc' }, { email: 'asc' }],
    select: {
      firstName: true,
      lastName: true,
      email: true,
      title: true,
      fte10: true,
      caseload: true,
      hireDate: true,
      lendingConsent: true,
      active: true,
      unit: { select: { code: true, name: true, area: { select: { nameSv: true } } } },
      skills: { select: { level: true, skill: { select: { key: true } } } },
      user: { select: { email: true, role: true, managedUnits: { select: { unit: { select: { code: true } } } } } },
    },
  })
  const rows = staff.map((s) => {
    const values: Record<(typeof HR_COLUMNS)[number], Cell> = {
      firstName: s.firstName,
      lastName: s.lastName,
      email: s.email,
      title: s.title,
      unitName: s.unit.name,
      unitCode: s.unit.code,
      area: s.unit.area.nameSv,
      fte: formatFteCell(s.fte10),
      caseload: s.caseload,
      hireDate: toYmd(s.hireDate),
      lendingConsent: yesNo(s.lendingConsent),
      skills: formatSkillsCell(s.skills.map((k) => ({ key: k.skill.key, level: k.level }))),
      active: yesNo(s.active),
      login: s.user?.email ?? null,
      // Empty, not "nej", for everyone else: reading the file back leaves accounts as they are.
      managerOf: s.user?.role === 'MANAGER' ? formatUnitCodesCell(s.user.managedUnits.map((m) => m.unit.code)) : null,
    }
    return HR_COLUMNS.map((c) => values[c])
  })
  return {
    csv: toCsv(
      HR_COLUMNS.map((c) => HR_HEADERS[c]),
      rows,
    ),
    rows: rows.length,
  }
}

async function skillsCsv() {
  const held = await prisma.staffSkill.findMany({
    orderBy: [{ staff: { email: 'asc' } }, { skill: { key: 'asc' } }],
    select: {
      level: true,
      evidence: true,
      validUntil: true,
      verifiedAt: true,
      staff: { select: { email: true, firstName: true, lastName: true, unit: { select: { code: true } } } },
      skill: { select: { key: true, nameSv: true, category: true } },
    },
  })
  const header = ['E-post', 'Förnamn', 'Efternamn', 'Enhetskod', 'Kompetens', 'Kompetensnamn', 'Kategori', 'Nivå', 'Underlag', 'Giltig till', 'Verifierad']
  const rows = held.map((h) => [
    h.staff.email,
    h.staff.firstName,
    h.staff.lastName,
    h.staff.unit.code,
    h.skill.key,
    h.skill.nameSv,
    h.skill.category,
    h.level,
    h.evidence,
    ymd(h.validUntil),
    ymd(h.verifiedAt),
  ])
  return { csv: toCsv(header, rows), rows: rows.length }
}

async function loansCsv() {
  const loans = await prisma.loan.findMany({
    orderBy: [{ startWeek: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      status: true,
      fte10: true,
      startWeek: true,
      endWeek: true,
      decidedAt: true,
      note: true,
      createdAt: true,
      requestId: true,
      staff: { select: { email: true, firstName: true, lastName: true, unit: { select: { code: true, name: true } } } },
      request: { select: { unit: { select: { code: true, name: true } } } },
    },
  })
  const header = [
    'Lån-id',
    'Status',
    'E-post',
    'Förnamn',
    'Efternamn',
    'Utlånande enhetskod',
    'Utlånande enhet',
    'Mottagande enhetskod',
    'Mottagande enhet',
    'Behov-id',
    'Omfattning',
    'Första vecka',
    'Sista vecka',
    'Skapat',
    'Beslutat',
    'Anteckning',
  ]
  const rows = loans.map((l) => [
    l.id,
    l.status,
    l.staff.email,
    l.staff.firstName,
    l.staff.lastName,
    l.staff.unit.code,
    l.staff.unit.name,
    l.request.unit.code,
    l.request.unit.name,
    l.requestId,
    formatFteCell(l.fte10),
    isoWeekId(l.startWeek),
    isoWeekId(l.endWeek),
    ymd(l.createdAt),
    ymd(l.decidedAt),
    l.note,
  ])
  return { csv: toCsv(header, rows), rows: rows.length }
}

/** The CSV text of one export; the export itself is recorded in the audit log. */
export async function exportCsv(actor: Actor, kind: ExportKind): Promise<string> {
  assertRole(actor, 'CENTRAL')
  const { csv, rows } = await (kind === 'staff' ? staffCsv() : kind === 'skills' ? skillsCsv() : loansCsv())
  await prisma.$transaction((tx) => audit(tx, actor, { action: 'export.csv', entity: 'Export', entityId: kind, after: { kind, rows } }))
  return csv
}

export function exportFileName(kind: ExportKind, now = new Date()) {
  return `avlast-${kind}-${toYmd(now)}.csv`
}
