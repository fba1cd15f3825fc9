// `npm run bench:web [-- --staff 10000 --connections 20 --duration 10 --reseed]`
// Load on the production build with 10,000 staff: the situation picture, the
// matching page and the GraphQL `situation` query, each driven by concurrent
// clients (autocannon). Prints requests/s, p50/p95/p99 latency, errors and the
// server's peak memory (sampled every 50 ms over the process and its workers)
// against the targets: pages p95 ≤ 300 ms, the query p95 ≤ 100 ms, no errors,
// memory ≤ 500 MB. Memory is judged by PSS, which counts pages the processes
// share (the node binary, mapped once) once; the RSS sum, which counts them
// in every process, is printed beside it.
// Each page is also served, byte for byte, from a bare node:http cluster with
// as many workers in the same run: the ratio app / bare is the figure that
// other engineers' load on the machine disturbs least. Targets: the situation
// picture ≥ 0.1 of that ceiling, the matching page ≥ 0.05.
// A target the app does not have yet is skipped with a note.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { getDatabaseProvider } from '../app/utils/database-url'
import os from 'node:os'
import { startBareCluster } from './lib/bare-cluster'
import { freePort } from '../scripts/lib/build'
import { LOAD_OPTIONS, processTree, runLoad, seededDatabase, signInCookie, startApp } from './lib/server'

const { values } = parseArgs({ options: LOAD_OPTIONS })
const STAFF = Number(values.staff)
const CONNECTIONS = Number(values.connections)
const DURATION = Number(values.duration)
const MEMORY_LIMIT_MB = 500

type Target = { name: string; path: string; p95Ms: number; method?: 'GET' | 'POST'; body?: string; contentType?: string; ceilingRatio?: number }

type Memory = { rss: number; pss: number }

/** Memory of the server process and its workers, in MB. */
function memoryMb(pid: number): Memory {
  return processTree(pid).map(ownMemoryMb).reduce((sum, m) => ({ rss: sum.rss + m.rss, pss: sum.pss + m.pss }), { rss: 0, pss: 0 })
}

function ownMemoryMb(pid: number): Memory {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0)
    return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024 }
  } catch {
    // No /proc (macOS): RSS only, shared pages counted in every process.
    try {
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024
      return { rss, pss: rss }
    } catch {
      return { rss: 0, pss: 0 }
    }
  }
}

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null }
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t)

/** A `situation` query selecting every scalar field (and those one level down), from the schema itself. */
async function situationQuery(base: string, cookie: string): Promise<{ query: string } | { skip: string }> {
  const post = (query: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: base }, body: JSON.stringify({ query }) })
  const probe = await post('{ __schema { queryType { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }').catch(() => null)
  if (!probe || probe.status === 404) return { skip: '/graphql does not exist yet' }
  const schema = (await probe.json().catch(() => null)) as { data?: { __schema: { queryType: { fields: { name: string; type: TypeRef }[] } } } } | null
  const field = schema?.data?.__schema.queryType.fields.find((f) => f.name === 'situation')
  if (!field) return { skip: schema?.data ? 'the GraphQL schema has no `situation` query yet' : `/graphql answered ${probe.status} without a schema (introspection off?)` }
  const fieldsOf = async (typeName: string) => {
    const res = await post(`{ __type(name: ${JSON.stringify(typeName)}) { fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`)
    const body = (await res.json()) as { data?: { __type: { fields: { name: string; args: { type: { kind: string } }[]; type: TypeRef }[] } | null } }
    return (body.data?.__type?.fields ?? []).filter((f) => f.args.every((a) => a.type.kind !== 'NON_NULL'))
  }
  const select = async (type: TypeRef, depth: number): Promise<string> => {
    const t = named(type)
    if (t.kind !== 'OBJECT' || !t.name) return ''
    const parts: string[] = []
    for (const f of await fieldsOf(t.name)) {
      const inner = named(f.type)
      if (inner.kind === 'SCALAR' || inner.kind === 'ENUM') parts.push(f.name)
      else if (inner.kind === 'OBJECT' && depth < 2) {
        const sub = await select(f.type, depth + 1)
        if (sub) parts.push(`${f.name} ${sub}`)
      }
    }
    return parts.length ? `{ ${parts.join(' ')} }` : ''
  }
  const selection = await select(field.type, 0)
  const query = `query Situation { situation ${selection} }`.replace(/ situation $/, ' situation')
  const check = (await (await post(query)).json()) as { errors?: { message: string }[] }
  if (check.errors?.length) return { skip: `the situation query fails: ${check.errors[0].message}` }
  return { query }
}

type Result = {
  name: string
  skipped?: string
  rps?: number
  p50?: number
  p95?: number
  p99?: number
  errors?: number
  requests?: number
  peakRssMb?: number
  peakPssMb?: number
  target: number
  /** The same bytes from a bare node:http cluster, in this run. */
  bare?: { rps: number; bytes: number; workers: number }
  ceilingRatio?: number
}

const WORKERS = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism())

/** Requests/s of a bare node:http cluster serving exactly `body`, driven like the app. */
async function bareCeiling(body: Buffer) {
  const port = await freePort()
  const bare = await startBareCluster(body, port, WORKERS)
  try {
    const run = await runLoad({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS }, DURATION)
    return { rps: run.rps, bytes: body.length, workers: WORKERS }
  } finally {
    bare.kill('SIGTERM')
  }
}

