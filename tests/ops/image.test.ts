// The container, as far as it can be tested where Docker cannot run: the
// compose file parses and wires PostgreSQL, the migrate step, two instances
// and the proxy; the Dockerfile has the stages and rules docs/operations.md
// promises; and the runtime stage's files alone, copied as its COPY lines say,
// migrate a database with `npm run db:deploy` and serve /readyz.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { ensureBuild, ROOT, startServerIn } from './support'
import { getDatabaseProvider } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'

const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
const stages = dockerfile.split(/^FROM /m).slice(1)
const runtime = stages.at(-1)!
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'avlast-image-'))

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }))

async function emptyDatabase() {
  const url = process.env.DATABASE_URL!
  if (getDatabaseProvider(url) !== 'postgresql') return `file:${path.join(temp, 'data/avlast.db')}`
  await prisma.$executeRawUnsafe('DROP SCHEMA public CASCADE')
  await prisma.$executeRawUnsafe('CREATE SCHEMA public')
  await prisma.$disconnect()
  return url
}

type Service = {
  image?: string
  build?: unknown
  command?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  healthcheck?: unknown
}

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> }
  const { services } = compose

  test('PostgreSQL, migrations as their own step, two app instances behind a proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'migrate', 'postgres', 'proxy'])
    expect(services.migrate.command).toEqual(['npm', 'run', 'db:deploy'])
    for (const app of [services.app1, services.app2]) {
      expect(app.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } })
      expect(app.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//)
      expect(app.environment?.TRUST_PROXY).toBe('1')
      expect(JSON.stringify(app.healthcheck)).toContain('/readyz')
    }
    expect(services.proxy.depends_on).toMatchObject({ app1: { condition: 'service_healthy' }, app2: { condition: 'service_healthy' } })
    const nginx = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    expect(nginx).toMatch(/server app1:3000/)
    expect(nginx).toMatch(/server app2:3000/)
  })

  test('the pool budget fits PostgreSQL’s default 100 connections', () => {
    const apps = [services.app1, services.app2]
    const total = apps.reduce((sum, app) => sum + Number(app.environment!.WEB_CONCURRENCY) * Number(app.environment!.DATABASE_POOL_SIZE), 0)
    expect(total).toBeLessThan(100 - 10)
  })
})

describe('Dockerfile', () => {
  test('multi-stage, production dependencies only, a non-root user, the server as its process, no migration at start', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3)
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/)
    expect(runtime).toMatch(/^USER node$/m)
    expect(runtime).toMatch(/^CMD \["node", "build\/server\.mjs"\]$/m)
    expect(runtime).not.toMatch(/migrate|db:deploy/i)
    expect(runtime).not.toMatch(/^USER root/m)
  })

  test('the runtime stage’s files alone migrate with npm run db:deploy and serve /readyz', async () => {
    ensureBuild()
    // What the runtime stage copies from the context or the build stage (node_modules from npm ci: linked here).
    const copies = [...runtime.matchAll(/^COPY (?:--from=\w+ )?(\S+(?: \S+)*) (\S+)$/gm)].flatMap((m) => {
      const sources = m[1].split(' ').map((s) => s.replace(/^\/app\//, ''))
      return sources.map((source) => ({ source, target: sources.length > 1 || m[2].endsWith('/') ? path.join(m[2], path.basename(source)) : m[2] }))
    })
    expect(copies.map((c) => c.source)).toEqual(expect.arrayContaining(['build', 'public', 'package.json', 'prisma', 'node_modules']))
    for (const { source, target } of copies) {
      if (source.startsWith('node_modules')) continue
      fs.cpSync(path.join(ROOT, source), path.join(temp, target), { recursive: true })
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(temp, 'node_modules'))
    // An empty database of the provider under test: a new SQLite file, or this file's own PostgreSQL database emptied.
    const database = await emptyDatabase()
    execFileSync('npm', ['run', '-s', 'db:deploy'], { cwd: temp, env: { ...process.env, DATABASE_URL: database }, stdio: 'pipe' })
    const server = await startServerIn(temp, { DATABASE_URL: database, SESSION_SECRET: 'image-test-secret-0123456789abcdefghij' })
    try {
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' })
      expect((await fetch(`${server.url}/login`)).status).toBe(200)
    } finally {
      await server.stop()
    }
  }, 120_000)
})
