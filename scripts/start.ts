// `npm start`: read .env, migrate, seed demo data into an empty database (on
// SQLite unless NODE_ENV=production, or with SEED_DEMO=1: shouldSeedDemo), build, serve.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { getDatabaseProvider } from '../app/utils/database-url'
import { shouldSeedDemo } from './lib/demo-seed'
import { ensureClientFor, migrateDeploy } from './lib/prisma-cli'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
// Variables already in the environment win over the file's.
const envFile = path.resolve('.env')
if (fs.existsSync(envFile)) process.loadEnvFile(envFile)
// What the operator asked for, before the server's default fills it in.
const givenNodeEnv = process.env.NODE_ENV
process.env.NODE_ENV ??= 'production'
const { getEnv } = await import('../app/utils/env.server')
const env = getEnv()
const url = env.DATABASE_URL

ensureClientFor(url)
migrateDeploy(url)
if (shouldSeedDemo(env.SEED_DEMO, givenNodeEnv, getDatabaseProvider(url))) {
  execFileSync(bin('tsx'), ['prisma/seed.ts', '--if-empty'], { cwd: root, stdio: 'inherit' })
}
if (!env.SKIP_BUILD) execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' })

const server = spawn(process.execPath, ['build/server.mjs'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(env.PORT) },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
