// What the benchmarks that need the real app share: their own seeded
// database (SQLite, or PostgreSQL beside DATABASE_URL), a fresh production
// build, the server on a free port, a signed-in cookie, and the load run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { getDatabaseProvider, getDatabaseUrl } from '../../app/utils/database-url'
import { ensureBuild, freePort } from '../../scripts/lib/build'
import { ensureClientFor } from '../../scripts/lib/prisma-cli'

export const root = path.resolve(import.meta.dirname, '../..')
export const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
const SECRET = 'bench-session-secret-0123456789abcdefghij'

/** The benchmark's own database: `.tmp/NAME-STAFF.db`, or `avlast_NAME` beside a PostgreSQL DATABASE_URL. */
function benchDatabaseUrl(name: string, staff: number) {
  const url = getDatabaseUrl()
  if (getDatabaseProvider(url) === 'sqlite') return `file:${path.join(root, '.tmp', `${name}-${staff}.db`)}`
  const u = new URL(url)
  u.pathname = `/avlast_${name.replace(/-/g, '_')}`
  return u.toString()
}

async function staffCount(url: string): Promise<number> {
  try {
    if (getDatabaseProvider(url) === 'sqlite') {
      const file = url.replace(/^file:/, '')
      if (!fs.existsSync(file)) return 0
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(file, { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM "Staff"').get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return Number((await client.query('SELECT count(*) AS n FROM "Staff"')).rows[0].n)
    } finally {
      await client.end()
    }
  } catch {
    return 0
  }
}

/** A database with `staff` demo staff, reused between runs when it has them (and migrated). */
export async function seededDatabase(name: string, staff: number, reseed = process.env.RESEED === '1') {
  const url = benchDatabaseUrl(name, staff)
  ensureClientFor(url)
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true })
  if (reseed || (await staffCount(url)) !== staff) {
    console.log(`Seeding ${staff.toLocaleString('en')} staff into ${getDatabaseProvider(url) === 'sqlite' ? path.relative(root, url.slice('file:'.length)) : url}…`)
    execFileSync(bin('tsx'), ['scripts/db-reset.ts', '--staff', String(staff)], { cwd: root, env: { ...process.env, DATABASE_URL: url, SESSION_SECRET: SECRET }, stdio: ['ignore', 'ignore', 'inherit'] })
  } else {
    execFileSync(bin('prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' })
  }
  return url
}

export type RunningApp = { base: string; server: ChildProcess; stop: () => void }

/**
 * The production server `npm start` runs (a worker per core), or
 * `remix-serve` (one process), on a free port of 127.0.0.1.
 */
export async function startApp(database: string, { server: kind = 'production' }: { server?: 'production' | 'remix-serve' } = {}): Promise<RunningApp> {
  ensureBuild()
  const port = await freePort()
  const command = kind === 'remix-serve' ? [bin('remix-serve'), 'build/index.js'] : ['build/server.mjs']
  const server = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: SECRET, INSECURE_COOKIES: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  // Kept for a crash report.
  let stderr = ''
  server.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)))
  server.on('exit', (code, signal) => {
    if (code && signal !== 'SIGTERM') console.error(`The app exited (${code}):\n${stderr}`)
  })
  const base = `http://127.0.0.1:${port}`
  const stop = () => {
    // remix-serve waits for idle keep-alive connections on SIGTERM.
    server.kill('SIGTERM')
    setTimeout(() => server.kill('SIGKILL'), 1000).unref()
  }
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return { base, server, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill('SIGKILL')
  throw new Error(`The app did not start:\n${stderr}`)
}

export async function signInCookie(base: string, email: string, password = 'avlast-demo') {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`Could not sign in as ${email} (${response.status})`)
  return cookie
}

/** The server process and its workers (the cluster's children). */
export function processTree(pid: number): number[] {
  try {
    return [pid, ...fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)]
  } catch {
    return [pid]
  }
}

export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN
}

/** The command-line options of the load benchmarks (`parseArgs`). */
export const LOAD_OPTIONS = {
  staff: { type: 'string', default: '10000' },
  connections: { type: 'string', default: '20' },
  duration: { type: 'string', default: '10' },
  reseed: { type: 'boolean', default: false },
} as const

export type LoadRun = { rps: number; requests: number; p50: number; p95: number; p99: number; errors: number }

/**
 * A short warm-up (JIT, caches), then `seconds` of load, with every
 * response's latency. `onMeasure` runs as the measured part starts.
 */
export async function runLoad(options: autocannon.Options, seconds: number, onMeasure?: () => void): Promise<LoadRun> {
  await autocannon({ ...options, duration: 2 })
  onMeasure?.()
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, duration: seconds }, (error, res) => (error ? reject(error) : resolve(res)))
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  })
  latencies.sort((a, b) => a - b)
  return {
    rps: result.requests.total / seconds,
    requests: result.requests.total,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
  }
}
