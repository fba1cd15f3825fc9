// The weekly report as a PDF for the nämnd, drawn on the server with pdfkit:
// the municipality's name, the week, the figures per area, a chart of the
// areas' load over the last weeks, and central's comment.
import PDFDocument from 'pdfkit'
import type { Locale } from '~/i18n'
import { formatDateTime, formatLoadChange, formatNumber, formatPercent, formatSigned } from '~/utils/format'
import { now as clockNow } from '~/utils/clock'
import { REPORT_STATE_TEXT } from './report-state'
import type { WeeklyReport } from './weekly-report.server'

type Translate = (key: string, options?: Record<string, unknown>) => string

const COLORS = ['#185a4a', '#b45309', '#1d4ed8', '#7c3aed', '#be123c', '#0f766e', '#4d7c0f', '#a16207']
const MARGIN = 50

type Column = { title: string; width: number; align?: 'left' | 'right' }

export async function weeklyReportPdf(report: WeeklyReport, options: { municipality: string; locale: Locale; t: Translate }): Promise<Buffer> {
  const { t, locale, municipality } = options
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${t('workload.report.title', { week: report.weekId })} – ${municipality}`, Author: 'Avlast' } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v, locale))
  const num = (v: number, digits = 1) => formatNumber(v, locale, digits)
  // The built-in PDF fonts have no U+2212, so a hyphen is the minus sign here.
  const signed = (v: number | null | undefined, format: (x: number) => string) => formatSigned(v, format, { minus: '-' })
  const loadChange = (v: number | null | undefined) => formatLoadChange(t, v, { minus: '-' })
  const name = (a: { nameSv: string; nameEn: string }) => (locale === 'en' ? a.nameEn : a.nameSv)
  const width = doc.page.width - 2 * MARGIN
  const totals = report.figures.totals

  doc.font('Helvetica-Bold').fontSize(18).text(municipality)
  doc.font('Helvetica').fontSize(14).text(t('workload.report.title', { week: report.weekId }))
  doc.fontSize(9).fillColor('#475569').text(report.state === 'live' ? t('workload.report.live', { at: formatDateTime(clockNow(), locale) }) : t(REPORT_STATE_TEXT[report.state]))
  doc.fillColor('#000').moveDown()

  const headline: [string, string][] = [
    [t('workload.report.casesPoints'), t('workload.casesAndPoints', { cases: num(totals.openCases, 0), points: num(totals.points, 0) })],
    [t('workload.report.reasonablePoints'), num(totals.reasonablePoints, 0)],
    [t('workload.report.loadWithLoans'), `${pct(totals.loadWithLoans)} (${loadChange(report.change.totals?.load)})`],
    [t('situation.unitsOverCap'), t('situation.ofUnits', { over: totals.unitsOverCap, total: totals.units })],
    [t('situation.overloadFte'), t('format.fte', { value: num(totals.overloadFte) })],
    [t('situation.lentNow'), t('format.fte', { value: num(totals.lentFte) })],
    [t('situation.openRequests'), String(totals.openRequests)],
    [t('workload.staleUnits'), String(totals.staleUnits)],
  ]
  doc.fontSize(10)
  for (const [label, value] of headline) {
    const y = doc.y
    doc.font('Helvetica').text(label, MARGIN, y, { width: width * 0.55 })
    doc.font('Helvetica-Bold').text(value, MARGIN + width * 0.55, y, { width: width * 0.45 })
  }
  doc.moveDown()

  // Per area: totals and the change since last week. (The standard PDF fonts have no U+2212: a hyphen for minus.)
  doc.font('Helvetica-Bold').fontSize(12).text(t('workload.report.perArea'), MARGIN)
  const columns: Column[] = [
    { title: t('situation.area'), width: 150 },
    { title: t('workload.report.cases'), width: 55, align: 'right' },
    { title: t('workload.report.points'), width: 60, align: 'right' },
    { title: t('workload.report.reasonable'), width: 60, align: 'right' },
    { title: t('workload.report.load'), width: 60, align: 'right' },
    { title: t('workload.report.change'), width: 55, align: 'right' },
    { title: t('workload.report.stale'), width: 55, align: 'right' },
  ]
  const row = (cells: string[], bold = false) => {
    const y = doc.y
    let x = MARGIN
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: columns[i].width - 4, align: columns[i].align ?? 'left' })
      x += columns[i].width
    })
    doc.x = MARGIN
    doc.y = Math.max(doc.y, y + 13)
  }
  row(columns.map((c) => c.title), true)
  for (const a of report.figures.areas) {
    row([name(a), num(a.openCases, 0), num(a.points, 0), num(a.reasonablePoints, 0), pct(a.loadWithLoans), signed(report.change.areas[a.id]?.points, (x) => num(x, 0)), String(a.staleUnits)])
  }
  row([t('workload.report.total'), num(totals.openCases, 0), num(totals.points, 0), num(totals.reasonablePoints, 0), pct(totals.loadWithLoans), signed(report.change.totals?.points, (x) => num(x, 0)), String(totals.staleUnits)], true)
  doc.moveDown()

  drawTrend(doc, report, { title: t('workload.report.trendTitle'), cap: t('chart.cap'), name, width })

  doc.moveDown()
  doc.font('Helvetica-Bold').fontSize(12).text(t('workload.report.comment'), MARGIN)
  doc.font('Helvetica').fontSize(10).text(report.comment ?? t('workload.report.noComment'), MARGIN, doc.y, { width })
  if (report.commentedBy && report.commentedAt) {
    doc.fontSize(8).fillColor('#475569').text(t('workload.report.commentedBy', { name: report.commentedBy, at: formatDateTime(report.commentedAt, locale) }))
  }
  doc.end()
  return done
}

/** Each area's load per week as a line, with the reasonable caseload (100 %) dashed. */
function drawTrend(doc: PDFKit.PDFDocument, report: WeeklyReport, o: { title: string; cap: string; name: (a: { nameSv: string; nameEn: string }) => string; width: number }) {
  doc.font('Helvetica-Bold').fontSize(12).text(o.title, MARGIN)
  const top = doc.y + 6
  const height = 150
  const left = MARGIN + 30
  const plotWidth = o.width - 30
  const series = report.figures.areas.map((a) => report.trend.areas[a.id] ?? [])
  const max = Math.max(1.2, ...series.flat().filter((v): v is number => v !== null)) * 1.05
  const weeks = report.trend.weeks.length
  const x = (i: number) => left + (weeks > 1 ? (i / (weeks - 1)) * plotWidth : 0)
  const y = (v: number) => top + height - (v / max) * height
  doc.lineWidth(0.5).strokeColor('#94a3b8').rect(left, top, plotWidth, height).stroke()
  doc.font('Helvetica').fontSize(7).fillColor('#475569')
  for (const tick of [0, 0.5, 1, 1.5].filter((v) => v <= max)) doc.text(`${Math.round(tick * 100)} %`, MARGIN, y(tick) - 3, { width: 28, align: 'right' })
  doc.strokeColor('#b91c1c').dash(4, { space: 3 }).moveTo(left, y(1)).lineTo(left + plotWidth, y(1)).stroke().undash()
  series.forEach((values, k) => {
    doc.strokeColor(COLORS[k % COLORS.length]).lineWidth(1.5)
    let started = false
    values.forEach((v, i) => {
      if (v === null) return
      if (!started) doc.moveTo(x(i), y(v))
      else doc.lineTo(x(i), y(v))
      started = true
    })
    if (started) doc.stroke()
  })
  doc.fillColor('#475569').fontSize(7)
  report.trend.weeks.forEach((w, i) => {
    if (i % 2 === 0 || i === weeks - 1) doc.text(w.slice(5), x(i) - 14, top + height + 3, { width: 28, align: 'center' })
  })
  let legendY = top + height + 16
  report.figures.areas.forEach((a, k) => {
    doc.rect(MARGIN, legendY + 2, 8, 4).fill(COLORS[k % COLORS.length])
    doc.fillColor('#000').fontSize(8).text(o.name(a), MARGIN + 12, legendY, { width: o.width - 12 })
    legendY += 11
  })
  doc.fillColor('#b91c1c').text(`– – ${o.cap}`, MARGIN, legendY)
  doc.fillColor('#000').lineWidth(1).strokeColor('#000')
  doc.x = MARGIN
}
