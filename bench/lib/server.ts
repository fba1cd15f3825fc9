// Helpers for benchmarks that need the real app: a seeded database, the
// production build served by remix-serve, and a signed-in cookie.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '../..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)

export function benchEnv(database: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: database, NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', BCRYPT_COST: '4' }
}

/** A database with `staff` demo staff, reused between runs when it already has them. */
export function seededDatabase(name: string, staff: number) {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true })
  const file = path.join(root, '.tmp', `${name}-${staff}.db`)
  const url = `file:${file}`
  if (!fs.existsSync(file) || process.env.RESEED === '1') {
    console.log(`Seeding ${staff} staff into ${path.relative(root, file)}…`)
    execFileSync(bin('tsx'), ['scripts/db-reset.ts', '--staff', String(staff)], { cwd: root, env: benchEnv(url), stdio: ['ignore', 'ignore', 'inherit'] })
  }
  return url
}

export function ensureBuild() {
  if (!fs.existsSync(path.join(root, 'build/server.mjs')) || process.env.REBUILD === '1') {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  }
}

export async function startServer(database: string, port: number): Promise<ChildProcess> {
  ensureBuild()
  const server = spawn(process.execPath, ['build/server.mjs'], { cwd: root, env: { ...benchEnv(database), PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 200; i++) {
    try {
      const response = await fetch(`http://localhost:${port}/login`)
      if (response.ok) return server
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill()
  throw new Error('The app did not start')
}

export async function signInCookie(port: number, email: string, password = 'avlast-demo') {
  const response = await fetch(`http://localhost:${port}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`Could not sign in as ${email} (${response.status})`)
  return cookie
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
