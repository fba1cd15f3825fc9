import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'
import { homePath } from '~/utils/permissions'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  throw redirect(homePath(user))
}
