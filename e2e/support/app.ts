// An Avlast instance of a test's own, beside the one the e2e run shares: its
// own database (SQLite in .tmp, or a database of its own on the run's
// PostgreSQL) and its own settings (single sign-on, passwords off…).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { freePort } from '../../scripts/lib/build'

export { freePort }

const ROOT = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(ROOT, 'node_modules/.bin/tsx')

export type App = { url: string; databaseUrl: string; stop: () => Promise<void>; output: () => string }

/** A fresh, empty database named after the test (nothing seeded). */
export function emptyDatabase(name: string): string {
  const base = process.env.E2E_DATABASE_URL
  const url = base ? base.replace(/\/([^/?]*)(\?|$)/, `/$1_${name}$2`) : `file:${path.join(ROOT, `.tmp/e2e-${name}.db`)}`
  execFileSync(tsx, ['scripts/db-reset.ts', '--no-seed'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' })
  return url
}

/** Runs a script of the project (`scripts/…`) against the app's database, as an operator would. */
export function runScript(app: Pick<App, 'databaseUrl'>, script: string, args: string[], stdin?: string) {
  return execFileSync(tsx, [script, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: app.databaseUrl }, input: stdin, encoding: 'utf8' })
}

/**
 * Starts the built app on a free port: `npm start`'s own script (with the
 * build it finds) when `start` is set, else the production server directly.
 */
export async function startApp(name: string, env: Record<string, string> = {}, options: { start?: boolean; port?: number } = {}): Promise<App> {
  const databaseUrl = emptyDatabase(name)
  const port = options.port ?? (await freePort())
  let output = ''
  const command = options.start ? [tsx, ['scripts/start.ts']] : [process.execPath, ['build/server.mjs']]
  const child: ChildProcess = spawn(command[0] as string, command[1] as string[], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      SKIP_BUILD: '1',
      WEB_CONCURRENCY: '1',
      SESSION_SECRET: 'e2e-own-app-session-secret-0123456789abcdef',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited: ${output}`)
    if (
      await fetch(`${url}/login`).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The app did not start: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      const force = setTimeout(() => child.kill('SIGKILL'), 5000)
      child.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      child.kill('SIGTERM')
    })
  return { url, databaseUrl, stop, output: () => output }
}
