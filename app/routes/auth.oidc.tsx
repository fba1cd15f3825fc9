// GET /auth/oidc: off to the municipality's identity provider (the sign-in
// page's "Logga in med kommunens konto").
import { type LoaderFunctionArgs } from '@remix-run/node'
import { startSingleSignOn } from '~/utils/oidc.server'
import { signInMethods } from '~/utils/sign-in.server'

export async function loader({ request }: LoaderFunctionArgs) {
  if (!signInMethods().sso) throw new Response('Not found', { status: 404 })
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')?.slice(0, 500) ?? ''
  return startSingleSignOn(request, redirectTo)
}
