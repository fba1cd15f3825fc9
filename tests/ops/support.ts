// Helpers for the operations tests: whole-database snapshots, a seeded
// random generator, the production build served by real processes, scripts.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { Prisma, PrismaClient } from '@prisma/client'
import { getDatabaseProvider, sqliteFilePath } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'
import { ensureBuild, freePort } from '../../scripts/lib/build'

export { ensureBuild, freePort }

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

export type AppServer = { url: string; pid: number; process: ChildProcess; output: () => string; stop: () => Promise<void> }

/** The production server (scripts/server.ts, one worker) on the built app, on its own port. */
export function startServer(env: Record<string, string | undefined> = {}): Promise<AppServer> {
  return startServerIn(ROOT, env)
}

/** The same, from another directory holding the app's files (the container's, say). */
export async function startServerIn(cwd: string, env: Record<string, string | undefined> = {}): Promise<AppServer> {
  const port = await freePort()
  let output = ''
  const child = spawn(process.execPath, ['build/server.mjs'], {
    cwd,
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

/** Runs `tsx <script> …args` as an operator would, against `databaseUrl`, with `stdin` piped in when given. */
export function runScript(script: string, args: string[], databaseUrl: string, env: Record<string, string | undefined> = {}, stdin?: string): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(bin('tsx'), [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    if (stdin !== undefined) child.stdin!.end(stdin)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', (d) => (stderr += d))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** A worker script run by tsx in a process of its own, ready when it prints "ready"; `children` collects it for a kill in afterAll. */
export function startWorkerProcess(script: string, children: ChildProcess[]) {
  const child = spawn(bin('tsx'), [script], { cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const ready = new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('ready')) resolve()
      if (child.exitCode !== null) reject(new Error(output))
      if (output.includes('ready') || child.exitCode !== null) clearInterval(check)
    }, 20)
  })
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
  return { ready, stop, output: () => output }
}
