// `npm run bench:hostile [-- --staff 2000 --clients 20 --duration 20]`
// Twenty honest clients (central, managers and staff) keep at the pages and
// the API of the production build (two workers, 160 MB heap each) while
// findings 1–4 of issue #15 are fired at it over and over, for a bounded
// time. Prints the honest clients' requests, errors and p95 latency, the
// attack requests and how they were answered, and each worker's peak memory.
// Passes when the honest clients saw no error and no worker died.
import { parseArgs } from 'node:util'
import { fireFindings, watchWorkers, workerPids } from './lib/attacks'
import { percentile, seededDatabase, signInCookie, startApp } from './lib/server'

const { values } = parseArgs({
  options: { staff: { type: 'string', default: '2000' }, clients: { type: 'string', default: '20' }, duration: { type: 'string', default: '20' }, reseed: { type: 'boolean', default: false } },
})
const CLIENTS = Number(values.clients)
const DURATION_MS = Number(values.duration) * 1000

process.env.WEB_CONCURRENCY ??= '2'
process.env.WORKER_HEAP_MB ??= '160'
const database = await seededDatabase('hostile', Number(values.staff), values.reseed)
const app = await startApp(database)
const base = app.base
try {
  const cookies = {
    central: await signInCookie(base, 'central@demo.avlast.se'),
    manager: await signInCookie(base, 'chef@demo.avlast.se'),
    staff: await signInCookie(base, 'medarbetare@demo.avlast.se'),
  }
  const unitId = /href="\/units\/([^"/]+)"/.exec(await (await fetch(`${base}/situation`, { headers: { Cookie: cookies.manager } })).text())?.[1]
  const honest: { role: keyof typeof cookies; path: string; body?: string }[] = [
    { role: 'central', path: '/situation' },
    { role: 'central', path: '/matching' },
    { role: 'central', path: '/loans' },
    { role: 'manager', path: unitId ? `/units/${unitId}` : '/situation' },
    { role: 'staff', path: '/profile' },
    { role: 'central', path: '/graphql', body: '{ situation { units { id name load loadWithLoans } } }' },
    { role: 'staff', path: '/graphql', body: '{ me { id role } skills { id name } }' },
  ]
  const latencies: number[] = []
  const errors: string[] = []
  const deadline = Date.now() + DURATION_MS
  const client = async (n: number) => {
    for (let i = n; Date.now() < deadline; i++) {
      const step = honest[i % honest.length]
      const started = performance.now()
      try {
        const response = await fetch(`${base}${step.path}`, {
          method: step.body ? 'POST' : 'GET',
          headers: { Cookie: cookies[step.role], Origin: base, ...(step.body ? { 'Content-Type': 'application/json' } : {}) },
          body: step.body ? JSON.stringify({ query: step.body }) : undefined,
          redirect: 'manual',
        })
        const text = await response.text()
        if (response.status !== 200 || (step.body && text.includes('"errors"'))) errors.push(`${step.path} ${response.status}`)
      } catch (error) {
        errors.push(`${step.path} ${(error as Error).message}`)
      }
      latencies.push(performance.now() - started)
    }
  }
  const workersBefore = workerPids(app.server.pid!).sort()
  const watch = watchWorkers(app.server.pid!, 50)
  const attacks: Record<string, number[]> = {}
  let rounds = 0
  const attacker = async () => {
    while (Date.now() < deadline) {
      rounds++
      for (const [kind, statuses] of Object.entries(await fireFindings({ base, managerCookie: cookies.manager, unitId, staffCookie: cookies.staff }))) (attacks[kind] ??= []).push(...statuses)
    }
  }
  await Promise.all([attacker(), ...Array.from({ length: CLIENTS }, (_, n) => client(n))])
  const peaks = watch.stop()
  const workersAfter = workerPids(app.server.pid!).sort()
  latencies.sort((a, b) => a - b)
  const up = (await fetch(`${base}/healthz`).catch(() => null))?.status === 200

  console.log(`\nHostile load: ${CLIENTS} honest clients for ${DURATION_MS / 1000} s while findings 1–4 were fired (${rounds} rounds); ${values.staff} staff, 2 workers × 160 MB heap`)
  console.log(`honest requests  ${latencies.length}   errors ${errors.length}   p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`)
  for (const [kind, statuses] of Object.entries(attacks)) {
    const counts = Object.entries(statuses.reduce<Record<string, number>>((c, s) => ({ ...c, [s === 0 ? 'closed' : s]: (c[s === 0 ? 'closed' : s] ?? 0) + 1 }), {}))
    console.log(`attack ${kind.padEnd(22)} ${String(statuses.length).padStart(6)} requests: ${counts.map(([s, n]) => `${n}× ${s}`).join(', ')}`)
  }
  for (const [pid, mb] of peaks) console.log(`worker ${pid} peak RSS ${mb.toFixed(0)} MB${workersAfter.includes(pid) ? '' : ' (gone: it died)'}`)
  const survived = up && JSON.stringify(workersBefore) === JSON.stringify(workersAfter)
  console.log(`server up: ${up ? 'yes' : 'NO'}   workers replaced: ${survived ? 'none' : `${workersBefore.join(',')} → ${workersAfter.join(',')}`}`)
  if (errors.length) console.log(`first errors: ${errors.slice(0, 5).join('; ')}`)
  console.log(errors.length === 0 && survived ? '✔ no errors for honest clients, no worker died' : '✘ honest clients saw errors or a worker died')
  if (errors.length || !survived) process.exitCode = 1
} finally {
  app.stop()
}
