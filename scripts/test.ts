// `npm test`: every check, in the order that fails fastest. Runs on SQLite
// unless DATABASE_URL names PostgreSQL (then the e2e app runs there too).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getDatabaseProvider, getDatabaseUrl } from '../app/utils/database-url'
import { hasBrowser, NO_BROWSER_MESSAGE } from './lib/browser'
import { ensureClientFor } from './lib/prisma-cli'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
const url = getDatabaseUrl()
const only = process.argv.slice(2)

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  if (only.length && !only.includes(name)) return
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env })
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
}

function ensureBrowser() {
  if (hasBrowser()) return
  const apt = ['/usr/bin/apt-get'].find((p) => fs.existsSync(p))
  if (apt && process.getuid?.() === 0) {
    console.log('No Chromium found: installing Debian’s chromium for the e2e tests…')
    execFileSync(apt, ['update', '-qq'], { stdio: 'inherit' })
    execFileSync(apt, ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    return
  }
  console.error(`\n${NO_BROWSER_MESSAGE}`)
  process.exit(1)
}

ensureClientFor(url)
if (fs.existsSync(path.join(root, 'graphql/codegen.ts'))) step('codegen', bin('graphql-codegen'), ['--config', 'graphql/codegen.ts'])
step('typecheck', bin('tsc'), ['--noEmit'])
step('lint', bin('eslint'), ['.'])
// Both providers' migrations must describe the one models file.
step('migrations', bin('tsx'), ['scripts/db-migration.ts', '--check'])
step('unit', bin('vitest'), ['run', '--project', 'unit'])
// Most database tests wait on a database, a server or a child process, not the CPU: two at a time even on 2 cores (vitest's default there is one).
step('db', bin('vitest'), ['run', '--project', 'db', `--maxWorkers=${Math.max(2, os.availableParallelism() - 1)}`])
step('build', 'npm', ['run', '-s', 'build'])
if (!only.length || only.includes('e2e')) ensureBrowser()
// A database per e2e port, so test runs side by side on one PostgreSQL never meet.
const e2eDatabase = `avlast_e2e${process.env.E2E_PORT ? `_${process.env.E2E_PORT}` : ''}`
step('e2e', bin('playwright'), ['test'], {
  ...process.env,
  ...(getDatabaseProvider(url) === 'postgresql' ? { E2E_DATABASE_URL: url.replace(/\/[^/?]*(\?|$)/, `/${e2eDatabase}$1`) } : {}),
})
console.log('\nAll tests passed.')
