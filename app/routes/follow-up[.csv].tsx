import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFollowUp } from '~/models/follow-up.server'
import { getFixedT, isLocale } from '~/i18n'
import { requireRole } from '~/utils/auth.server'
import { csvResponse, swedishCsv } from '~/utils/csv.server'
import { toYmd, today } from '~/utils/weeks'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const data = await getFollowUp(user)
  const t = getFixedT(isLocale(user.locale) ? user.locale : 'sv')
  const header = ['situation.unit', 'followUp.lentPast', 'followUp.receivedPast', 'followUp.lentAhead', 'followUp.receivedAhead', 'followUp.loadWithout', 'followUp.loadWith'].map((k) => t(k))
  const rows = data.rows.map((r) => [r.name, r.lentPast, r.receivedPast, r.lentAhead, r.receivedAhead, r.loadWithoutLoans === null ? null : r.loadWithoutLoans * 100, r.loadWithLoans === null ? null : r.loadWithLoans * 100])
  return csvResponse(`avlast-uppfoljning-${toYmd(today())}.csv`, swedishCsv(header, rows))
}
