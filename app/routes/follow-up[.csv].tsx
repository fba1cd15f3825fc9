import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFixedT, isLocale } from '~/i18n'
import { followUpCsv } from '~/models/follow-up-csv'
import { getFollowUp, parsePeriod } from '~/models/follow-up.server'
import { requireRole, toResponse } from '~/utils/auth.server'
import { csvResponse, swedishCsv } from '~/utils/csv.server'
import { searchParam } from '~/utils/forms.server'
import { isoWeekId } from '~/utils/weeks'

// The same figures as the follow-up page and GraphQL `followUp` (app/models/follow-up-csv.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'MANAGER', 'CENTRAL')
  const url = new URL(request.url)
  const locale = isLocale(user.locale) ? user.locale : 'sv'
  const data = await Promise.resolve()
    .then(() => getFollowUp(user, parsePeriod({ from: searchParam(url, 'from'), to: searchParam(url, 'to') })))
    .catch(toResponse)
  const { header, rows } = followUpCsv(data, getFixedT(locale), locale)
  return csvResponse(`avlast-uppfoljning-${isoWeekId(data.from)}-${isoWeekId(data.to)}.csv`, swedishCsv(header, rows))
}
