import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { exportPersonalData } from '~/models/gdpr.server'
import { requireRole, toResponse } from '~/utils/auth.server'

// POST /admin/privacy/<staffId>.json: everything Avlast holds on the person,
// as a download. A resource route, since only those can answer a form post
// with a file; POST, so the logged export cannot be triggered cross-site.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'CENTRAL')
  const data = await exportPersonalData(user, String(params.staffId).slice(0, 100)).catch(toResponse)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="avlast-personuppgifter-${data.person.id}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}

export const loader = () => redirect('/admin/privacy')
