// Which origin a cookie POST must come from: APP_URL when it is set, else
// the forwarded host our own proxy wrote (TRUST_PROXY hops from the right),
// never a value the client put first in the chain.
import { afterEach, describe, expect, test, vi } from 'vitest'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  vi.resetModules()
})

async function crossSite(env: Record<string, string | undefined>, headers: Record<string, string>, url = 'http://10.0.0.5:3000/login') {
  process.env = { ...saved, ...env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
  vi.resetModules()
  const { isCrossSiteRequest } = await import('~/utils/csrf.server')
  return isCrossSiteRequest(new Request(url, { method: 'POST', headers: { Cookie: 'a=b', ...headers } }))
}

describe('the expected origin of a cookie POST', () => {
  test('with APP_URL only its origin is same-site, whatever the forwarded headers say', async () => {
    const env = { APP_URL: 'https://avlast.kommun.se', TRUST_PROXY: '1' }
    expect(await crossSite(env, { Origin: 'https://avlast.kommun.se' })).toBe(false)
    expect(await crossSite(env, { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' })).toBe(true)
    expect(await crossSite(env, { Origin: 'http://10.0.0.5:3000' })).toBe(true)
  })

  test('behind one proxy, the host it added counts, not one the client wrote before it', async () => {
    const env = { APP_URL: undefined, TRUST_PROXY: '1' }
    const chain = { 'X-Forwarded-Host': 'evil.example, avlast.kommun.se', 'X-Forwarded-Proto': 'http, https' }
    expect(await crossSite(env, { ...chain, Origin: 'https://avlast.kommun.se' })).toBe(false)
    expect(await crossSite(env, { ...chain, Origin: 'http://evil.example' })).toBe(true)
    expect(await crossSite(env, { 'X-Forwarded-Host': 'avlast.kommun.se', 'X-Forwarded-Proto': 'https', Origin: 'https://avlast.kommun.se' })).toBe(false)
  })

  test('without a trusted proxy, forwarded headers are ignored', async () => {
    const env = { APP_URL: undefined, TRUST_PROXY: '0' }
    expect(await crossSite(env, { 'X-Forwarded-Host': 'evil.example', Origin: 'http://evil.example' })).toBe(true)
    expect(await crossSite(env, { Origin: 'http://10.0.0.5:3000' })).toBe(false)
  })
})
