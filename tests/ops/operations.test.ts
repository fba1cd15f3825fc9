// What an IT department runs Avlast with, tested on the production server:
// probes, Prometheus metrics behind a token, helmet's headers on every kind
// of response, JSON logs with a request id and nothing personal, the client
// address from the proxy chain, and a shutdown that lets requests finish.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRoles, createUser, sessionCookie, TEST_PASSWORD } from '../factories'
import { ensureBuild, freePort, startServer, type AppServer } from './support'
import { getDatabaseProvider } from '~/utils/database-url'

const TOKEN = 'metrics-token-0123456789'
let server: AppServer

beforeAll(async () => {
  ensureBuild()
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL, WEB_CONCURRENCY: '2', METRICS_TOKEN: TOKEN, TRUST_PROXY: '1' })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' })

describe('probes and metrics', () => {
  test('/healthz and /readyz answer; /metrics needs the token and covers both workers', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' })
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' })
    expect((await get('/metrics')).status).toBe(401)
    expect((await get('/metrics', { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401)
    // Each page read to its end: a request is counted when the server has sent all of it.
    for (let i = 0; i < 6; i++) await (await fetch(`${server.url}/login`, { headers: { Connection: 'close' } })).text()
    const metrics = await (await get('/metrics', { Authorization: `Bearer ${TOKEN}` })).text()
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/login",status="2xx"\} ([6-9]|\d\d)/)
    for (const name of ['avlast_jobs_queued', 'avlast_matching_runs', 'avlast_read_model_cache_bytes', 'avlast_db_pool_connections', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(metrics, name).toContain(`# TYPE ${name}`)
    }
  })

  test('without METRICS_TOKEN there is no /metrics', async () => {
    const plain = await startServer({ DATABASE_URL: process.env.DATABASE_URL })
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404)
    } finally {
      await plain.stop()
    }
  })
})

describe('headers on every response', () => {
  test('HSTS, nosniff, no framing and a CSP on pages, CSV, JSON, /graphql, static files and 404s; the page nonce is the CSP nonce', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const responses = [
      await get('/login'),
      await get('/situation.csv', { Cookie: cookie }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      await get('/favicon.svg'),
      await get('/finns-inte'),
    ]
    for (const response of responses) {
      expect(response.headers.get('Strict-Transport-Security'), response.url).toMatch(/max-age=\d{7,}/)
      expect(response.headers.get('X-Content-Type-Options'), response.url).toBe('nosniff')
      expect(response.headers.get('X-Frame-Options'), response.url).toBe('DENY')
      expect(response.headers.get('Content-Security-Policy'), response.url).toContain("frame-ancestors 'none'")
    }
    const page = responses[0]
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get('Content-Security-Policy')!)![1]
    const html = await page.text()
    expect(html).toContain(`<script nonce="${nonce}"`)
    expect([...html.matchAll(/<script nonce="([^"]+)"/g)].every((m) => m[1] === nonce)).toBe(true)
  })
})

describe('logs', () => {
  test('one JSON line per request with its id (taken from X-Request-Id), and nothing personal', async () => {
    const user = await createUser({ email: 'anna.personlig@kommun.se' })
    const signIn = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, 'X-Request-Id': 'req-ops-test-1', 'X-Forwarded-For': '203.0.113.99' },
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
    })
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('X-Request-Id')).toBe('req-ops-test-1')
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0]
    await get('/situation?q=Anna+Personlig', { Cookie: cookie })
    // Secrets in a path (a calendar feed's token, a set-password link) stay out of the log too.
    const feedToken = 'feedtoken0123456789abcdefghijkl'
    const linkToken = 'linktoken0123456789abcdefghijkl'
    await get(`/calendar/${feedToken}.ics`)
    await get(`/set-password/${linkToken}`)
    await new Promise((r) => setTimeout(r, 300))
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const line = lines.find((l) => l.reqId === 'req-ops-test-1')
    expect(line).toMatchObject({ level: 'info', req: { method: 'POST', path: '/login' }, res: { statusCode: 302 } })
    expect(typeof line!.responseTime).toBe('number')
    const all = server.output()
    expect(lines.some((l) => (l.req as { path?: string } | undefined)?.path === '/calendar/:token')).toBe(true)
    for (const secret of ['anna.personlig', 'Personlig', '203.0.113.99', TEST_PASSWORD, cookie.split('=')[1], feedToken, linkToken]) expect(all, secret).not.toContain(secret)
  })
})

