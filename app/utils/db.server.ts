import { AsyncLocalStorage } from 'node:async_hooks'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { getDatabaseProvider, sqliteFilePath } from './database-url'
import { logger } from './logger.server'
import { getEnv } from './env.server'
import { pgReader, sqliteReader, type DirectReader, type ReadRows } from './direct-read.server'

/** A client whose connection attempt (not its wait for a pool slot) gives up after 5 s. */
class QuickConnectClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: 5000 })
  }
}

// SQLite: a write-ahead log, so readers never wait for the writer and a
// killed process leaves no half-written transaction (the mode is kept in the
// file), and a sync at every commit, so a confirmed change survives even a
// power cut. Transactions begin IMMEDIATE, taking the write lock at once:
// the adapter's plain BEGIN defers it to the first write, and a transaction
// that has read before another process (another worker) commits cannot get
// it then. SQLite answers SQLITE_BUSY at once there, without waiting, and a
// person's change failed with a 500 while a job wrote.
export class DurableSQLite3 extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect()
    await adapter.executeScript('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;')
    const db = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client
    const prepare = db.prepare.bind(db)
    db.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)
    return adapter
  }
}

// What waits for the current transaction to commit (see afterCommit).
const commitHooks = new AsyncLocalStorage<Set<() => Promise<unknown>>>()

/**
 * Runs `hook` once the current `prisma.$transaction` has committed, before
 * the transaction's caller goes on; never when it rolls back. Outside a
 * transaction it runs at once. The same hook asked for twice runs once.
 * A failing hook is logged, not thrown: the change itself has committed.
 */
export function afterCommit(hook: () => Promise<unknown>): Promise<void> {
  const pending = commitHooks.getStore()
  if (pending) {
    pending.add(hook)
    return Promise.resolve()
  }
  return runHooks(new Set([hook]))
}

async function runHooks(hooks: Set<() => Promise<unknown>>) {
  for (const hook of hooks) {
    await hook().catch((error: unknown) => logger.error({ err: error }, 'after-commit hook failed'))
  }
}

function withCommitHooks(client: PrismaClient): PrismaClient {
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>
  const wrapped = async (...args: unknown[]) => {
    if (commitHooks.getStore()) return transaction(...args)
    const hooks = new Set<() => Promise<unknown>>()
    const result = await commitHooks.run(hooks, () => transaction(...args))
    await runHooks(hooks)
    return result
  }
  return Object.assign(client, { $transaction: wrapped as PrismaClient['$transaction'] })
}

function createPrismaClient() {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE } = getEnv()
  if (getDatabaseProvider(url) === 'sqlite') {
    const file = sqliteFilePath(url)
    const client = withCommitHooks(new PrismaClient({ adapter: new DurableSQLite3({ url: file, timeout: 15_000 }) }))
    readers.set(client, sqliteReader(file, 15_000))
    return client
  }
  // One pool for Prisma and the direct reads; Prisma's $disconnect ends it.
  // A connection attempt gives up after 5 s, so with the database gone requests fail instead of hanging;
  // waiting for a free connection may take as long as a transaction may wait (30 s), as decisions queue
  // behind one lock at busy moments.
  const pool = new pg.Pool({ connectionString: url, max: DATABASE_POOL_SIZE, Client: QuickConnectClient, connectionTimeoutMillis: 30_000 })
  const client = withCommitHooks(new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }))
  readers.set(client, pgReader(pool))
  pools.set(client, pool)
  return client
}

// One client per process, also across dev-server rebuilds; its direct reader
// beside it (tests/setup-db.ts closes both between test files).
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __readers?: WeakMap<PrismaClient, DirectReader> }
const readers = (globalForPrisma.__readers ??= new WeakMap())
const pools = new WeakMap<PrismaClient, pg.Pool>()
export const prisma = (globalForPrisma.__prisma ??= createPrismaClient())

/** Rows of a read-only query straight from the driver, for the hottest paths (direct-read.server.ts). */
export const readRows: ReadRows = (query) => readers.get(prisma)!.read(query)

/** The PostgreSQL pool's counts, for /metrics (null on SQLite). */
export function poolStats() {
  const pool = pools.get(prisma)
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 } : null
}

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
