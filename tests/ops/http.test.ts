// The production build served by remix-serve, asked over HTTP as a browser
// without JavaScript would: security headers, CSRF refusal, the import round
// trip and the downloads.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRoles, createSkill, sessionCookie } from '../factories'
import { ensureBuild, startServer, type AppServer } from './support'
import { prisma } from '~/utils/db.server'

let server: AppServer

beforeAll(async () => {
  ensureBuild()
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })

describe('compression', () => {
  test('pages go gzipped to clients that accept it, and whole to those that do not', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const zipped = await fetch(`${server.url}/situation`, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    // fetch unzips: the page reads the same either way.
    const page = await zipped.text()
    expect(page).toContain('<h1')
    const whole = await fetch(`${server.url}/situation`, { headers: { Cookie: cookie, 'Accept-Encoding': 'identity' } })
    expect(whole.headers.get('Content-Encoding')).toBeNull()
    expect((await whole.text()).length).toBeGreaterThan(1000)
  })
})

describe('security headers on every page', () => {
  test('CSP with a fresh nonce that every script carries, no framing, no sniffing', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const nonces = new Set<string>()
    for (const [path, c] of [
      ['/login', undefined],
      ['/situation', cookie],
      ['/admin/import', cookie],
    ] as const) {
      const response = await get(path, c)
      expect(response.status, path).toBe(200)
      const csp = response.headers.get('Content-Security-Policy') ?? ''
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
      expect(nonce, `${path}: ${csp}`).toBeTruthy()
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(response.headers.get('X-Frame-Options')).toBe('DENY')
      expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
      const html = await response.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length, path).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`)
      nonces.add(nonce!)
    }
    expect(nonces.size).toBe(3)
  })

  test('the session cookie is httpOnly and SameSite=Lax', async () => {
    const { central } = await createRoles()
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ email: central.email, password: 'korrekt-häst-batteri' }),
    })
    expect(response.status).toBe(302)
    const cookie = response.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/__avlast_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })
})

describe('without JavaScript', () => {
  test('cross-site posts are refused and change nothing', async () => {
    const { central, unit } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const before = await prisma.auditLog.count()
    const csv = `Förnamn;Efternamn;E-post;Befattning;Enhetskod;Tjänstgöringsgrad;Anställningsdatum\r\nA;B;x@kommun.se;S;${unit.code};1;2020-01-01\r\n`
    const post = async (path: string, headers: Record<string, string>) => {
      const form = new FormData()
      form.set('intent', 'preview')
      form.set('file', new File([csv], 'a.csv'))
      return fetch(`${server.url}${path}`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: form, redirect: 'manual' })
    }
    // The server refuses every cross-site post with 403 before Remix sees it.
    expect((await post('/admin/import?_data=routes%2Fadmin.import', { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post('/admin/import', { Referer: 'https://evil.example/page' })).status).toBe(403)
    expect((await post('/logout', { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post(`/admin/privacy/${central.id}.json`, { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post('/admin/import', { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post('/matching', { Origin: 'null' })).status).toBe(403)
    expect(await prisma.staff.count({ where: { email: 'x@kommun.se' } })).toBe(0)
    expect(await prisma.auditLog.count()).toBe(before)
  })

  test('upload → preview page → apply → the page says it is done', async () => {
    const { central, unit } = await createRoles()
    await createSkill({ key: 'nojs-skill' })
    const cookie = await sessionCookie(central.id)
    const form = new FormData()
    form.set('intent', 'preview')
    const csv = `Förnamn;Efternamn;E-post;Befattning;Enhetskod;Tjänstgöringsgrad;Anställningsdatum;Kompetenser\r\nKarin;Nojs;karin.nojs@kommun.se;Socionom;${unit.code};0,6;2021-02-01;nojs-skill:2\r\n`
    form.set('file', new File([csv], 'personal.csv', { type: 'text/csv' }))
    const previewPage = await fetch(`${server.url}/admin/import`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, body: form })
    expect(previewPage.status).toBe(200)
    const html = await previewPage.text()
    expect(html).toContain('Förhandsgranskning')
    expect(html).toContain('karin.nojs@kommun.se')
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''
    expect(hidden('fingerprint')).toMatch(/^[0-9a-f]{64}$/)
    expect(await prisma.staff.count({ where: { email: 'karin.nojs@kommun.se' } })).toBe(0)

    const applied = await fetch(`${server.url}/admin/import`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'apply', csv: hidden('csv'), fingerprint: hidden('fingerprint') }),
    })
    expect(applied.status).toBe(302)
    const toast = (applied.headers.get('Set-Cookie') ?? '').split(';')[0]
    const done = await get('/admin/import', `${cookie}; ${toast}`)
    expect(await done.text()).toContain('Importen är genomförd: 1 nya och 0 ändrade medarbetare, 0 nya enheter.')
    expect(await prisma.staff.findUnique({ where: { email: 'karin.nojs@kommun.se' }, select: { fte10: true, skills: { select: { level: true } } } })).toEqual({ fte10: 6, skills: [{ level: 2 }] })
  })

  test('exports download as CSV files and the personal data as JSON', async () => {
    const { central, staff } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const csv = await get('/admin/export/staff.csv', cookie)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="avlast-staff-/)
    expect(await csv.text()).toContain(staff.email)
    const json = await fetch(`${server.url}/admin/privacy/${staff.id}.json`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(json.headers.get('Content-Disposition')).toBe(`attachment; filename="avlast-personuppgifter-${staff.id}.json"`)
    expect(json.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(((await json.json()) as { person: { id: string } }).person.id).toBe(staff.id)
  })
})
