import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { setClockOffsetDays } from './clock'
import { DEFAULT_DATABASE_URL, getDatabaseProvider, sqliteFilePath } from './database-url'

// Every setting the app reads, checked once at start (see .env.example and
// docs/operations.md). App code reads `getEnv()`, never `process.env`:
// add a new variable here, with its default and its line in .env.example.

/** An on/off switch: 1/0, true/false, on/off, yes/no. */
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
    .default(fallback ? '1' : '0')
    .transform((v) => (v === '' ? fallback : ['1', 'true', 'on', 'yes'].includes(v)))

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const emptyAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** An https URL, or http on the loopback (tests, a provider on the same machine). */
const secureUrl = (name: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .url(`${name} must be a URL`)
      .refine((value) => {
        const url = URL.canParse(value) ? new URL(value) : null
        return !url || url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
      }, `${name} must use https:// (http:// only for localhost)`)
      .optional(),
  )

// Accounts and sign-in (docs/operations.md, "Sign-in and accounts").
const AccountsEnv = {
  /** Single sign-on with OpenID Connect: all three, or none. */
  OIDC_ISSUER: secureUrl('OIDC_ISSUER'),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().optional()),
  /** The ID token or userinfo claim that holds the e-mail address (Entra ID: `preferred_username`). */
  OIDC_EMAIL_CLAIM: z.preprocess(emptyAsUnset, z.string().regex(/^[\w.:-]{1,100}$/, 'OIDC_EMAIL_CLAIM must be a claim name').default('email')),
  /** `off`: no password sign-in, single sign-on only. */
  AUTH_PASSWORD: z.preprocess(emptyAsUnset, z.enum(['on', 'off'], { message: 'AUTH_PASSWORD must be on or off' }).default('on')),
  /** Where users reach Avlast (https://avlast.kommun.se): set-password links and the SSO redirect. Else each request's own origin. */
  APP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .url('APP_URL must be a URL')
      .refine((value) => !URL.canParse(value) || (new URL(value).pathname === '/' && !new URL(value).search), 'APP_URL must be an origin, without a path')
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
}

// Notifications by e-mail (docs/operations.md, "E-mail and the calendar feed").
const MailEnv = {
  /** smtp://user:pass@host:587 or smtps://…:465; without it mail is logged (not sent) and the inbox still works. */
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .url('SMTP_URL must be a URL such as smtp://user:pass@host:587')
      .refine((value) => !URL.canParse(value) || ['smtp:', 'smtps:'].includes(new URL(value).protocol), 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
  ),
  /** The sender of every message, e.g. "Avlast <avlast@kommun.se>". */
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().min(3, 'MAIL_FROM must be an address').default('Avlast <avlast@localhost>')),
  /**
   * Without SMTP_URL, what the log gets of a message not sent: `summary` (its
   * id and kind) or `full` (address, subject and text, to read the mail on a
   * development machine; refused in production, where logs hold no personal data).
   */
  MAIL_LOG: z.preprocess(emptyAsUnset, z.enum(['summary', 'full'], { message: 'MAIL_LOG must be summary or full' }).default('summary')),
}

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // The database: a SQLite file (embedded default) or postgresql://… (several instances).
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .transform((v) => v || DEFAULT_DATABASE_URL),
  /** Connections per worker process on PostgreSQL: instances × workers × this must stay under max_connections. */
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  // Empty (as .env.example has it) is unset, like every optional setting.
  SESSION_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional()),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(10),
  BCRYPT_COST: int(4, 15).default(10),
  /** Cookies without `Secure`, for plain-HTTP tests on the loopback only. */
  INSECURE_COOKIES: flag(false),
  /** How many reverse proxies in front of the app add to X-Forwarded-For (0: none, the socket's address is the client). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .transform((v) => (v === 'true' ? 1 : 0))
    .or(int(0, 10))
    .default(0),
  PORT: int(1, 65535).default(3000),
  /** The address to listen on (all interfaces when unset). */
  HOST: z.string().trim().min(1).optional(),
  /** Worker processes; by default one per CPU the container may use. */
  WEB_CONCURRENCY: int(1, 64).optional(),
  /** Each worker's V8 heap cap, in MB. */
  WORKER_HEAP_MB: int(64, 16_384).default(160),
  /** How long a shutdown waits for requests in flight (a matching run included) before it closes them. */
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(30_000),
  /** Read models (situation, suggestions) are cached this long at most; 0 turns the cache off. */
  READ_MODEL_TTL_MS: int(0, 3_600_000).default(5000),
  /** The read-model cache's size per worker, in MB. */
  READ_MODEL_CACHE_MB: int(1, 1024).default(16),
  /** The rendered-page cache's size per worker, in MB (page-cache.server.ts). */
  PAGE_CACHE_MB: int(1, 1024).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token for GET /metrics; without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  ...AccountsEnv,
  ...MailEnv,
  /** Test-only: shifts this server's clock by whole days (refused in production; docs/decisions/006-simulated-time.md). */
  CLOCK_OFFSET_DAYS: int(-3650, 3650).optional(),
  // `npm start` only:
  /** Seed demo data into an empty database at start: 1 always, 0 never; unset, see scripts/lib/demo-seed.ts. */
  SEED_DEMO: z.preprocess(emptyAsUnset, flag(false).optional()),
  /** Skip `npm run build` at start (the image is built already). */
  SKIP_BUILD: flag(false),
})

