// Findings 1–3 of issue #15, as an anonymous attacker or a careless client
// sends them: form arrays with huge indices, oversized bodies and passwords,
// and padded GraphQL queries. Each is refused early with a small answer.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, createRoles, createSkill, sessionCookie } from '../factories'
import { ensureBuild, startServer, type AppServer } from './support'
import { action as loginAction } from '~/routes/login'
import { action as newRequestAction } from '~/routes/units.$unitId_.requests.new'
import { prisma } from '~/utils/db.server'
import { BODY_LIMITS, PASSWORD_MAX_LENGTH } from '~/utils/limits'

const form = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers }, body })

describe('form arrays (finding 1)', () => {
  test('an index far past any form is a small 400 naming the field, not an array of that size', async () => {
    const response = await call(() => loginAction({ request: form('/login', 'email=a@b.se&password=x&a[100000]=1'), params: {}, context: {} }))
    const text = await response.text()
    expect(response.status).toBe(400)
    expect(text.length).toBeLessThan(1000)
    expect(JSON.parse(text)).toEqual({ message: 'errors.fieldIndexTooLarge', field: 'a[100000]' })
  })

  test('thirty million on the sign-in form answers at once', async () => {
    const response = await call(() => loginAction({ request: form('/login', 'email=a@b.se&password=x&a[30000000]=1'), params: {}, context: {} }))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ field: 'a[30000000]' })
  })

  test("a manager's request form with skills[100000] is refused naming that field; skills[1] still works", async () => {
    const { unit, manager } = await createRoles()
    const skill = await createSkill({ key: 'limits-mi' })
    const other = await createSkill({ key: 'limits-kbt' })
    const cookie = await sessionCookie(manager.id)
    const post = (body: string) => call(() => newRequestAction({ request: form(`/units/${unit.id}/requests/new`, body, { Cookie: cookie }), params: { unitId: unit.id }, context: {} }))
    const refused = await post(`fte=1&minChunk=0,2&startWeek=2030-W02&endWeek=2030-W05&urgency=NORMAL&motivation=x&skills[100000].skillId=${skill.id}`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ message: 'errors.fieldIndexTooLarge', field: 'skills[100000].skillId' })
    const ok = await post(`fte=1&minChunk=0,2&startWeek=2030-W02&endWeek=2030-W05&urgency=NORMAL&motivation=Behöver hjälp med ärendetoppen i vinter&skills[0].skillId=${skill.id}&skills[0].minLevel=2&skills[1].skillId=${other.id}&skills[1].minLevel=3`)
    expect(ok.status, await ok.clone().text()).toBe(302)
  })

  test('a NUL in a field name or value is a 400 naming the field', async () => {
    const response = await call(() => loginAction({ request: form('/login', 'email=a%00@b.se&password=x'), params: {}, context: {} }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ message: 'errors.fieldHasNul', field: 'email' })
  })
})

describe('bodies and passwords (finding 2)', () => {
  test(`a password over ${PASSWORD_MAX_LENGTH} characters is refused before any hash is computed`, async () => {
    const response = await call(() => loginAction({ request: form('/login', `email=a@b.se&password=${'x'.repeat(PASSWORD_MAX_LENGTH + 1)}`), params: {}, context: {} }))
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('validation.passwordTooLong')
    expect(await prisma.rateLimiterFlexible.count()).toBe(0)
  })

  test('a form body over 1 MB is a 413 while it is read, whatever it claims', async () => {
    const big = `email=a@b.se&password=${'x'.repeat(BODY_LIMITS.default)}`
    expect((await call(() => loginAction({ request: form('/login', big), params: {}, context: {} }))).status).toBe(413)
    // A stream with no length: cut off at the limit, never buffered whole.
    let sent = 0
    const body = new ReadableStream({
      pull(controller) {
        sent += 64 * 1024
        controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)))
        if (sent > 50 * 1024 * 1024) controller.close()
      },
    })
    const streamed = new Request('http://localhost/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit)
    expect((await call(() => loginAction({ request: streamed, params: {}, context: {} }))).status).toBe(413)
    expect(sent).toBeLessThan(2 * 1024 * 1024)
  })
})

describe('the production server refuses big bodies before reading them', () => {
  let server: AppServer

  beforeAll(async () => {
    ensureBuild()
    server = await startServer({ DATABASE_URL: process.env.DATABASE_URL })
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  /** Sends only the head of a request claiming `length` bytes, and the server's first answer. */
  function claim(path: string, length: number, headers: string[] = []) {
    return new Promise<string>((resolve, reject) => {
      const { port, hostname } = new URL(server.url)
      const socket = net.connect(Number(port), hostname, () => {
        const size = headers.length ? [] : [`Content-Length: ${length}`]
        socket.write([`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Type: application/x-www-form-urlencoded', ...size, ...headers, '', ''].join('\r\n'))
      })
      let answer = ''
      socket.on('data', (d) => {
        answer += d
        if (answer.includes('\r\n\r\n')) {
          socket.destroy()
          resolve(answer)
        }
      })
      socket.on('error', reject)
      setTimeout(() => {
        socket.destroy()
        resolve(answer || 'no answer')
      }, 5000)
    })
  }

  test('a 60 MB form claimed to /login: 413 at once, without waiting for the body', async () => {
    expect(await claim('/login', 60 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413/)
  })

  test('a 2 MB GraphQL query: 413; the HR import page alone takes 10 MB files', async () => {
    expect(await claim('/graphql', 2 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413/)
    expect(await claim('/admin/import', 11 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 (302|403|401)/)
    expect(await claim('/admin/import', 20 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413/)
  })

  test('a streamed body without a length is refused with 411', async () => {
    expect(await claim('/login', 0, ['Transfer-Encoding: chunked'])).toMatch(/^HTTP\/1\.1 411/)
  })
})

describe('GraphQL parse cache (finding 3)', () => {
  test('a query padded past any real one is refused before parsing', async () => {
    const { action } = await import('~/routes/graphql')
    const query = `{ __typename ${' '.repeat(200_000)}}`
    const response = (await call(() => action({ request: new Request('http://localhost/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) }), params: {}, context: {} })))
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/longer than/)
  })
})
