import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'
import { isoWeekId, today } from '~/utils/weeks'

// The menu's "Veckorapport": this week's report.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return redirect(`/reports/weekly/${isoWeekId(today())}`)
}
