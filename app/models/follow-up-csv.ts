// The follow-up as CSV rows: the same figures as the page and GraphQL
// `followUp`, one row per part (the period, the totals with the time to a
// first approved loan, each area and unit, pressure week by week for the
// municipality, each area and each unit, and for central weeks lent per
// person). Figures are numbers, never text, so a spreadsheet can sum them.
import type { TFunction } from 'i18next'
import type { Locale } from '~/i18n'
import { isoWeekId } from '~/utils/weeks'
import type { FollowUp, PressureWeek } from './follow-up.server'

export const FLOW_KEYS = ['lentFteWeeks', 'receivedFteWeeks', 'requestedFteWeeks', 'coveredFteWeeks', 'unmetFteWeeks', 'filled', 'partlyFilled', 'unfilled'] as const
type Cell = string | number | null

/** Load as a percentage with one decimal, as the page shows it. */
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10)
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)

export function followUpCsv(data: FollowUp, t: TFunction, locale: Locale): { header: string[]; rows: Cell[][] } {
  const header = [
    t('workload.followUp.csv.section'),
    t('workload.followUp.name'),
    t('workload.followUp.csv.week'),
    ...FLOW_KEYS.map((k) => t(`workload.followUp.${k}`)),
    t('workload.followUp.csv.medianDays'),
    t('workload.followUp.csv.meanDays'),
    t('workload.followUp.csv.waitedRequests'),
    t('workload.followUp.csv.pressureWithout'),
    t('workload.followUp.csv.pressureWith'),
    t('workload.followUp.weeksLent'),
  ]
  const row = (section: string, name: string, week: string | null, rest: { flow?: Record<(typeof FLOW_KEYS)[number], number>; waits?: FollowUp['totals']['daysToFirstApproval']; pressure?: PressureWeek; weeksLent?: number; fteWeeks?: number }): Cell[] => [
    section,
    name,
    week,
    ...FLOW_KEYS.map((k, i) => (rest.flow ? rest.flow[k] : i === 0 && rest.fteWeeks !== undefined ? rest.fteWeeks : null)),
    rest.waits ? round1(rest.waits.median) : null,
    rest.waits ? round1(rest.waits.mean) : null,
    rest.waits ? rest.waits.requests : null,
    rest.pressure ? percent(rest.pressure.without) : null,
    rest.pressure ? percent(rest.pressure.with) : null,
    rest.weeksLent ?? null,
  ]
  const area = t('situation.area')
  const unit = t('situation.unit')
  const pressure = t('workload.followUp.csv.pressure')
  const weekly = (name: string, weeks: PressureWeek[]) => weeks.map((w) => row(pressure, name, isoWeekId(w.week), { pressure: w }))
  const areaName = (a: FollowUp['areas'][number]) => (locale === 'en' ? a.nameEn : a.nameSv)
  return {
    header,
    rows: [
      row(t('workload.followUp.csv.period'), `${isoWeekId(data.from)}–${isoWeekId(data.to)}`, null, {}),
      row(t('workload.followUp.totals'), t('workload.followUp.csv.municipality'), null, { flow: data.totals, waits: data.totals.daysToFirstApproval }),
      ...data.areas.map((a) => row(area, areaName(a), null, { flow: a })),
      ...data.units.map((u) => row(unit, u.name, null, { flow: u })),
      ...weekly(t('workload.followUp.csv.municipality'), data.pressure),
      ...data.areas.flatMap((a) => weekly(`${area}: ${areaName(a)}`, a.pressure)),
      ...data.units.flatMap((u) => weekly(`${unit}: ${u.name}`, u.pressure)),
      ...(data.perPerson ?? []).map((p) => row(t('workload.followUp.perPerson'), `${p.firstName} ${p.lastName}`, null, { fteWeeks: p.fteWeeks, weeksLent: p.weeksLent })),
    ],
  }
}
