// The HR file format (docs/operations.md): parsing and row validation only,
// no database. Every message is an i18n key under `ops.import.errors` or
// `ops.import.warnings`, with the values it interpolates. Server-only:
// csv-parse needs Node's Buffer; the import page takes its columns and cell
// formats from hr-columns.ts.
import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { FORMULA_START } from '~/utils/csv.server'
import { formatFteCell, HR_COLUMNS, HR_HEADERS, type HrColumn, type HrSkill, type ImportIssue } from './hr-columns'

export { csvSafe } from '~/utils/csv.server'
export { formatFteCell, formatSkillsCell, HR_COLUMNS, HR_HEADERS, type HrColumn, type HrSkill, type ImportIssue } from './hr-columns'

const ALIASES: Record<HrColumn, string[]> = {
  firstName: ['fornamn', 'first name', 'firstname', 'given name'],
  lastName: ['last name', 'lastname', 'surname', 'family name'],
  email: ['epost', 'e-postadress', 'epostadress', 'e-mail', 'email', 'mejl', 'mejladress'],
  title: ['titel', 'yrkestitel', 'title', 'job title'],
  unitName: ['enhetsnamn', 'unit', 'unit name'],
  unitCode: ['enhets-kod', 'enhet kod', 'enhetsid', 'enhets-id', 'unit code', 'unit id'],
  area: ['verksamhetsområde', 'omrade', 'area'],
  fte: ['sysselsättningsgrad', 'omfattning', 'fte', 'employment rate'],
  caseload: ['antal ärenden', 'aktuella ärenden', 'arenden', 'caseload', 'cases'],
  hireDate: ['anställd från', 'anstallningsdatum', 'hire date', 'start date'],
  lendingConsent: ['samtycke', 'samtycke utlån', 'lending consent', 'consent'],
  skills: ['kompetens', 'skills'],
  active: ['active'],
  login: ['e-post för inloggning', 'inloggning (e-post)', 'användarkonto', 'konto', 'login', 'login e-mail', 'login email', 'account'],
  managerOf: ['chef för enheter', 'chef för enhet', 'chefsuppdrag', 'enhetschef för', 'manager of', 'manages'],
}

const REQUIRED: readonly HrColumn[] = ['firstName', 'lastName', 'email', 'title', 'unitCode', 'fte', 'hireDate']

export const MAX_ROWS = 50_000
export const SKILL_LEVELS = { min: 1, max: 4 } as const

/** One valid row. `null` means "the cell was empty: keep what Avlast has" (defaults for new staff). */
export type HrRow = {
  line: number
  firstName: string
  lastName: string
  email: string
  title: string
  unitCode: string
  unitName: string | null
  area: string | null
  fte10: number
  caseload: number | null
  hireDate: Date
  lendingConsent: boolean | null
  skills: HrSkill[] | null
  active: boolean | null
  /** The e-mail of this person's login (created or linked); `null` leaves their login as it is. */
  login: string | null
  /** Unit codes this person is manager of, exactly; `[]` (`nej`) ends their manager role; `null` leaves it. */
  managerOf: string[] | null
}

export type ParsedHrFile = {
  delimiter: ';' | ','
  rows: HrRow[]
  /** File problems and bad rows, one per line, in line order. Nothing may be applied while there are any. */
  errors: ImportIssue[]
  /** Things applied differently from what the file says (rounded FTE), and columns not imported. */
  warnings: ImportIssue[]
  /** Data rows in the file, valid or not. */
  recordCount: number
}

function normalizeHeader(value: string) {
  return value
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .replace(/[*:]+$/, '')
    .trim()
    .toLowerCase()
}

const HEADER_LOOKUP = new Map<string, HrColumn>(
  HR_COLUMNS.flatMap((column) => [normalizeHeader(HR_HEADERS[column]), ...ALIASES[column].map(normalizeHeader)].map((h) => [h, column] as const)),
)

/** `;` or `,`: whichever the header line uses more, outside quotes (`;` on a tie, as Swedish Excel writes). */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const ch of text.replace(/^\s+/, '')) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '\n') break
    else if (!quoted && ch === ';') semicolons++
    else if (!quoted && ch === ',') commas++
  }
  return commas > semicolons ? ',' : ';'
}

