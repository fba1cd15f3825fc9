// Helpers for the operations tests: whole-database snapshots, a seeded
// random generator, the production build served by real processes, scripts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { Prisma, PrismaClient } from '@prisma/client'
import { getDatabaseProvider, sqliteFilePath } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name)

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1)
export const MODELS = Prisma.dmmf.datamodel.models.map((m) => m.name)

/** A separate client on another database (a restored copy, say). */
export function openClient(url: string) {
  const adapter = getDatabaseProvider(url) === 'sqlite' ? new PrismaBetterSQLite3({ url: sqliteFilePath(url) }) : new PrismaPg({ connectionString: url, max: 2 })
  return new PrismaClient({ adapter })
}

/** Every row of every table, in a stable order: equal dumps mean equal databases. */
export async function dumpDatabase(client: PrismaClient = prisma) {
  const dump: Record<string, string[]> = {}
  for (const model of MODELS) {
    const delegate = (client as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[lowerFirst(model)]
    dump[model] = (await delegate.findMany()).map((row) => JSON.stringify(row)).sort()
  }
  return dump
}

export async function databaseHash(client: PrismaClient = prisma) {
  return createHash('sha256').update(JSON.stringify(await dumpDatabase(client))).digest('hex')
}

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
export function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]
  return { next, int, pick, chance: (p: number) => next() < p }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** The production build, rebuilt only when app/ changed after it; one test file builds at a time. */
export function ensureBuild() {
  const built = path.join(ROOT, 'build/server.mjs')
  const fresh = () => fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(path.join(ROOT, 'app'))
  if (fresh()) return
  const lock = path.join(ROOT, '.tmp/build.lock')
  fs.mkdirSync(path.dirname(lock), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch {
      const held = fs.statSync(lock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true })
      sleep(200)
    }
  }
  try {
    // Vitest sets NODE_ENV=test, which would build development JSX.
    if (!fresh()) execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } })
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

export type AppServer = { url: string; pid: number; process: ChildProcess; output: () => string; stop: () => Promise<void> }

/** The production server (scripts/server.ts, one worker) on the built app, on its own port. */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<AppServer> {
  const port = await freePort()
  let output = ''
  const child = spawn(process.execPath, ['build/server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      INSECURE_COOKIES: '1',
      WEB_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`remix-serve exited: ${output}`)
    try {
      const res = await fetch(`${url}/login`)
      if (res.status < 500) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`remix-serve did not start: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid!,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        // remix-serve waits for idle keep-alive connections on SIGTERM; tests need not.
        const force = setTimeout(() => child.kill('SIGKILL'), 500)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

export type ScriptResult = { status: number | null; stdout: string; stderr: string }

/** Runs `tsx <script> …args` as an operator would, against `databaseUrl`. */
export function runScript(script: string, args: string[], databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(bin('tsx'), [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}