async function drive(base: string, cookie: string, target: Target, pid: number): Promise<Result> {
  const probe = await fetch(`${base}${target.path}`, { method: target.method ?? 'GET', headers: { Cookie: cookie, Origin: base, ...(target.contentType ? { 'Content-Type': target.contentType } : {}) }, body: target.body, redirect: 'manual' })
  const bytes = Buffer.from(await probe.arrayBuffer())
  if (probe.status === 404) return { name: target.name, skipped: `${target.path} does not exist yet`, target: target.p95Ms }
  if (probe.status !== 200) return { name: target.name, skipped: `${target.path} answered ${probe.status}`, target: target.p95Ms }

  const peak = memoryMb(pid)
  const sample = () => {
    const now = memoryMb(pid)
    peak.rss = Math.max(peak.rss, now.rss)
    peak.pss = Math.max(peak.pss, now.pss)
  }
  const sampler = setInterval(sample, 50)
  const options = {
    url: `${base}${target.path}`,
    connections: CONNECTIONS,
    method: target.method ?? 'GET',
    headers: { Cookie: cookie, Origin: base, ...(target.contentType ? { 'content-type': target.contentType } : {}) },
    body: target.body,
  }
  const run = await runLoad(options, DURATION)
  clearInterval(sampler)
  sample()
  return {
    name: target.name,
    ...run,
    peakRssMb: peak.rss,
    peakPssMb: peak.pss,
    target: target.p95Ms,
    ...(target.ceilingRatio ? { bare: await bareCeiling(bytes), ceilingRatio: target.ceilingRatio } : {}),
  }
}

async function main() {
  const url = await seededDatabase('bench-web', STAFF, values.reseed)
  const { base, server, stop } = await startApp(url)
  try {
    const cookie = await signInCookie(base, 'central@demo.avlast.se')
    const targets: Target[] = [
      { name: 'situation picture', path: '/situation', p95Ms: 300, ceilingRatio: 0.1 },
      { name: 'matching page', path: '/matching', p95Ms: 300, ceilingRatio: 0.05 },
    ]
    const gql = await situationQuery(base, cookie)
    const results: Result[] = []
    for (const target of targets) results.push(await drive(base, cookie, target, server.pid!))
    if ('query' in gql) {
      results.push(await drive(base, cookie, { name: 'GraphQL situation', path: '/graphql', method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: gql.query }), p95Ms: 100 }, server.pid!))
    } else {
      results.push({ name: 'GraphQL situation', skipped: gql.skip, target: 100 })
    }

    const provider = getDatabaseProvider(url) === 'sqlite' ? 'SQLite' : 'PostgreSQL'
    console.log(`\nWeb load, ${STAFF.toLocaleString('en')} staff on ${provider}, ${CONNECTIONS} concurrent clients, ${DURATION} s per target (after 2 s warm-up)\n`)
    const head = ['target', 'req/s', 'p50', 'p95', 'p99', 'errors', 'peak PSS', 'RSS sum', 'p95 target', '']
    const widths = [20, 8, 9, 9, 9, 8, 10, 10, 11, 8]
    const line = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(widths[i])).join(''))
    line(head)
    let allMet = true
    for (const r of results) {
      if (r.skipped) {
        line([r.name, '–', '–', '–', '–', '–', '–', '–', `≤ ${r.target} ms`, 'SKIPPED'])
        console.log(`  note: ${r.skipped}`)
        continue
      }
      const met = r.p95! <= r.target && r.errors === 0 && r.peakPssMb! <= MEMORY_LIMIT_MB
      allMet &&= met
      line([r.name, r.rps!.toFixed(0), `${r.p50!.toFixed(0)} ms`, `${r.p95!.toFixed(0)} ms`, `${r.p99!.toFixed(0)} ms`, String(r.errors), `${r.peakPssMb!.toFixed(0)} MB`, `${r.peakRssMb!.toFixed(0)} MB`, `≤ ${r.target} ms`, met ? 'met' : 'MISSED'])
    }
    console.log(`\nAgainst the ceiling: each page's own bytes from a bare node:http cluster of ${WORKERS} workers, same clients, same run`)
    const ceilingWidths = [20, 10, 12, 12, 10, 10, 8]
    const ceilingLine = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(ceilingWidths[i])).join(''))
    ceilingLine(['target', 'page', 'app req/s', 'bare req/s', 'ratio', 'target', ''])
    for (const r of results) {
      if (!r.bare || !r.ceilingRatio || r.rps === undefined) continue
      const ratio = r.rps / r.bare.rps
      const met = ratio >= r.ceilingRatio && r.p95! <= r.target
      allMet &&= met
      ceilingLine([r.name, `${(r.bare.bytes / 1024).toFixed(0)} KB`, r.rps.toFixed(0), r.bare.rps.toFixed(0), ratio.toFixed(3), `≥ ${r.ceilingRatio}`, met ? 'met' : 'MISSED'])
    }
    const peak = Math.max(...results.map((r) => r.peakPssMb ?? 0))
    const rss = Math.max(...results.map((r) => r.peakRssMb ?? 0))
    console.log(`\nServer peak memory ${peak.toFixed(0)} MB PSS, ${rss.toFixed(0)} MB as a sum of RSS (limit ${MEMORY_LIMIT_MB} MB). ${allMet ? 'Every measured target met.' : 'Some targets MISSED.'}`)
  } finally {
    stop()
  }
}

await main()
