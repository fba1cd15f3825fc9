// `npm start`: migrate, seed demo data into an empty database, build, serve.
import { execFileSync, spawn } from 'node:child_process'
import path from 'node:path'
import { getDatabaseUrl } from '../app/utils/database-url'
import { ensureClientFor, migrateDeploy } from './lib/prisma-cli'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
const url = getDatabaseUrl()

ensureClientFor(url)
migrateDeploy(url)
if (process.env.SEED_DEMO !== '0') {
  execFileSync(bin('tsx'), ['prisma/seed.ts', '--if-empty'], { cwd: root, stdio: 'inherit' })
}
if (process.env.SKIP_BUILD !== '1') execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' })

const server = spawn(process.execPath, ['build/server.mjs'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', PORT: process.env.PORT ?? '3000' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
