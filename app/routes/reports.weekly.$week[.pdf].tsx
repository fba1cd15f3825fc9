import type { LoaderFunctionArgs } from '@remix-run/node'
import { getFixedT, isLocale } from '~/i18n'
import { getPolicy } from '~/models/settings.server'
import { weeklyReportPdf } from '~/models/weekly-report-pdf.server'
import { getWeeklyReport } from '~/models/weekly-report.server'
import { requireUser } from '~/utils/auth.server'
import { downloadRefusal } from '~/utils/download-error.server'
import { idParam } from '~/utils/forms.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const week = idParam(params, 'week')
  const locale = isLocale(user.locale) ? user.locale : 'sv'
  const [report, policy] = await Promise.all([getWeeklyReport(user, week).catch(downloadRefusal(getFixedT(locale))), getPolicy()])
  const pdf = await weeklyReportPdf(report, { municipality: policy.municipalityName, locale, t: getFixedT(locale) })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="lagesbild-${report.weekId}.pdf"`,
      'Cache-Control': 'no-store',
    },
  })
}
