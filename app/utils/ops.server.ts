// What the production server asks of the build for operations: readiness
// (the database answers and every migration shipped has been applied), the
// app's Prometheus metrics, and an orderly close (app/utils/shutdown.server.ts).
import fs from 'node:fs'
import path from 'node:path'
import { Prisma } from '@prisma/client'
import { Gauge, register } from 'prom-client'
import { cacheSize, cacheStats } from './cache.server'
import { pageCacheStats } from './page-cache.server'
import { getDatabaseProvider } from './database-url'
import { poolStats, prisma, readRows } from './db.server'
import { getEnv } from './env.server'
import { closeApp } from './shutdown.server'

export { closeApp }

const READY_TIMEOUT_MS = 2000

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  )
}

/** The migrations this build ships, by folder name (prisma/<provider>/migrations). */
function shippedMigrations(): string[] {
  const dir = path.join(process.cwd(), 'prisma', getDatabaseProvider(getEnv().DATABASE_URL), 'migrations')
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []
}

let migrationsApplied = false

export type Readiness = { ready: true } | { ready: false; reason: string }

/** Whether this process can serve: the database answers, and (checked until true once) every migration is applied. */
export async function readiness(): Promise<Readiness> {
  try {
    await withTimeout(readRows(Prisma.sql`SELECT 1 AS "ok"`), READY_TIMEOUT_MS, 'The database')
    if (!migrationsApplied) {
      const rows = await withTimeout(
        readRows<{ name: string }>(Prisma.sql`SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`),
        READY_TIMEOUT_MS,
        'The database',
      )
      const applied = new Set(rows.map((r) => r.name))
      const missing = shippedMigrations().filter((m) => !applied.has(m))
      if (missing.length) return { ready: false, reason: `${missing.length} migration(s) not applied: run npm run db:deploy` }
      migrationsApplied = true
    }
    return { ready: true }
  } catch (error) {
    return { ready: false, reason: `database: ${(error as Error).message.split('\n')[0].slice(0, 200)}` }
  }
}

/** A figure read from the database at scrape time; nothing when it does not answer. */
function databaseGauge(name: string, help: string, labelNames: string[], read: () => Promise<{ labels?: Record<string, string>; value: number }[]>) {
  return new Gauge({
    name,
    help,
    labelNames,
    // Every worker reads the same database: the cluster total is any one of them.
    aggregator: 'max',
    async collect() {
      this.reset()
      const values = await withTimeout(read(), READY_TIMEOUT_MS, 'The database').catch(() => [])
      for (const { labels, value } of values) {
        if (labels) this.set(labels, value)
        else this.set(value)
      }
    },
  })
}

let registered = false

/** The app's own metrics, in the default registry (the server adds HTTP and process metrics). */
export function registerAppMetrics() {
  if (registered) return register
  registered = true
  databaseGauge('avlast_matching_runs', 'Matching runs stored, by outcome', ['status'], async () =>
    (await prisma.matchingRun.groupBy({ by: ['status'], _count: { _all: true } })).map((g) => ({ labels: { status: g.status }, value: g._count._all })),
  )
  databaseGauge('avlast_matching_last_run_seconds', 'How long the latest matching run took', [], async () => {
    const last = await prisma.matchingRun.findFirst({ orderBy: { startedAt: 'desc' }, select: { durationMs: true } })
    return last ? [{ value: last.durationMs / 1000 }] : []
  })
  // The job queue (app/jobs), the mail queue among it: jobs waiting or running, by kind.
  databaseGauge('avlast_jobs_queued', 'Jobs waiting or running in the queue, by kind (mail.* is the mail queue)', ['name', 'status'], async () =>
    (await prisma.job.groupBy({ by: ['name', 'status'], where: { status: { in: ['PENDING', 'RUNNING'] } }, _count: { _all: true } })).map((g) => ({
      labels: { name: g.name, status: g.status },
      value: g._count._all,
    })),
  )
  new Gauge({
    name: 'avlast_db_pool_connections',
    help: 'PostgreSQL pool connections of the workers, by state (max is the configured size per worker times workers)',
    labelNames: ['state'],
    collect() {
      const stats = poolStats()
      if (!stats) return
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
      this.set({ state: 'max' }, stats.max)
    },
  })
  new Gauge({
    name: 'avlast_read_model_cache_bytes',
    help: 'Approximate bytes held by the read-model caches',
    collect() {
      this.set(cacheSize().bytes)
    },
  })
  lookupGauge('avlast_read_model_cache_lookups', 'Read-model cache lookups since start, by result', cacheStats)
  lookupGauge('avlast_page_cache_lookups', 'Rendered-page cache lookups since start, by result', pageCacheStats)
  return register
}

/** A cache's hits and misses since start, as one gauge labelled by result. */
function lookupGauge(name: string, help: string, stats: { hits: number; misses: number }) {
  new Gauge({
    name,
    help,
    labelNames: ['result'],
    collect() {
      this.set({ result: 'hit' }, stats.hits)
      this.set({ result: 'miss' }, stats.misses)
    },
  })
}
