// A loan's weeks in words, against its request's: "v. 50–52 av behovets
// v. 50–5; personen är ledig v. 1–2". Shared by the matching page and the
// explanation.
import type { TFunction } from 'i18next'
import type { PeriodExplanation } from '~/engine'
import { formatWeek } from '~/utils/format'
import { addWeeks } from '~/utils/weeks'

/** Horizon week indexes as runs of ISO weeks: "1–2, 5". */
export function weekRuns(horizonStart: Date, weeks: readonly number[]) {
  const label = (i: number) => formatWeek(addWeeks(horizonStart, i))
  const runs: string[] = []
  const sorted = [...weeks].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    runs.push(i === j ? label(sorted[i]) : `${label(sorted[i])}–${label(sorted[j])}`)
    i = j + 1
  }
  return runs.join(', ')
}

/** The loan covers only part of its request's period. */
export const isPartial = (p: PeriodExplanation) => p.startWeek > p.requestStartWeek || p.endWeek < p.requestEndWeek

/**
 * The sentence: the loan's weeks of the request's, and why the others are
 * left out. The request's weeks are its own when given (a request begun
 * before this week reaches the engine from this week on).
 */
export function periodText(t: TFunction, horizonStart: Date, p: PeriodExplanation, requestWeeks?: { startWeek: Date | string; endWeek: Date | string }) {
  const span = (a: number, b: number) => weekRuns(horizonStart, Array.from({ length: b - a + 1 }, (_, k) => a + k))
  const request = requestWeeks ? `${formatWeek(requestWeeks.startWeek)}–${formatWeek(requestWeeks.endWeek)}` : span(p.requestStartWeek, p.requestEndWeek)
  const head = t('explain.weeksOf', { loan: span(p.startWeek, p.endWeek), request })
  const outside = (weeks: readonly number[]) => weeks.filter((w) => w < p.startWeek || w > p.endWeek)
  const reasons: string[] = []
  const away = outside(p.awayWeeks)
  if (away.length) reasons.push(t('explain.weeksAway', { weeks: weekRuns(horizonStart, away) }))
  const committed = outside(p.committedWeeks)
  if (committed.length) reasons.push(t('explain.weeksCommitted', { weeks: weekRuns(horizonStart, committed) }))
  if (p.recoveryWeeks.length) reasons.push(t('explain.weeksRecovery', { weeks: weekRuns(horizonStart, p.recoveryWeeks) }))
  if (p.coveredByOthersWeeks.length) reasons.push(t('explain.weeksCovered', { weeks: weekRuns(horizonStart, p.coveredByOthersWeeks) }))
  if (!reasons.length) reasons.push(t('explain.weeksNoGain'))
  return `${head}; ${reasons.join('; ')}`
}