function unescapeCell(value: string) {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

type Check<T> = { value: T } | { error: string; values?: Record<string, string | number> }
const ok = <T>(value: T): Check<T> => ({ value })
const fail = (error: string, values?: Record<string, string | number>): Check<never> => ({ error: `ops.import.errors.${error}`, values })
const shown = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)

const hasControlChars = (value: string) => [...value].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)

function text(raw: string, max: number): Check<string> {
  const value = raw.trim()
  if (!value) return fail('required')
  if (value.length > max) return fail('tooLong', { max })
  if (hasControlChars(value)) return fail('controlChars')
  return ok(value)
}

function optionalText(raw: string, max: number): Check<string | null> {
  return raw.trim() === '' ? ok(null) : text(raw, max)
}

const EmailSchema = z.string().email()

export function parseEmail(raw: string): Check<string> {
  const value = raw.trim().toLowerCase()
  if (!value) return fail('required')
  if (value.length > 254 || !EmailSchema.safeParse(value).success) return fail('emailInvalid', { value: shown(raw.trim()) })
  return ok(value)
}

const UNIT_CODE = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,39}$/u

function parseUnitCode(raw: string): Check<string> {
  const value = raw.trim()
  if (!value) return fail('required')
  return UNIT_CODE.test(value) ? ok(value) : fail('unitCodeInvalid', { value: shown(value) })
}

/**
 * Working time as whole tenths of full time: `0,8`, `0.8`, `80 %`, `80%` or
 * `80` (a number above 1 without a sign is read as a percentage). Between
 * tenths it is rounded down, with a warning.
 */
export function parseFte(raw: string): Check<{ fte10: number; rounded: boolean }> {
  const value = raw.replace(/[\u00a0\u202f]/g, ' ').trim()
  if (!value) return fail('required')
  const m = /^(\d{1,3}(?:[.,]\d{1,4})?)\s*(%?)$/.exec(value)
  if (!m) return fail('fteInvalid', { value: shown(value) })
  const n = Number(m[1].replace(',', '.'))
  const fraction = m[2] === '%' || n > 1 ? n / 100 : n
  if (n > 100 || fraction <= 0 || fraction > 1) return fail('fteRange', { value: shown(value) })
  const exact = fraction * 10
  const fte10 = Math.floor(exact + 1e-9)
  if (fte10 < 1) return fail('fteRange', { value: shown(value) })
  return ok({ fte10, rounded: Math.abs(exact - fte10) > 1e-9 })
}

function parseCaseload(raw: string): Check<number | null> {
  const value = raw.trim()
  if (!value) return ok(null)
  if (!/^\d{1,6}$/.test(value) || Number(value) > 100_000) return fail('caseloadInvalid', { value: shown(value) })
  return ok(Number(value))
}

const DAY_MS = 86_400_000

export function parseHireDate(raw: string, today: Date): Check<Date> {
  const value = raw.trim()
  if (!value) return fail('required')
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(value)
  const date = m ? new Date(`${m[1]}T00:00:00.000Z`) : null
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[1]) {
    return fail('dateInvalid', { value: shown(value) })
  }
  if (date.getUTCFullYear() < 1950 || date.getTime() > today.getTime() + 366 * DAY_MS) return fail('dateRange', { value: m[1] })
  return ok(date)
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x'])
const NO = new Set(['nej', 'n', 'no', 'false', 'falskt', '0'])

export function parseYesNo(raw: string): Check<boolean | null> {
  const value = raw.trim().toLowerCase()
  if (!value) return ok(null)
  if (YES.has(value)) return ok(true)
  if (NO.has(value)) return ok(false)
  return fail('yesNoInvalid', { value: shown(raw.trim()) })
}

const SKILL_KEY = /^[a-z0-9][a-z0-9-]{1,40}$/

/** `bbic:3|mi:2` (also `bbic=3`, spaces allowed): skill keys of the taxonomy and levels 1–4. */
export function parseSkills(raw: string): Check<HrSkill[] | null> {
  if (!raw.trim()) return ok(null)
  const skills: HrSkill[] = []
  for (const part of raw.split('|')) {
    const item = part.trim()
    if (!item) continue
    const m = /^([^:=\s]+)\s*[:=]\s*(\S+)$/.exec(item)
    if (!m) return fail('skillSyntax', { value: shown(item) })
    const key = m[1].toLowerCase()
    if (!SKILL_KEY.test(key)) return fail('skillSyntax', { value: shown(item) })
    const level = /^\d$/.test(m[2]) ? Number(m[2]) : NaN
    if (!(level >= SKILL_LEVELS.min && level <= SKILL_LEVELS.max)) return fail('skillLevel', { value: shown(item) })
    if (skills.some((s) => s.key === key)) return fail('skillDuplicate', { key })
    skills.push({ key, level })
  }
  return ok(skills)
}