describe('the client address (finding 7)', () => {
  test('with TRUST_PROXY=1 an attacker who writes a victim’s address first in X-Forwarded-For only slows down their own', async () => {
    const victim = await createUser()
    const post = (email: string, password: string, forwardedFor: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, 'X-Forwarded-For': forwardedFor },
        body: new URLSearchParams({ email, password }),
      })
    // The proxy appends the address it saw (203.0.113.9, the attacker's); the client wrote the victim's before it.
    for (let i = 0; i < 60; i++) await post(`gissning${i}@kommun.se`, 'fel', '198.51.100.5, 203.0.113.9')
    // The victim, through the same proxy, from their own address.
    expect((await post(victim.email, TEST_PASSWORD, '198.51.100.5')).status).toBe(302)
  }, 60_000)
})

describe('graceful shutdown', () => {
  test('SIGTERM: a request in flight finishes, new connections are refused, the process exits 0', async () => {
    const app = await startServer({ DATABASE_URL: process.env.DATABASE_URL, SHUTDOWN_TIMEOUT_MS: '20000' })
    const { port, hostname } = new URL(app.url)
    // A request still arriving when the signal comes: its body is sent slowly.
    const answer = new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(`POST /login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${app.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\nemail=a%40b.se&pass`)
        setTimeout(() => socket.write('word=xxxxx'), 1500)
      })
      let text = ''
      socket.on('data', (d) => (text += d))
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })
    await new Promise((r) => setTimeout(r, 500))
    const exited = new Promise<number | null>((resolve) => app.process.once('exit', (code) => resolve(code)))
    app.process.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 300))
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow()
    expect(await answer).toMatch(/^HTTP\/1\.1 400/)
    expect(await exited).toBe(0)
  }, 60_000)
})

describe.runIf(getDatabaseProvider(process.env.DATABASE_URL) === 'postgresql')('readiness on PostgreSQL', () => {
  test('/readyz fails while the database cannot be reached and recovers after', async () => {
    const target = new URL(process.env.DATABASE_URL!)
    // The app reaches PostgreSQL through a relay on the loopback that the test can cut.
    const relayPort = await freePort()
    const sockets = new Set<net.Socket>()
    const listen = () =>
      new Promise<net.Server>((resolve) => {
        const relay = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 5432), target.hostname)
          for (const s of [client, upstream]) {
            sockets.add(s)
            s.on('close', () => sockets.delete(s))
            s.on('error', () => s.destroy())
          }
          client.pipe(upstream).pipe(client)
        })
        relay.listen(relayPort, '127.0.0.1', () => resolve(relay))
      })
    let relay = await listen()
    const viaRelay = new URL(target)
    viaRelay.host = `127.0.0.1:${relayPort}`
    const app = await startServer({ DATABASE_URL: viaRelay.toString() })
    try {
      const ready = () => fetch(`${app.url}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } }))
      expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } })
      // Down: nothing listens on the port, and open connections are cut.
      const closed = new Promise((r) => relay.close(r))
      for (const s of sockets) s.destroy()
      await closed
      expect((await ready()).status).toBe(503)
      expect((await (await fetch(`${app.url}/healthz`)).json()).status).toBe('ok')
      // Back.
      relay = await listen()
      let back = await ready()
      for (let i = 0; i < 20 && back.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 500))
        back = await ready()
      }
      expect(back).toEqual({ status: 200, body: { status: 'ready' } })
    } finally {
      await app.stop()
      relay.close()
      for (const s of sockets) s.destroy()
    }
  }, 90_000)
})
