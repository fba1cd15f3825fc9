// The app as the e2e tests see it: a fresh database with the demo data, the
// production build, on E2E_PORT. SQLite unless E2E_DATABASE_URL names PostgreSQL.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ensureClientFor } from './lib/prisma-cli'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
const url = process.env.E2E_DATABASE_URL ?? `file:${path.join(root, '.tmp/e2e.db')}`
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  NODE_ENV: 'production',
  PORT: process.env.E2E_PORT ?? '3100',
  SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-session-secret-0123456789abcdefghij',
}
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true })
ensureClientFor(url)
execFileSync(bin('tsx'), ['scripts/db-reset.ts'], { cwd: root, env, stdio: 'inherit' })
if (!fs.existsSync(path.join(root, 'build/server.mjs')) || process.env.E2E_BUILD === '1') {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, env, stdio: 'inherit' })
}
const server = spawn(process.execPath, ['build/server.mjs'], { cwd: root, env: { ...env, WEB_CONCURRENCY: '1' }, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