/** `ja` (a login with the row's e-mail), `nej` or empty (leave it), or the login's own e-mail when it differs (an SSO account name). */
export function parseLogin(raw: string, rowEmail: string): Check<string | null> {
  const value = raw.trim()
  if (!value) return ok(null)
  const yesNo = parseYesNo(value)
  if ('value' in yesNo) return ok(yesNo.value ? rowEmail : null)
  const email = parseEmail(value)
  return 'value' in email ? email : fail('loginInvalid', { value: shown(value) })
}

/** `bou-norr|bou-syd`: the units this person manages; `nej` for none; empty leaves it. */
export function parseManagerOf(raw: string): Check<string[] | null> {
  const value = raw.trim()
  if (!value) return ok(null)
  if (NO.has(value.toLowerCase())) return ok([])
  const codes = new Map<string, string>()
  for (const part of value.split('|')) {
    const code = part.trim()
    if (!code) continue
    if (!UNIT_CODE.test(code)) return fail('managerOfInvalid', { value: shown(code) })
    if (!codes.has(code.toLowerCase())) codes.set(code.toLowerCase(), code)
  }
  return codes.size ? ok([...codes.values()]) : fail('managerOfInvalid', { value: shown(value) })
}

function parseRow(line: number, cell: (c: HrColumn) => string, today: Date): { row: HrRow; warnings: ImportIssue[] } | ImportIssue {
  const warnings: ImportIssue[] = []
  // Column order decides which problem a row reports when it has several.
  const values = {} as Record<HrColumn, unknown>
  const checks: { [K in HrColumn]: () => Check<unknown> } = {
    firstName: () => text(cell('firstName'), 100),
    lastName: () => text(cell('lastName'), 100),
    email: () => parseEmail(cell('email')),
    title: () => text(cell('title'), 120),
    unitName: () => optionalText(cell('unitName'), 120),
    unitCode: () => parseUnitCode(cell('unitCode')),
    area: () => optionalText(cell('area'), 120),
    fte: () => parseFte(cell('fte')),
    caseload: () => parseCaseload(cell('caseload')),
    hireDate: () => parseHireDate(cell('hireDate'), today),
    lendingConsent: () => parseYesNo(cell('lendingConsent')),
    skills: () => parseSkills(cell('skills')),
    active: () => parseYesNo(cell('active')),
    login: () => parseLogin(cell('login'), values.email as string),
    managerOf: () => parseManagerOf(cell('managerOf')),
  }
  for (const column of HR_COLUMNS) {
    const result = checks[column]()
    if ('error' in result) return { line, column, message: result.error, values: result.values }
    values[column] = result.value
  }
  const fte = values.fte as { fte10: number; rounded: boolean }
  if (fte.rounded) {
    warnings.push({ line, column: 'fte', message: 'ops.import.warnings.fteRounded', values: { value: cell('fte').trim(), fte: formatFteCell(fte.fte10) } })
  }
  return {
    warnings,
    row: {
      line,
      firstName: values.firstName as string,
      lastName: values.lastName as string,
      email: values.email as string,
      title: values.title as string,
      unitCode: values.unitCode as string,
      unitName: values.unitName as string | null,
      area: values.area as string | null,
      fte10: fte.fte10,
      caseload: values.caseload as number | null,
      hireDate: values.hireDate as Date,
      lendingConsent: values.lendingConsent as boolean | null,
      skills: values.skills as HrSkill[] | null,
      active: values.active as boolean | null,
      login: values.login as string | null,
      managerOf: values.managerOf as string[] | null,
    },
  }
}

type RawRecord = { line: number; cells: string[] } | { line: number; error: string }

function readRecords(text: string, delimiter: string): RawRecord[] {
  const records: RawRecord[] = []
  let previousEnd = 0
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      max_record_size: 100_000,
      on_record: (record: string[], context: { lines: number }) => {
        records.push({ line: previousEnd + 1, cells: record })
        previousEnd = context.lines
        return null
      },
      on_skip: (error: { code?: string; lines?: number } | undefined) => {
        const line = previousEnd + 1
        records.push({ line, error: error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'quoteNotClosed' : 'malformedLine' })
        previousEnd = error?.lines ?? line
      },
    })
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? previousEnd + 1
    records.push({ line, error: 'malformedLine' })
  }
  return records
}

