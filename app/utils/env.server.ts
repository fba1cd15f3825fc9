import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { getDatabaseProvider, getDatabaseUrl, sqliteFilePath } from './database-url'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(10),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
})

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; DATABASE_URL: string }

let cached: Env | undefined

/** Reads and checks the environment once; see .env.example. */
export function getEnv(): Env {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`Invalid environment: ${issue.path.join('.')}: ${issue.message}`)
  }
  const url = getDatabaseUrl()
  cached = { ...parsed.data, DATABASE_URL: url, SESSION_SECRET: parsed.data.SESSION_SECRET ?? fallbackSecret(url) }
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
    fs.writeFileSync(secretFile, secret, { mode: 0o600 })
  }
  return secret
}
