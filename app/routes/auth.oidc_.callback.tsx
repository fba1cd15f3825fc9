// GET /auth/oidc/callback: the provider sends the browser back here. A known,
// active e-mail signs in (a new session id, the same start page as a password
// sign-in); anything else goes back to /login with the reason.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { accountForSingleSignOn } from '~/models/users.server'
import { signIn } from '~/utils/auth.server'
import { finishSingleSignOn, SingleSignOnError } from '~/utils/oidc.server'
import { oidcFlow } from '~/utils/sign-in-flow.server'
import { signInMethods } from '~/utils/sign-in.server'

export async function loader({ request }: LoaderFunctionArgs) {
  if (!signInMethods().sso) throw new Response('Not found', { status: 404 })
  // The round trip's cookie is spent whatever happens next.
  const clear = await oidcFlow.clear()
  const refuse = (reason: string) => redirect(`/login?sso=${reason}`, { headers: { 'Set-Cookie': clear, 'Cache-Control': 'no-store' } })
  let answer: { email: string; redirectTo: string }
  try {
    answer = await finishSingleSignOn(request)
  } catch (error) {
    if (error instanceof SingleSignOnError) return refuse(error.reason)
    throw error
  }
  const account = await accountForSingleSignOn(answer.email)
  if ('refused' in account) return refuse(account.refused)
  return signIn(request, account.userId, answer.redirectTo, [clear])
}