/**
 * Reads an HR file: UTF-8 with or without BOM, `;` or `,` between fields,
 * one header line. Returns the valid rows and one reason for each bad line.
 */
export function parseHrCsv(input: string, options: { today?: Date; maxRows?: number } = {}): ParsedHrFile {
  const today = options.today ?? new Date()
  const maxRows = options.maxRows ?? MAX_ROWS
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const delimiter = detectDelimiter(text)
  const result: ParsedHrFile = { delimiter, rows: [], errors: [], warnings: [], recordCount: 0 }
  if (text.includes('\uFFFD')) {
    result.errors.push({ line: 1, message: 'ops.import.errors.notUtf8' })
    return result
  }
  const records = readRecords(text, delimiter)
  while (records.length && 'cells' in records[0] && records[0].cells.every((c) => !c.trim())) records.shift()
  const header = records.shift()
  if (!header || !('cells' in header) || header.cells.every((c) => !c.trim())) {
    result.errors.push({ line: header?.line ?? 1, message: 'ops.import.errors.empty' })
    return result
  }

  const columnIndex = new Map<HrColumn, number>()
  const ignored: string[] = []
  for (const [i, raw] of header.cells.entries()) {
    const name = normalizeHeader(raw)
    if (!name) continue
    const column = HEADER_LOOKUP.get(name)
    if (!column) {
      ignored.push(raw.trim())
      continue
    }
    if (columnIndex.has(column)) {
      result.errors.push({ line: header.line, column, message: 'ops.import.errors.duplicateHeader', values: { header: raw.trim() } })
      return result
    }
    columnIndex.set(column, i)
  }
  const missing = REQUIRED.filter((c) => !columnIndex.has(c))
  if (missing.length) {
    result.errors.push({
      line: header.line,
      message: 'ops.import.errors.missingHeaders',
      values: { headers: missing.map((c) => HR_HEADERS[c]).join(', ') },
    })
    return result
  }
  for (const name of ignored) result.warnings.push({ line: header.line, message: 'ops.import.warnings.ignoredColumn', values: { header: shown(name) } })

  const width = header.cells.length
  const firstLineOf = new Map<string, number>()
  const loginLineOf = new Map<string, number>()
  for (const record of records) {
    if ('cells' in record && record.cells.every((c) => !c.trim())) continue
    result.recordCount++
    if (result.recordCount > maxRows) {
      result.errors.push({ line: record.line, message: 'ops.import.errors.tooManyRows', values: { max: maxRows } })
      break
    }
    if ('error' in record) {
      result.errors.push({ line: record.line, message: `ops.import.errors.${record.error}` })
      continue
    }
    const { cells, line } = record
    if (cells.length < width || cells.slice(width).some((c) => c.trim())) {
      result.errors.push({ line, message: 'ops.import.errors.fieldCount', values: { expected: width, actual: cells.length } })
      continue
    }
    const cell = (column: HrColumn) => {
      const i = columnIndex.get(column)
      return i === undefined ? '' : unescapeCell(cells[i] ?? '')
    }
    const parsed = parseRow(line, cell, today)
    if (!('row' in parsed)) {
      result.errors.push(parsed)
      continue
    }
    const first = firstLineOf.get(parsed.row.email)
    if (first !== undefined) {
      result.errors.push({ line, column: 'email', message: 'ops.import.errors.duplicateEmail', values: { line: first } })
      continue
    }
    const loginFirst = parsed.row.login ? loginLineOf.get(parsed.row.login) : undefined
    if (loginFirst !== undefined) {
      result.errors.push({ line, column: 'login', message: 'ops.import.errors.duplicateLogin', values: { line: loginFirst } })
      continue
    }
    firstLineOf.set(parsed.row.email, line)
    if (parsed.row.login) loginLineOf.set(parsed.row.login, line)
    result.rows.push(parsed.row)
    result.warnings.push(...parsed.warnings)
  }
  if (result.recordCount === 0 && result.errors.length === 0) {
    result.errors.push({ line: header.line, message: 'ops.import.errors.noRows' })
  }
  return result
}
