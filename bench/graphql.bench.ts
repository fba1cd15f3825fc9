// `npm run bench:graphql [-- --staff 10000 --connections 20 --duration 10 --reseed --server remix-serve]`
// The GraphQL API on the production build with 10,000 staff: seeds its own
// database (a SQLite file under .tmp/, or `avlast_bench_graphql` beside the
// PostgreSQL database DATABASE_URL names), builds, starts the production server (`npm start`'s, a worker per core),
// signs in and creates a personal API token the way a user would, then
// drives `situation` and a 50-row `staff` page filtered by skill with
// autocannon and prints throughput and latency against the targets:
// situation p95 ≤ 100 ms and ≥ 300 req/s, the staff page p95 ≤ 150 ms.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { getDatabaseProvider, getDatabaseUrl } from '../app/utils/database-url'
import { ensureClientFor } from '../scripts/lib/prisma-cli'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)
const { values } = parseArgs({
  options: {
    staff: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    reseed: { type: 'boolean', default: false },
    // The server `npm start` runs (build/server.mjs, a worker per core) by default; `remix-serve` is one process.
    server: { type: 'string', default: 'production' },
  },
})
const STAFF = Number(values.staff)
const CONNECTIONS = Number(values.connections)
const DURATION = Number(values.duration)
const SECRET = 'bench-graphql-session-secret-0123456789abcdef'
const example = (name: string) => fs.readFileSync(path.join(root, 'graphql/examples', `${name}.graphql`), 'utf8')

function benchDatabaseUrl() {
  const url = getDatabaseUrl()
  if (getDatabaseProvider(url) === 'sqlite') return `file:${path.join(root, '.tmp', `bench-graphql-${STAFF}.db`)}`
  const u = new URL(url)
  u.pathname = '/avlast_bench_graphql'
  return u.toString()
}