export type Env = z.infer<typeof EnvSchema> & { readonly SESSION_SECRET: string }

let cached: Env | undefined

/** Reads and checks the environment once; a bad value stops the start with its name. */
export function getEnv(): Env {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`Invalid environment: ${issue.path.join('.')}: ${issue.message}`)
  }
  const env = parsed.data
  const sso = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET]
  if (sso.some(Boolean) && !sso.every(Boolean)) {
    throw new Error('Invalid environment: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together')
  }
  if (env.AUTH_PASSWORD === 'off' && !env.OIDC_ISSUER) {
    throw new Error('Invalid environment: AUTH_PASSWORD=off needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody can sign in')
  }
  if (env.MAIL_LOG === 'full' && env.NODE_ENV === 'production') {
    throw new Error('Invalid environment: MAIL_LOG=full writes addresses and texts to the log and may not be set in production')
  }
  if (env.CLOCK_OFFSET_DAYS !== undefined) {
    if (env.NODE_ENV === 'production') throw new Error('Invalid environment: CLOCK_OFFSET_DAYS is for tests and may not be set in production')
    setClockOffsetDays(env.CLOCK_OFFSET_DAYS)
  }
  let secret = env.SESSION_SECRET
  // Resolved when first needed: scripts that never sign anyone in run without one.
  cached = Object.defineProperty(env, 'SESSION_SECRET', {
    enumerable: true,
    get: () => (secret ??= fallbackSecret(env.DATABASE_URL)),
  }) as Env
  return cached
}

// A single embedded instance may run without SESSION_SECRET: a random secret is
// kept beside the SQLite file so sessions survive restarts. Several instances on
// PostgreSQL must share one, so there it is required.
function fallbackSecret(url: string): string {
  if (getDatabaseProvider(url) === 'postgresql') {
    throw new Error('Invalid environment: SESSION_SECRET must be set when running on PostgreSQL')
  }
  const file = sqliteFilePath(url)
  const secretFile = file === ':memory:' ? null : path.join(path.dirname(file), '.session-secret')
  if (secretFile && fs.existsSync(secretFile)) return fs.readFileSync(secretFile, 'utf8').trim()
  const secret = crypto.randomBytes(32).toString('hex')
  if (secretFile) {
    fs.mkdirSync(path.dirname(secretFile), { recursive: true })
    // `wx`: when two workers start together, the second reads the first's.
    try {
      fs.writeFileSync(secretFile, secret, { mode: 0o600, flag: 'wx' })
    } catch {
      return fs.readFileSync(secretFile, 'utf8').trim()
    }
  }
  return secret
}

/** Cookies are `Secure` in production unless turned off for loopback tests. */
export function secureCookies() {
  const env = getEnv()
  return env.NODE_ENV === 'production' && !env.INSECURE_COOKIES
}
