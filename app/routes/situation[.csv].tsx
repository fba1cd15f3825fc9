import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFixedT, isLocale } from '~/i18n'
import { getSituation } from '~/models/units.server'
import { requireUser } from '~/utils/auth.server'
import { csvResponse, swedishCsv } from '~/utils/csv.server'
import { toYmd, today } from '~/utils/weeks'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const rows = await getSituation(user)
  const locale = isLocale(user.locale) ? user.locale : 'sv'
  const t = getFixedT(locale)
  const header = [t('situation.unit'), t('situation.area'), t('unit.openCases'), t('unit.casesPerFte'), t('unit.staffFte'), t('situation.loadNowPercent'), t('situation.lentNow'), t('situation.receivedNow'), t('situation.openRequests')]
  const body = rows.map((r) => [
    r.name,
    locale === 'en' ? r.areaName.en : r.areaName.sv,
    r.openCases,
    r.casesPerFte,
    r.staffFte,
    r.loadWithLoans === null ? null : r.loadWithLoans * 100,
    r.lentNow,
    r.receivedNow,
    r.openRequests,
  ])
  return csvResponse(`avlast-lagesbild-${toYmd(today())}.csv`, swedishCsv(header, body))
}
