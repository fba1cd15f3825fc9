import { stringify } from 'csv-stringify/sync'

/**
 * CSV the way Swedish spreadsheet programs open it: UTF-8 with BOM,
 * semicolons between fields and decimal commas.
 */
export function swedishCsv(header: string[], rows: (string | number | null)[][]) {
  const cell = (v: string | number | null) => (typeof v === 'number' ? String(Math.round(v * 100) / 100).replace('.', ',') : (v ?? ''))
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(cell))], { delimiter: ';', record_delimiter: '\r\n' })}`
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
