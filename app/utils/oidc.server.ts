// Single sign-on with OpenID Connect (openid-client): the authorization code
// flow with PKCE, state and nonce, for a confidential client. The provider's
// metadata is discovered once per process, and openid-client checks that it
// names the issuer we were configured with, and every ID token's issuer,
// audience, expiry and nonce. docs/decisions/007-single-sign-on.md.
import * as client from 'openid-client'
import { appOrigin } from './app-url.server'
import { getEnv } from './env.server'
import { oidcFlow } from './sign-in-flow.server'

export const CALLBACK_PATH = '/auth/oidc/callback'

let configuration: Promise<client.Configuration> | undefined

function oidcConfiguration(): Promise<client.Configuration> {
  const env = getEnv()
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new Error('Single sign-on is not configured')
  // The schema allows http:// only for a provider on the loopback.
  const insecure = new URL(env.OIDC_ISSUER).protocol === 'http:'
  configuration ??= client
    .discovery(new URL(env.OIDC_ISSUER), env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    })
    // A provider that was down is asked again next time.
    .catch((error: unknown) => {
      configuration = undefined
      throw error
    })
  return configuration
}

const redirectUri = (request: Request) => `${appOrigin(request)}${CALLBACK_PATH}`

/** The redirect to the provider, with this round trip's state, nonce and PKCE verifier kept in a signed cookie. */
export async function startSingleSignOn(request: Request, redirectTo: string): Promise<Response> {
  const config = await oidcConfiguration()
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(request),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return new Response(null, { status: 302, headers: { Location: url.href, 'Set-Cookie': await oidcFlow.write({ state, nonce, codeVerifier, redirectTo }), 'Cache-Control': 'no-store' } })
}

export class SingleSignOnError extends Error {
  constructor(readonly reason: 'failed' | 'noEmail') {
    super(`Single sign-on refused: ${reason}`)
  }
}

/**
 * The provider's answer at the callback: the code is exchanged only when
 * the state matches this browser's round trip, and the ID token only counts
 * with its nonce. Gives the e-mail address from OIDC_EMAIL_CLAIM (in the ID
 * token, else from userinfo) and where to go next.
 */
export async function finishSingleSignOn(request: Request): Promise<{ email: string; redirectTo: string }> {
  const flow = await oidcFlow.read(request)
  if (!flow) throw new SingleSignOnError('failed')
  const config = await oidcConfiguration()
  const callback = new URL(redirectUri(request))
  callback.search = new URL(request.url).search
  let claims: Record<string, unknown>
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true })
    claims = tokens.claims() ?? {}
  } catch {
    throw new SingleSignOnError('failed')
  }
  const claim = getEnv().OIDC_EMAIL_CLAIM
  let value = claims[claim]
  if (value === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub)).catch(() => ({}) as Record<string, unknown>)
    value = (info as Record<string, unknown>)[claim]
    if (claim === 'email' && (info as { email_verified?: unknown }).email_verified === false) value = undefined
  }
  if (claim === 'email' && claims.email_verified === false) value = undefined
  const email = typeof value === 'string' ? value.trim().toLowerCase() : ''
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new SingleSignOnError('noEmail')
  return { email, redirectTo: flow.redirectTo }
}

/** Forgets the discovered metadata (tests start a new provider). */
export function resetSingleSignOn() {
  configuration = undefined
}
