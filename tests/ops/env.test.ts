// Secrets come from the environment; development gets safe defaults, and a
// misconfigured production refuses to start rather than run insecurely.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'

const saved = { ...process.env }
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-env-'))
  vi.resetModules()
})

afterEach(() => {
  process.env = { ...saved }
  fs.rmSync(dir, { recursive: true, force: true })
})

async function loadEnv(env: Record<string, string | undefined>) {
  process.env = { ...saved, ...env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
  const { getEnv } = await import('~/utils/env.server')
  return getEnv
}

describe('environment', () => {
  test('PostgreSQL without SESSION_SECRET refuses to start: every instance must share one', async () => {
    const getEnv = await loadEnv({ DATABASE_URL: 'postgresql://u@db.example/avlast', SESSION_SECRET: undefined })
    expect(() => getEnv().SESSION_SECRET).toThrow(/SESSION_SECRET must be set when running on PostgreSQL/)
  })

  test('MAIL_LOG=full (whole messages in the log) is refused in production, and an unknown value names the field', async () => {
    const base = { DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: 'x'.repeat(40) }
    const production = await loadEnv({ ...base, NODE_ENV: 'production', MAIL_LOG: 'full' })
    expect(() => production()).toThrow(/MAIL_LOG=full writes addresses and texts to the log and may not be set in production/)
    vi.resetModules()
    const unknown = await loadEnv({ ...base, MAIL_LOG: 'allt' })
    expect(() => unknown()).toThrow(/MAIL_LOG: MAIL_LOG must be summary or full/)
    vi.resetModules()
    expect((await loadEnv({ ...base, NODE_ENV: 'development', MAIL_LOG: 'full' }))().MAIL_LOG).toBe('full')
  })

  test('a short SESSION_SECRET is refused', async () => {
    const getEnv = await loadEnv({ DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: 'kort' })
    expect(() => getEnv()).toThrow(/SESSION_SECRET: SESSION_SECRET must be at least 32 characters/)
  })

  test('SQLite without a secret gets a random one, kept private beside the database and reused after a restart', async () => {
    // Empty, as in .env.example, is the same as not set.
    const env = { DATABASE_URL: `file:${dir}/data/avlast.db`, SESSION_SECRET: '' }
    const first = (await loadEnv(env))().SESSION_SECRET
    const file = path.join(dir, 'data/.session-secret')
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.readFileSync(file, 'utf8')).toBe(first)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    vi.resetModules()
    expect((await loadEnv(env))().SESSION_SECRET).toBe(first)
  })

  test('SESSION_SECRET from the environment wins, and defaults fill the rest', async () => {
    const secret = 'x'.repeat(40)
    const env = (await loadEnv({ DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: secret, NODE_ENV: 'production', BCRYPT_COST: undefined, SESSION_MAX_AGE_HOURS: undefined }))()
    expect(env).toMatchObject({ SESSION_SECRET: secret, NODE_ENV: 'production', BCRYPT_COST: 10, SESSION_MAX_AGE_HOURS: 10 })
    expect(fs.existsSync(path.join(dir, '.session-secret'))).toBe(false)
  })

  test.each([
    ['BCRYPT_COST', '3'],
    ['BCRYPT_COST', 'tio'],
    ['SESSION_MAX_AGE_HOURS', '-1'],
    ['NODE_ENV', 'staging'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '-1'],
    ['INSECURE_COOKIES', 'kanske'],
    ['DATABASE_POOL_SIZE', '0'],
    ['READ_MODEL_TTL_MS', '5s'],
    ['READ_MODEL_CACHE_MB', '0'],
    ['WEB_CONCURRENCY', '0'],
    ['WORKER_HEAP_MB', '10'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['METRICS_TOKEN', 'short'],
    ['SEED_DEMO', 'maybe'],
    ['OIDC_ISSUER', 'inte-en-url'],
    ['OIDC_ISSUER', 'http://idp.kommun.se'],
    ['OIDC_EMAIL_CLAIM', 'e mail'],
    ['AUTH_PASSWORD', 'nej'],
    ['APP_URL', 'https://avlast.kommun.se/app'],
  ])('%s=%s is refused at start', async (name, value) => {
    const getEnv = await loadEnv({ DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: 'y'.repeat(40), [name]: value })
    expect(() => getEnv()).toThrow(new RegExp(`Invalid environment: ${name}`))
  })

  test('settings that were read raw are typed: proxy hops, switches, pool and cache sizes', async () => {
    const base = { DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: 'y'.repeat(40) }
    const defaults = (await loadEnv({ ...base, TRUST_PROXY: undefined, INSECURE_COOKIES: undefined, DATABASE_POOL_SIZE: undefined, READ_MODEL_TTL_MS: undefined }))()
    expect(defaults).toMatchObject({ TRUST_PROXY: 0, INSECURE_COOKIES: false, DATABASE_POOL_SIZE: 10, READ_MODEL_TTL_MS: 5000 })
    // Unset: npm start decides by database and NODE_ENV (scripts/lib/demo-seed.ts).
    expect(defaults.SEED_DEMO).toBeUndefined()
    vi.resetModules()
    const set = (await loadEnv({ ...base, TRUST_PROXY: '2', INSECURE_COOKIES: '1', DATABASE_POOL_SIZE: '4', READ_MODEL_TTL_MS: '0', SEED_DEMO: 'false' }))()
    expect(set).toMatchObject({ TRUST_PROXY: 2, INSECURE_COOKIES: true, DATABASE_POOL_SIZE: 4, READ_MODEL_TTL_MS: 0, SEED_DEMO: false })
    vi.resetModules()
    // The old on/off form of TRUST_PROXY still means one proxy.
    expect((await loadEnv({ ...base, TRUST_PROXY: 'true' }))().TRUST_PROXY).toBe(1)
  })

  test('single sign-on: all three OIDC settings or none; http only on the loopback; password sign-in off only with SSO', async () => {
    const base = { DATABASE_URL: `file:${dir}/a.db`, SESSION_SECRET: 'y'.repeat(40), OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined, AUTH_PASSWORD: undefined, APP_URL: undefined }
    let getEnv = await loadEnv({ ...base, OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0' })
    expect(() => getEnv()).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together/)
    vi.resetModules()
    getEnv = await loadEnv({ ...base, AUTH_PASSWORD: 'off' })
    expect(() => getEnv()).toThrow(/AUTH_PASSWORD=off needs single sign-on/)
    vi.resetModules()
    getEnv = await loadEnv({ ...base, OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'avlast', OIDC_CLIENT_SECRET: 's', AUTH_PASSWORD: 'off', APP_URL: 'https://avlast.kommun.se/' })
    expect(getEnv()).toMatchObject({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_EMAIL_CLAIM: 'email', AUTH_PASSWORD: 'off', APP_URL: 'https://avlast.kommun.se' })
    vi.resetModules()
    const plain = (await loadEnv(base))()
    expect([plain.AUTH_PASSWORD, plain.OIDC_ISSUER, plain.APP_URL]).toEqual(['on', undefined, undefined])
  })

  test('.env.example names every variable of the schema', async () => {
    const { EnvSchema } = await import('~/utils/env.server')
    const example = fs.readFileSync(path.join(import.meta.dirname, '../../.env.example'), 'utf8')
    const listed = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))
    expect(Object.keys(EnvSchema.shape).filter((name) => !listed.has(name))).toEqual([])
  })
})
