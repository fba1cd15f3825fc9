// The weekly PDF's words for the change in load: a difference of two
// percentages is in percentage points, as the CSV's column says, never "%".
import { PDFParse } from 'pdf-parse'
import { describe, expect, test } from 'vitest'
import { getFixedT, type Locale } from '~/i18n'
import { weeklyReportPdf } from './weekly-report-pdf.server'
import type { WeeklyReport } from './weekly-report.server'

const sums = { units: 2, unitsOverCap: 1, staleUnits: 0, openCases: 120, points: 120, reasonablePoints: 100, staffFte: 5, lentFte: 0, receivedFte: 0, overloadFte: 1, load: 1.2, loadWithLoans: 1.2 }

function report(load: number | null): WeeklyReport {
  return {
    week: new Date('2026-11-30T00:00:00Z'),
    weekId: '2026-W49',
    state: 'archived',
    archived: true,
    figures: { week: '2026-W49', totals: { ...sums, openRequests: 1, pendingLoans: 0, upcomingLoans: 0 }, areas: [], units: [] },
    change: { totals: { points: 4, load }, areas: {} },
    trend: { weeks: [], areas: {} },
    comment: null,
    commentedAt: null,
    commentedBy: null,
  } as unknown as WeeklyReport
}

async function pdfText(load: number | null, locale: Locale) {
  const pdf = await weeklyReportPdf(report(load), { municipality: 'Testkommunen', locale, t: getFixedT(locale) })
  const parser = new PDFParse({ data: new Uint8Array(pdf) })
  const { text } = await parser.getText()
  await parser.destroy()
  return text
}

describe('the weekly PDF’s change in load', () => {
  test.each([
    [0.03, 'sv', '120 % (+3 procentenheter)'],
    [-0.012, 'sv', '120 % (-1 procentenhet)'],
    [0.001, 'sv', '120 % (±0 procentenheter)'],
    [0.03, 'en', '120% (+3 percentage points)'],
    [-0.01, 'en', '120% (-1 percentage point)'],
  ] as const)('%s in %s reads “%s”', async (load, locale, expected) => {
    const text = await pdfText(load, locale)
    expect(text).toContain(expected)
  })

  test('no figure from last week is a dash', async () => {
    expect(await pdfText(null, 'sv')).toContain('120 % (–)')
  })
})
