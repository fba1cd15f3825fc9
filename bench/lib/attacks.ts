// The hostile requests of issue #15's findings 1–4, as an anonymous attacker
// (or a signed-in one for the request form and the situation query) sends
// them: shared by the fuzz test (tests/ops/hostile.test.ts) and the load
// benchmark (bench/hostile.bench.ts). Each sender returns the status it got,
// or 0 when the server cut the connection (which it may do after a 413).
import fs from 'node:fs'

export type Attacker = { base: string; managerCookie?: string; unitId?: string; staffToken?: string; staffCookie?: string }

async function send(url: string, init: RequestInit): Promise<number> {
  try {
    const response = await fetch(url, { ...init, redirect: 'manual' })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

const form = (base: string, body: string, cookie?: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
  body,
})

/** Finding 1: array indices that made the form parser allocate, on the sign-in and request forms. */
export function arrayIndices(a: Attacker, n: number) {
  const sends = [] as Promise<number>[]
  for (let i = 0; i < n; i++) {
    sends.push(send(`${a.base}/login`, form(a.base, `email=a@b.se&password=x&a[${30_000_000 + i}]=1`)))
    sends.push(send(`${a.base}/login`, form(a.base, `email=a@b.se&password=x&a[${100_000 + i}]=1`)))
    if (a.managerCookie && a.unitId) sends.push(send(`${a.base}/units/${a.unitId}/requests/new`, form(a.base, `fte=1&skills[${100_000 + i}].skillId=x`, a.managerCookie)))
  }
  return Promise.all(sends)
}

/** Finding 2: a 20 MB password and a 60 MB junk field. */
export function bigBodies(a: Attacker, n: number) {
  const password = `email=a@b.se&password=${'x'.repeat(20 * 1024 * 1024)}`
  const junk = `email=a@b.se&password=x&junk=${'y'.repeat(60 * 1024 * 1024)}`
  return Promise.all(Array.from({ length: n }, (_, i) => send(`${a.base}/login`, form(a.base, i % 2 ? junk : password))))
}

/** Finding 3: distinct `{ __typename }` queries padded with whitespace: 2 MB ones, and ones just under the query-length limit. */
export async function paddedQueries(a: Attacker, n: number) {
  const statuses: number[] = []
  const post = (query: string) => send(`${a.base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, (_, k) => i + k)
    statuses.push(...(await Promise.all(batch.map((j) => post(`{ __typename ${' '.repeat(j % 3 ? 45_000 + j : 2 * 1024 * 1024 + j)}}`)))))
  }
  return statuses
}

/** Finding 4: distinct but equivalent `situation` queries (comments, spacing, commas) from one staff member. */
export async function equivalentSituations(a: Attacker, n: number) {
  const credentials: Record<string, string> | null = a.staffToken ? { Authorization: `Bearer ${a.staffToken}` } : a.staffCookie ? { Cookie: a.staffCookie, Origin: a.base } : null
  if (!credentials) return []
  const statuses: number[] = []
  const post = (query: string) => send(`${a.base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...credentials }, body: JSON.stringify({ query }) })
  for (let i = 0; i < n; i += 20) {
    const batch = Array.from({ length: Math.min(20, n - i) }, (_, k) => i + k)
    statuses.push(...(await Promise.all(batch.map((j) => post(`# variant ${j}\n{ situation${' '.repeat(j % 7)} { units { id name load } } ${','.repeat(j % 5)} }`)))))
  }
  return statuses
}

/** Every finding, one after the other. */
export async function fireFindings(a: Attacker, scale = 1) {
  return {
    arrayIndices: await arrayIndices(a, 4 * scale),
    bigBodies: await bigBodies(a, 4 * scale),
    paddedQueries: await paddedQueries(a, 130 * scale),
    equivalentSituations: await equivalentSituations(a, 3000 * scale),
  }
}

/** Resident memory of a process in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** The cluster's workers: the server process's children. */
export function workerPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** Samples every worker's memory until stopped: the peak per worker, and the workers seen. */
export function watchWorkers(pid: number, everyMs = 100) {
  const peaks = new Map<number, number>()
  const sample = () => {
    for (const worker of workerPids(pid)) peaks.set(worker, Math.max(peaks.get(worker) ?? 0, rssMb(worker)))
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return peaks
    },
  }
}
