import { redirect } from '@remix-run/node'
import { getEnv } from './env.server'
import { pendingTwoFactor } from './sign-in-flow.server'

/** Which ways in the sign-in page offers. */
export function signInMethods() {
  const env = getEnv()
  return { password: env.AUTH_PASSWORD === 'on', sso: Boolean(env.OIDC_ISSUER) }
}

/** The password was right and the account asks for a TOTP code: on to that step, remembering who for five minutes. */
export async function secondFactorStep(userId: string, email: string, redirectTo: string | undefined) {
  return redirect('/login/two-factor', { headers: { 'Set-Cookie': await pendingTwoFactor.write({ userId, email, redirectTo: redirectTo ?? '' }) } })
}
