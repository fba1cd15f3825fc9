import { assertSameOrigin } from '~/utils/csrf.server'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { logout } from '~/utils/auth.server'

export const loader = () => redirect('/')

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  return logout(request)
}
