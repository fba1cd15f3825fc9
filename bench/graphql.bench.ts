// `npm run bench:graphql [-- --staff 10000 --connections 20 --duration 10 --reseed --server remix-serve]`
// The GraphQL API on the production build with 10,000 staff: seeds its own
// database (a SQLite file under .tmp/, or `avlast_bench_graphql` beside the
// PostgreSQL database DATABASE_URL names), builds, starts the production server (`npm start`'s, a worker per core),
// signs in and creates a personal API token the way a user would, then
// drives `situation` and a 50-row `staff` page filtered by skill with
// autocannon and prints throughput and latency against the targets:
// situation p95 ≤ 100 ms and ≥ 300 req/s, the staff page p95 ≤ 150 ms.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { getDatabaseProvider } from '../app/utils/database-url'
import { LOAD_OPTIONS, processTree, root, runLoad, seededDatabase, signInCookie, startApp } from './lib/server'

const { values } = parseArgs({
  options: {
    ...LOAD_OPTIONS,
    // The server `npm start` runs (build/server.mjs, a worker per core) by default; `remix-serve` is one process.
    server: { type: 'string', default: 'production' },
  },
})
const STAFF = Number(values.staff)
const CONNECTIONS = Number(values.connections)
const DURATION = Number(values.duration)
const example = (name: string) => fs.readFileSync(path.join(root, 'graphql/examples', `${name}.graphql`), 'utf8')

/**
 * Signs in as central and creates a personal API token on the tokens page,
 * as a person would, after revoking the tokens earlier runs left.
 */
async function createToken(base: string) {
  const cookie = await signInCookie(base, 'central@demo.avlast.se')
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
  return (processTree(pid).reduce((sum, p) => sum + ticks(p), 0) * 1000) / 100
}

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
  let cpuBefore = 0
  const run = await runLoad(options, DURATION, () => (cpuBefore = serverCpuMs(pid)))
  return {
    name: target.name,
    cpuMs: (serverCpuMs(pid) - cpuBefore) / Math.max(1, run.requests),
    ...run,
    target,
  }
}

async function main() {
  const url = await seededDatabase('bench-graphql', STAFF, values.reseed)
  const { base, server, stop } = await startApp(url, { server: values.server === 'remix-serve' ? 'remix-serve' : 'production' })
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
    stop()
  }
}

await main()
