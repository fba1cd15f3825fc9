// Every route with an action, found by reading app/routes, refuses a
// cross-site POST with 403 and writes nothing, whoever is signed in. A new
// route is covered the day it is added.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { createRequest, createRoles, sessionCookie } from '../factories'
import { databaseHash, ROOT } from './support'
import { prisma } from '~/utils/db.server'

type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>

const ROUTES_DIR = path.join(ROOT, 'app/routes')
const routeFiles = fs.readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f))

/** The intents a route's action distinguishes, read from its source. */
function intentsOf(source: string) {
  const found = new Set<string>([''])
  for (const m of source.matchAll(/intent\s*===\s*'([^']+)'|case\s+'([^']+)'/g)) found.add(m[1] ?? m[2])
  return [...found]
}

const CROSS_SITE: Record<string, string>[] = [
  { Origin: 'https://evil.example' },
  { Origin: 'null' },
  { Referer: 'https://evil.example/page' },
  // Finding 8: a cookie with neither Origin nor Referer, the browser's own word that it is cross-site, another scheme.
  {},
  { 'Sec-Fetch-Site': 'cross-site' },
  { 'Sec-Fetch-Site': 'same-site', Origin: 'http://localhost' },
  { Origin: 'https://localhost' },
  { Referer: 'https://localhost/situation' },
]

let ids: Record<string, string>
let cookies: string[]

beforeAll(async () => {
  const { unit, otherUnit, staff, staffUser, manager, central } = await createRoles()
  const request = await createRequest({ unitId: unit.id })
  const loan = await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek } })
  ids = { unitId: unit.id, otherUnitId: otherUnit.id, requestId: request.id, loanId: loan.id, staffId: staff.id, kind: 'staff' }
  cookies = [await sessionCookie(central.id), await sessionCookie(manager.id), await sessionCookie(staffUser.id)]
})

function paramsFor(file: string) {
  const params: Record<string, string> = {}
  for (const m of file.matchAll(/\$(\w+)/g)) params[m[1]] = ids[m[1]] ?? 'x'
  return params
}

async function statusOf(fn: () => Promise<unknown>) {
  try {
    const result = await fn()
    return result instanceof Response ? result.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('CSRF: cross-site posts to every action', () => {
  test('the route list is read from app/routes', () => {
    expect(routeFiles).toEqual(expect.arrayContaining(['login.tsx', 'logout.tsx', 'locale.tsx', 'admin.import.tsx', 'admin.privacy.tsx']))
  })

  test.each(routeFiles)('%s', async (file) => {
    const mod = (await import(path.join(ROUTES_DIR, file))) as { action?: Action }
    if (!mod.action) return
    const action = mod.action
    const source = fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8')
    const params = paramsFor(file)
    const urlPath = `/${file.replace(/\.tsx?$/, '').replace(/\[\.(\w+)\]/, '.$1').split('.').join('/')}`
    const before = await databaseHash()
    for (const cookie of cookies) {
      for (const headers of CROSS_SITE) {
        for (const intent of intentsOf(source)) {
          const body = new URLSearchParams({ intent, ...params, email: 'a@b.se', password: 'x', locale: 'en', note: 'x', csv: '', fingerprint: '' })
          const request = new Request(`http://localhost${urlPath}`, { method: 'POST', headers: { Cookie: cookie, ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body })
          expect(await statusOf(() => action({ request, params, context: {} })), `${file} ${intent} ${JSON.stringify(headers)}`).toBe(403)
        }
      }
    }
    expect(await databaseHash(), `${file} wrote to the database`).toBe(before)
  })

  test('the same posts from this site get past the check (the 403 above is the CSRF check)', async () => {
    const { action } = await import('~/routes/locale')
    const request = new Request('http://localhost/locale', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ locale: 'en', redirectTo: '/' }),
    })
    expect(await statusOf(() => action({ request, params: {}, context: {} }))).toBe(302)
  })

  test('Sec-Fetch-Site: same-origin alone is enough (some privacy tools strip Origin)', async () => {
    const { action } = await import('~/routes/locale')
    const request = new Request('http://localhost/locale', {
      method: 'POST',
      headers: { Cookie: cookies[0], 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ locale: 'en', redirectTo: '/' }),
    })
    expect(await statusOf(() => action({ request, params: {}, context: {} }))).toBe(302)
  })
})

describe('CSRF: GraphQL takes only JSON', () => {
  test('a form-encoded mutation with the session cookie is refused and writes nothing, even from this site', async () => {
    const { action } = await import('~/routes/graphql')
    const before = await databaseHash()
    const mutation = `mutation { rejectLoan(id: "${ids.loanId}") { id } }`
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: mutation }).toString()],
      ['text/plain', JSON.stringify({ query: mutation })],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation}\r\n--x--`],
    ]) {
      for (const origin of [{ Origin: 'http://localhost' }, { Origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
        const request = new Request('http://localhost/graphql', { method: 'POST', headers: { Cookie: cookies[0], 'Content-Type': type, ...origin }, body })
        // From this site: not JSON (415); from another or none: cross-site (403).
        expect(await statusOf(() => action({ request, params: {}, context: {} })), `${type} ${JSON.stringify(origin)}`).toBe(origin.Origin === 'http://localhost' ? 415 : 403)
      }
    }
    expect(await databaseHash()).toBe(before)
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: ids.loanId } })).status).toBe('PROPOSED')
  })
})
