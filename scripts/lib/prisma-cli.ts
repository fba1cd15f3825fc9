import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { getDatabaseProvider, getDatabaseUrl } from '../../app/utils/database-url'

const root = path.resolve(import.meta.dirname, '../..')
const prismaBin = path.join(root, 'node_modules/.bin/prisma')

export function prismaCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  execFileSync(prismaBin, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] })
}

/** The generated client is per provider: regenerate when the URL asks for another one. */
export function ensureClientFor(url = getDatabaseUrl()) {
  const provider = getDatabaseProvider(url)
  const schema = path.join(root, 'node_modules/.prisma/client/schema.prisma')
  const current = fs.existsSync(schema) ? /provider\s*=\s*"(sqlite|postgresql)"/.exec(fs.readFileSync(schema, 'utf8'))?.[1] : null
  if (current !== provider) {
    console.log(`Generating the Prisma client for ${provider}…`)
    prismaCli(['generate'], { ...process.env, DATABASE_URL: url })
  }
}

export function migrateDeploy(url = getDatabaseUrl()) {
  prismaCli(['migrate', 'deploy'], { ...process.env, DATABASE_URL: url })
}
