import { stringify } from 'csv-stringify/sync'

// Spreadsheet programs run cells that start with these as formulas
// (=HYPERLINK(…), +, -, @, a tab or CR). Every CSV Avlast writes prefixes such
// cells with an apostrophe; the HR import removes it again.
export const FORMULA_START = /^[=+\-@\t\r]/

export function csvSafe(value: string) {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/**
 * CSV the way Swedish spreadsheet programs open it: UTF-8 with BOM,
 * semicolons between fields and decimal commas. Text cells are formula-safe.
 */
export function swedishCsv(header: string[], rows: (string | number | null)[][]) {
  const cell = (v: string | number | null) => (typeof v === 'number' ? String(Math.round(v * 100) / 100).replace('.', ',') : csvSafe(v ?? ''))
  return `\uFEFF${stringify([header.map(csvSafe), ...rows.map((r) => r.map(cell))], { delimiter: ';', record_delimiter: '\r\n' })}`
}

export function csvResponse(filename: string, body: string) {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}