async function staffCount(url: string): Promise<number> {
  try {
    if (getDatabaseProvider(url) === 'sqlite') {
      const file = url.slice('file:'.length)
      if (!fs.existsSync(file)) return 0
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(file, { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM "Staff"').get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return Number((await client.query('SELECT count(*) AS n FROM "Staff"')).rows[0].n)
    } finally {
      await client.end()
    }
  } catch {
    return 0
  }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const command = values.server === 'remix-serve' ? [bin('remix-serve'), 'build/index.js'] : ['build/server.mjs']
  const server = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: SECRET, INSECURE_COOKIES: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  server.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)))
  server.on('exit', (code, signal) => {
    if (code && signal !== 'SIGTERM') console.error(`The app exited (${code}):\n${stderr}`)
  })
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/login`)).ok) return server
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill('SIGKILL')
  throw new Error(`The app did not start:\n${stderr}`)
}

/**
 * Signs in as central and creates a personal API token on the tokens page,
 * as a person would, after revoking the tokens earlier runs left.
 */
async function createToken(base: string) {
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email: 'central@demo.avlast.se', password: 'avlast-demo' }),
  })
  const cookie = login.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`Could not sign in as central (${login.status})`)
  const page = `${base}/profile/tokens?_data=${encodeURIComponent('routes/profile_.tokens')}`
  const form = (fields: Record<string, string>) =>
    fetch(page, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: cookie }, body: new URLSearchParams(fields) })
  const { tokens } = (await (await fetch(page, { headers: { Cookie: cookie } })).json()) as { tokens: { id: string; name: string }[] }
  for (const old of tokens.filter((t) => t.name.startsWith('Benchmark'))) await form({ intent: 'revoke', tokenId: old.id })
  const created = await form({ intent: 'create', name: `Benchmark ${new Date().toISOString()}` })
  const body = (await created.json()) as { created?: { token: string } }
  if (!body.created) throw new Error(`Could not create an API token (${created.status}): ${JSON.stringify(body)}`)
  return body.created.token
}

// Responses are checked by reading into them; the shapes are the example operations'.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>
type Target = { name: string; body: string; p95Ms: number; minRps?: number; check: (data: Data) => string }
type Result = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; cpuMs: number; target: Target }

/** CPU time (ms) used so far by the server and its workers: contention from other processes does not inflate it. */
function serverCpuMs(pid: number): number {
  const ticks = (p: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')
      return Number(fields[11]) + Number(fields[12])
    } catch {
      return 0
    }
  }
  let children: number[] = []
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    // no /proc: CPU time is not reported
  }
  return ((ticks(pid) + children.reduce((sum, c) => sum + ticks(c), 0)) * 1000) / 100
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN)

async function post(base: string, token: string, body: string) {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body })
  const json = (await response.json()) as { data?: Data; errors?: { message: string }[] }
  if (response.status !== 200 || json.errors?.length) throw new Error(`${response.status} ${JSON.stringify(json.errors)}`)
  return json.data!
}

async function drive(base: string, token: string, target: Target, pid: number): Promise<Result> {
  console.log(`  ${target.name}: ${target.check(await post(base, token, target.body))}`)
  const options = {
    url: `${base}/graphql`,
    connections: CONNECTIONS,
    method: 'POST' as const,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: target.body,
  }
  await autocannon({ ...options, duration: 2 })
  const latencies: number[] = []
  const cpuBefore = serverCpuMs(pid)
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, duration: DURATION }, (error, res) => (error ? reject(error) : resolve(res)))
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  })
  const cpuMs = (serverCpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total)
  latencies.sort((a, b) => a - b)
  return {
    name: target.name,
    cpuMs,
    rps: result.requests.total / DURATION,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    target,
  }
}

async function main() {
  const url = benchDatabaseUrl()
  ensureClientFor(url)
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true })
  if (values.reseed || (await staffCount(url)) !== STAFF) {
    console.log(`Seeding ${STAFF.toLocaleString('en')} staff into ${getDatabaseProvider(url) === 'sqlite' ? path.relative(root, url.slice(5)) : url}…`)
    execFileSync(bin('tsx'), ['scripts/db-reset.ts', '--staff', String(STAFF)], { cwd: root, env: { ...process.env, DATABASE_URL: url, SESSION_SECRET: SECRET }, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  const build = path.join(root, 'build/server.mjs')
  const sources = Math.max(newestMtime(path.join(root, 'app')), newestMtime(path.join(root, 'graphql')))
  if (!fs.existsSync(build) || fs.statSync(build).mtimeMs < sources) {
    console.log('Building the app…')
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] })
  }

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = await startServer(url, port)
  try {
    const token = await createToken(base)
    const skills = (await post(base, token, JSON.stringify({ query: '{ skills { id key } }' }))).skills as { id: string; key: string }[]
    const skillId = (key: string) => skills.find((s) => s.key === key)?.id ?? skills[0].id
    const staff = (name: string, key: string, minLevel: number) => JSON.stringify({ query: example(name), variables: { skillId: skillId(key), minLevel } })
    const describePage = (data: Data) => `${data.staff.edges.length} rows, next page: ${data.staff.pageInfo.hasNextPage}`
    const targets: Target[] = [
      {
        name: 'situation',
        body: JSON.stringify({ query: example('situation') }),
        p95Ms: 100,
        minRps: 300,
        check: (data) => `${data.situation.units.length} units × ${data.situation.trendWeeks.length} weeks`,
      },
      { name: 'staff page (mi ≥ 2)', body: staff('staff-page', 'mi', 2), p95Ms: 150, check: describePage },
      { name: 'staff page (bbic ≥ 3)', body: staff('staff-page', 'bbic', 3), p95Ms: 150, check: describePage },
      // Not a target of its own: counting every match is the costliest part of a filtered listing.
      { name: 'staff count (mi ≥ 2)', body: staff('staff-count', 'mi', 2), p95Ms: 150, check: (data) => `${data.staff.totalCount} staff` },
    ]
    console.log('Targets:')
    const results: Result[] = []
    for (const target of targets) results.push(await drive(base, token, target, server.pid!))

    const provider = getDatabaseProvider(url) === 'sqlite' ? 'SQLite' : 'PostgreSQL'
    console.log(`\nGraphQL API, ${STAFF.toLocaleString('en')} staff on ${provider}, ${values.server === 'remix-serve' ? 'remix-serve (one process)' : 'the production server (a worker per core)'}, ${CONNECTIONS} concurrent clients, ${DURATION} s per target after a 2 s warm-up\n`)
    const widths = [24, 8, 9, 9, 9, 8, 12, 26, 8]
    const line = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(widths[i])).join(''))
    line(['target', 'req/s', 'p50', 'p95', 'p99', 'errors', 'server CPU', 'target', ''])
    let allMet = true
    for (const r of results) {
      const met = r.p95 <= r.target.p95Ms && r.rps >= (r.target.minRps ?? 0) && r.errors === 0
      allMet &&= met
      const goal = `p95 ≤ ${r.target.p95Ms} ms${r.target.minRps ? `, ≥ ${r.target.minRps}/s` : ''}`
      line([r.name, r.rps.toFixed(0), `${r.p50.toFixed(0)} ms`, `${r.p95.toFixed(0)} ms`, `${r.p99.toFixed(0)} ms`, String(r.errors), `${r.cpuMs.toFixed(1)} ms/req`, goal, met ? 'met' : 'MISSED'])
    }
    const [load1] = os.loadavg()
    console.log(`\n${allMet ? 'Every target met.' : 'Some targets MISSED.'} Server CPU is per request; load average ${load1.toFixed(1)} on ${os.availableParallelism()} cores (other processes slow every figure but that one).`)
  } finally {
    server.kill('SIGTERM')
    setTimeout(() => server.kill('SIGKILL'), 1000).unref()
  }
}

await main()
