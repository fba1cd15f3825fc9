import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCsv, exportFileName, isExportKind } from '~/models/csv-export.server'
import { requireRole, toResponse } from '~/utils/auth.server'

// /admin/export/staff.csv, skills.csv, loans.csv: a download, no page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  if (!isExportKind(params.kind)) throw new Response('Not found', { status: 404 })
  const csv = await exportCsv(user, params.kind).catch(toResponse)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(params.kind)}"`,
      'Cache-Control': 'no-store',
    },
  })
}
