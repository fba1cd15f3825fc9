// npm run bench:pages — server-side render time of the situation picture and
// the matching page with 10,000 staff (target: under 300 ms each).
import { percentile, seededDatabase, signInCookie, startApp } from './lib/server'

const staff = Number(process.env.STAFF ?? 10_000)
const rounds = Number(process.env.ROUNDS ?? 20)
const database = await seededDatabase('bench-pages', staff)
// One worker: each request's own render time, not the cluster's.
process.env.WEB_CONCURRENCY ??= '1'
const { base, stop } = await startApp(database)
try {
  const cookie = await signInCookie(base, 'central@demo.avlast.se')
  console.log(`\nServer-side render with ${staff.toLocaleString('en')} staff, ${rounds} sequential requests each (target: p95 < 300 ms)\n`)
  console.log(['page', 'min', 'p50', 'p95', 'max', 'bytes', 'target'].map((h) => h.padEnd(12)).join(''))
  for (const page of ['/situation', '/matching', '/loans', '/follow-up']) {
    const times: number[] = []
    let bytes = 0
    for (let i = 0; i < rounds + 3; i++) {
      const started = performance.now()
      const response = await fetch(`${base}${page}`, { headers: { Cookie: cookie } })
      const body = await response.text()
      if (response.status !== 200) throw new Error(`${page}: HTTP ${response.status}`)
      if (i >= 3) times.push(performance.now() - started)
      bytes = body.length
    }
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 95)
    const target = page === '/situation' || page === '/matching' ? (p95 < 300 ? 'met' : 'MISSED') : ''
    console.log([page, times[0], percentile(times, 50), p95, times.at(-1)!].map((v, i) => (i === 0 ? String(v) : `${(v as number).toFixed(0)} ms`).padEnd(12)).join('') + String(bytes).padEnd(12) + target)
  }
} finally {
  stop()
}
