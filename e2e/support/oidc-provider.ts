// A real OpenID provider (the npm package oidc-provider) on the loopback, for
// the single sign-on tests. Its development login page takes any login: the
// login typed there becomes the account, and its e-mail claim is that login.
// Consent is granted up front, as a municipality's provider does for its own
// applications.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export type TestProvider = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> }

export async function startOidcProvider(redirectUris: string[]): Promise<TestProvider> {
  const clientId = 'avlast-e2e'
  const clientSecret = 'avlast-e2e-client-secret-0123456789'
  // 127.0.0.1 beside the app's localhost: another site, as a real provider is.
  const host = '127.0.0.1'
  // The port first: the issuer URL names it.
  const handler: { handle?: http.RequestListener } = {}
  const server = await new Promise<http.Server>((resolve) => {
    const s = http.createServer((req, res) => handler.handle!(req, res))
    s.listen(0, host, () => resolve(s))
  })
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email', 'profile'],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true }) }),
    pkce: { required: () => true },
    cookies: { keys: ['avlast-e2e-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId })
      grant.addOIDCScope('openid email profile')
      grant.addOIDCClaims(['email', 'email_verified'])
      await grant.save()
      return grant
    },
  })
  handler.handle = provider.callback()
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
