import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFixedT, isLocale } from '~/i18n'
import { weeklyReportCsv } from '~/models/weekly-report-csv.server'
import { getWeeklyReport } from '~/models/weekly-report.server'
import { requireUser } from '~/utils/auth.server'
import { downloadRefusal } from '~/utils/download-error.server'
import { csvResponse } from '~/utils/csv.server'
import { idParam } from '~/utils/forms.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = isLocale(user.locale) ? user.locale : 'sv'
  const report = await getWeeklyReport(user, idParam(params, 'week')).catch(downloadRefusal(getFixedT(locale)))
  return csvResponse(`avlast-lagesbild-${report.weekId}.csv`, weeklyReportCsv(report, locale, getFixedT(locale)))
}
