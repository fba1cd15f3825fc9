import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFollowUp, parsePeriod } from '~/models/follow-up.server'
import { getFixedT, isLocale } from '~/i18n'
import { requireRole, toResponse } from '~/utils/auth.server'
import { csvResponse, swedishCsv } from '~/utils/csv.server'
import { searchParam } from '~/utils/forms.server'
import { isoWeekId } from '~/utils/weeks'

// The same figures as the follow-up page: totals, areas, units, pressure week by week, and (central) weeks lent per person.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'MANAGER', 'CENTRAL')
  const url = new URL(request.url)
  const locale = isLocale(user.locale) ? user.locale : 'sv'
  const t = getFixedT(locale)
  const data = await Promise.resolve()
    .then(() => getFollowUp(user, parsePeriod({ from: searchParam(url, 'from'), to: searchParam(url, 'to') })))
    .catch(toResponse)
  const keys = ['lentFteWeeks', 'receivedFteWeeks', 'requestedFteWeeks', 'coveredFteWeeks', 'unmetFteWeeks', 'filled', 'partlyFilled', 'unfilled'] as const
  const header = [t('workload.followUp.csv.section'), t('workload.followUp.name'), ...keys.map((k) => t(`workload.followUp.${k}`)), t('workload.followUp.medianDays'), t('workload.followUp.weeksLent')]
  const blank = (n: number) => new Array(n).fill(null)
  const flow = (section: string, name: string, f: Record<(typeof keys)[number], number>) => [section, name, ...keys.map((k) => f[k]), null, null]
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10)
  const rows: (string | number | null)[][] = [
    [t('workload.followUp.csv.period'), `${isoWeekId(data.from)}–${isoWeekId(data.to)}`, ...blank(keys.length + 2)],
    [...flow(t('workload.followUp.totals'), '', data.totals).slice(0, -2), data.totals.daysToFirstApproval.median, null],
    ...data.areas.map((a) => flow(t('situation.area'), locale === 'en' ? a.nameEn : a.nameSv, a)),
    ...data.units.map((u) => flow(t('situation.unit'), u.name, u)),
    ...data.pressure.map((w) => [t('workload.followUp.csv.pressure'), isoWeekId(w.week), `${t('followUp.loadWithout')} ${pct(w.without) ?? '–'} %`, `${t('followUp.loadWith')} ${pct(w.with) ?? '–'} %`, ...blank(keys.length)]),
    ...(data.perPerson ?? []).map((p) => [t('workload.followUp.perPerson'), `${p.firstName} ${p.lastName}`, p.fteWeeks, ...blank(keys.length), p.weeksLent]),
  ]
  return csvResponse(`avlast-uppfoljning-${isoWeekId(data.from)}-${isoWeekId(data.to)}.csv`, swedishCsv(header, rows))
}
