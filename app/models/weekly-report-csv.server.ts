// The weekly report's figures as CSV: the totals, each area with its change
// since last week, and each unit — the same figures as the page and the PDF.
import type { Locale } from '~/i18n'
import { swedishCsv } from '~/utils/csv.server'
import type { WeeklyReport } from './weekly-report.server'

type Translate = (key: string, options?: Record<string, unknown>) => string

export function weeklyReportCsv(report: WeeklyReport, locale: Locale, t: Translate) {
  const pct = (v: number | null) => (v === null ? null : v * 100)
  const header = [
    t('workload.report.csv.level'),
    t('situation.unit'),
    t('situation.area'),
    t('workload.report.cases'),
    t('workload.report.points'),
    t('workload.report.reasonable'),
    t('workload.report.loadPercent'),
    t('workload.report.loadWithLoansPercent'),
    t('situation.lentNow'),
    t('situation.receivedNow'),
    t('workload.report.pointsChange'),
    t('workload.report.loadChangePercent'),
    t('workload.report.stale'),
  ]
  const areaName = new Map(report.figures.areas.map((a) => [a.id, locale === 'en' ? a.nameEn : a.nameSv]))
  const totals = report.figures.totals
  const rows: (string | number | null)[][] = [
    [t('workload.report.total'), null, null, totals.openCases, totals.points, totals.reasonablePoints, pct(totals.load), pct(totals.loadWithLoans), totals.lentFte, totals.receivedFte, report.change.totals?.points ?? null, pct(report.change.totals?.load ?? null), totals.staleUnits],
    ...report.figures.areas.map((a) => {
      const change = report.change.areas[a.id]
      return [t('situation.area'), null, areaName.get(a.id)!, a.openCases, a.points, a.reasonablePoints, pct(a.load), pct(a.loadWithLoans), a.lentFte, a.receivedFte, change?.points ?? null, pct(change?.load ?? null), a.staleUnits]
    }),
    ...report.figures.units.map((u) => [t('situation.unit'), u.name, areaName.get(u.areaId) ?? null, u.openCases, u.points, u.reasonablePoints, pct(u.load), pct(u.loadWithLoans), u.lentFte, u.receivedFte, null, null, u.stale ? t('common.yes') : t('common.no')]),
  ]
  if (report.comment) rows.push([t('workload.report.comment'), report.comment, null, null, null, null, null, null, null, null, null, null, null])
  const week = [t('workload.report.csv.week'), report.weekId, ...new Array(header.length - 2).fill(null)]
  return swedishCsv(header, [week, ...rows])
}
