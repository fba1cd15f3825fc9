// Seeded random malformed input against every form action, the HR import and
// the GraphQL API: never a server error, and a refused request writes nothing
// (the whole database is compared before and after). A failure names its seed
// and case, so it can be replayed.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { createRequest, createRoles, createSkill, sessionCookie } from '../factories'
import { databaseHash, random, ROOT } from './support'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { DomainError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import { getToast } from '~/utils/toast.server'
import { applyHrImport, previewHrImport } from '~/models/hr-import.server'

const SEED = Number(process.env.FUZZ_SEED ?? 20261123)
const ROUTES_DIR = path.join(ROOT, 'app/routes')
type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>

let ids: Record<string, string[]>
let cookies: { central: string; manager: string; staff: string }
let central: Actor

beforeAll(async () => {
  const roles = await createRoles()
  const skill = await createSkill({ key: 'fuzz-mi' })
  const request = await createRequest({ unitId: roles.unit.id, skills: [{ skillId: skill.id, minLevel: 2 }] })
  const other = await createRequest({ unitId: roles.otherUnit.id })
  const loan = await prisma.loan.create({ data: { staffId: roles.staff.id, requestId: other.id, fte10: 2, startWeek: other.startWeek, endWeek: other.endWeek } })
  const absence = await prisma.absence.create({ data: { staffId: roles.staff.id, startDate: new Date('2027-01-04'), endDate: new Date('2027-01-08') } })
  const area = await prisma.area.findFirstOrThrow()
  ids = {
    unitId: [roles.unit.id, roles.otherUnit.id],
    requestId: [request.id, other.id],
    loanId: [loan.id],
    staffId: [roles.staff.id],
    skillId: [skill.id],
    absenceId: [absence.id],
    areaId: [area.id],
  }
  cookies = { central: await sessionCookie(roles.central.id), manager: await sessionCookie(roles.manager.id), staff: await sessionCookie(roles.staffUser.id) }
  central = (await getActorById(roles.central.id))!
})

/** What a broken client, a confused user or an attacker might send (`%00` decodes to a NUL). */
function nasty(rng: ReturnType<typeof random>, nul = true): string {
  const anyId = () => rng.pick(Object.values(ids).flat())
  return rng.pick<() => string>([
    () => '',
    () => ' ',
    () => rng.pick(['0', '-1', '1', '4', '5', '0,5', '0.55', '1e309', 'NaN', 'Infinity', '9'.repeat(30), '-0']),
    () => rng.pick(['2026-W50', '2026-W99', '2026-13-45', '2026-02-30', '0000-00-00', '2026-11-23T25:00', '99999-01-01']),
    () => rng.pick(['yes', 'no', 'ja', 'true', 'on', 'approve', 'reject', 'LOW', 'CRITICAL', 'METHOD', 'TRAINING', 'sv', 'en', 'xx']),
    () => 'a'.repeat(1 + rng.int(20_000)),
    () => '<script>alert(1)</script>',
    () => `'; DROP TABLE "Staff"; --`,
    () => (nul ? '\u0000\u0001\u202e' : '\u0001\u202e'),
    () => '🙂'.repeat(1 + rng.int(300)),
    () => 'Åsa Öberg-Ängström',
    () => '{"__proto__":{"admin":true}}',
    () => anyId(),
    () => `${anyId()}x`,
    () => 'https://evil.example/',
    () => '//evil.example',
    // Any Unicode scalar value: what UTF-8 decoding of a form can produce (never a lone surrogate).
    () => Array.from({ length: rng.int(40) }, () => String.fromCodePoint(rng.chance(0.5) ? (nul ? 0 : 1) + rng.int(0xd7ff) : 0xe000 + rng.int(0x10ffff - 0xe000))).join(''),
  ])()
}

// Routes that may be spared NUL bytes (PostgreSQL refuses them in text) or
// broken bodies: none. Every route reads its form with readFormData() and its
// ids with idParam(), which answer 400/404 instead.
const NUL_NOT_YET_GUARDED = new Set<string>()
const BODY_NOT_YET_GUARDED = new Set<string>()

function fieldNames(source: string) {
  const names = new Set(['intent', 'note', 'loanId', 'loanIds', 'staffId', 'skillId', 'absenceId', 'requestId', 'areaId', 'unitId', 'redirectTo', 'decision', 'csv', 'fingerprint', 'confirmEmail', 'file'])
  for (const m of source.matchAll(/(?:get|getAll)\('(\w+)'\)|name="([\w.[\]]+)"/g)) names.add(m[1] ?? m[2])
  for (const file of ['app/models/profile-schemas.ts', 'app/models/request-schema.ts', 'app/models/taxonomy-schemas.ts']) {
    if (!fs.existsSync(path.join(ROOT, file))) continue
    for (const m of fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^\s+(\w+): z\./gm)) names.add(m[1])
  }
  for (const extra of ['skills[0].skillId', 'skills[0].minLevel', 'skills[1].skillId', 'set[0].level']) names.add(extra)
  return [...names]
}

function intentsOf(source: string) {
  return [...new Set([...source.matchAll(/intent\s*===\s*'([^']+)'|case\s+'([^']+)'|name="intent" value="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]))]
}

function buildRequest(rng: ReturnType<typeof random>, url: string, cookie: string, fields: [string, string][], brokenBodies: boolean) {
  const headers: Record<string, string> = { Cookie: cookie, Origin: 'http://localhost' }
  const kind = rng.next()
  if (kind < 0.8) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    return new Request(url, { method: 'POST', headers, body: new URLSearchParams(fields) })
  }
  if (kind < 0.9 || !brokenBodies) {
    const form = new FormData()
    for (const [k, v] of fields) form.append(k, rng.chance(0.2) ? new File([v], 'x.csv') : v)
    return new Request(url, { method: 'POST', headers, body: form })
  }
  headers['Content-Type'] = rng.pick(['multipart/form-data; boundary=zzz', 'application/json', 'text/plain', 'multipart/form-data'])
  return new Request(url, { method: 'POST', headers, body: rng.pick(['--zzz\r\nbroken', '{"intent":', nasty(rng), '']) })
}

async function outcome(fn: () => Promise<unknown>) {
  let response: Response
  try {
    const result = await fn()
    response = result instanceof Response ? result : new Response(null, { status: 200 })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    response = thrown
  }
  const toast = response.headers.get('Set-Cookie')?.includes('__avlast_toast')
    ? (await getToast(new Request('http://localhost/', { headers: { Cookie: response.headers.get('Set-Cookie')!.split(';')[0] } }))).toast
    : null
  return { status: response.status, refused: response.status >= 400 || toast?.type === 'error' }
}

describe(`fuzz (seed ${SEED})`, () => {
  test('form actions: 300 malformed posts, no server error, no write when refused', async () => {
    const rng = random(SEED)
    // Sign-in records failed attempts by design and sign-out ends the session the cases use.
    const skip = new Set(['login.tsx', 'logout.tsx'])
    const routes: { file: string; action: Action; fields: string[]; intents: string[] }[] = []
    for (const file of fs.readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f) && !skip.has(f))) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { action?: Action }
      const source = fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8')
      if (mod.action) routes.push({ file, action: mod.action, fields: fieldNames(source), intents: intentsOf(source) })
    }
    expect(routes.length).toBeGreaterThan(5)
    let hash = await databaseHash()
    for (let i = 0; i < 300; i++) {
      const route = routes[i % routes.length]
      const params: Record<string, string> = {}
      const nul = !NUL_NOT_YET_GUARDED.has(route.file)
      for (const m of route.file.matchAll(/\$(\w+)/g)) params[m[1]] = rng.chance(0.8) && ids[m[1]] ? rng.pick(ids[m[1]]) : nasty(rng, nul)
      const fields: [string, string][] = []
      if (route.intents.length && rng.chance(0.9)) fields.push(['intent', rng.pick(route.intents)])
      for (let n = rng.int(8); n > 0; n--) {
        const name = rng.pick(route.fields)
        fields.push([name, ids[name] && rng.chance(0.5) ? rng.pick(ids[name]) : nasty(rng, nul)])
      }
      const cookie = rng.pick([cookies.central, cookies.central, cookies.manager, cookies.staff])
      const request = buildRequest(rng, `http://localhost/${route.file.replace(/\.tsx?$/, '').split('.').join('/')}`, cookie, fields, !BODY_NOT_YET_GUARDED.has(route.file))
      const label = `case ${i} ${route.file} ${JSON.stringify(fields).slice(0, 300)}`
      const result = await outcome(() => route.action({ request, params, context: {} })).catch((error: unknown) => {
        throw new Error(`${label}: threw ${(error as Error)?.stack ?? error}`)
      })
      expect(result.status, label).toBeLessThan(500)
      const after = await databaseHash()
      if (result.refused) expect(after, `${label} was refused but wrote`).toBe(hash)
      hash = after
    }
  }, 120_000)

  test('HR import: 300 mangled files, never a crash, all or nothing', async () => {
    const rng = random(SEED + 1)
    const unit = await prisma.unit.findFirstOrThrow({ select: { code: true } })
    const header = 'Förnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser'
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => `Fuzz;Person ${i};fuzz${i}-${rng.int(1e9)}@kommun.se;Socionom;;${unit.code};;${rng.pick(['1', '0,5', '80 %'])};${rng.int(30)};2020-01-0${1 + rng.int(9)};${rng.pick(['ja', 'nej', ''])};${rng.pick(['', 'fuzz-mi:2'])}`)
    const insertable = [';', ',', '"', '\n', '\r', "'", '=', '|', ':', 'å', '\u0000', '\uFEFF', '\uFFFD', ' ', '%']
    let hash = await databaseHash()
    let applied = 0
    for (let i = 0; i < 300; i++) {
      const rows = [header, ...lines(1 + rng.int(6))]
      let csv = rows.join(rng.pick(['\n', '\r\n']))
      for (let m = rng.int(6); m > 0; m--) {
        const at = rng.int(csv.length + 1)
        const op = rng.int(5)
        if (op === 0) csv = csv.slice(0, at) + rng.pick(insertable) + csv.slice(at)
        else if (op === 1) csv = csv.slice(0, at) + csv.slice(at + 1 + rng.int(5))
        else if (op === 2) csv = csv.slice(0, at)
        else if (op === 3) csv = csv.replaceAll(';', ',')
        else csv = csv.slice(0, at) + nasty(rng) + csv.slice(at)
      }
      if (rng.chance(0.1)) csv = `\uFEFF${csv}`
      const label = `case ${i} ${JSON.stringify(csv).slice(0, 400)}`
      const preview = await previewHrImport(central, csv).catch((error: unknown) => {
        throw new Error(`${label}: preview threw ${(error as Error)?.stack}`)
      })
      const lineCount = csv.split(/\r\n|\r|\n/).length
      for (const e of preview.errors) {
        expect(e.line, label).toBeGreaterThanOrEqual(1)
        expect(e.line, label).toBeLessThanOrEqual(lineCount)
        expect(e.message, label).toMatch(/^ops\.import\.errors\.\w+$/)
      }
      try {
        await applyHrImport(central, csv)
        expect(preview.errors, label).toEqual([])
        applied++
      } catch (error) {
        if (!(error instanceof DomainError)) throw new Error(`${label}: apply threw ${(error as Error)?.stack}`)
        expect(await databaseHash(), `${label} was refused but wrote`).toBe(hash)
      }
      hash = await databaseHash()
    }
    // The mutations leave some files valid: the happy path was exercised too.
    expect(applied).toBeGreaterThan(10)
  }, 120_000)

  const graphqlRoute = ['graphql.tsx', 'graphql.ts', 'api.graphql.tsx', 'api.graphql.ts'].map((f) => path.join(ROUTES_DIR, f)).find((f) => fs.existsSync(f))
  test.skipIf(!graphqlRoute)('GraphQL: 200 malformed requests, no server error, no write when refused', async () => {
    const mod = (await import(graphqlRoute!)) as { action: Action; loader?: Action }
    const rng = random(SEED + 2)
    const words = ['query', 'mutation', 'situation', 'units', 'staff', 'loans', 'approveLoan', 'rejectLoan', 'id', 'name', '__schema', '__typename', 'fragment', 'on', '...', '{', '}', '(', ')', ':', '$id', 'ID!', '"x"', '1', 'null', '@include(if: true)']
    const queries = () =>
      rng.pick<() => string>([
        () => Array.from({ length: 1 + rng.int(30) }, () => rng.pick(words)).join(' '),
        () => `{ ${'situation { '.repeat(1 + rng.int(60))}${'}'.repeat(rng.int(60))}`,
        () => `mutation { approveLoan(id: ${JSON.stringify(rng.pick([...ids.loanId, nasty(rng)]))}, note: ${JSON.stringify(nasty(rng))}) { id } }`,
        () => `query { ${Array.from({ length: 1 + rng.int(200) }, (_, k) => `a${k}: __typename`).join(' ')} }`,
        () => nasty(rng),
      ])()
    let hash = await databaseHash()
    for (let i = 0; i < 200; i++) {
      const body = rng.chance(0.8)
        ? JSON.stringify({ query: queries(), variables: rng.chance(0.5) ? { id: nasty(rng), input: { fte: nasty(rng) } } : nasty(rng), operationName: rng.chance(0.2) ? nasty(rng) : undefined })
        : nasty(rng)
      const request = new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { Cookie: rng.pick([cookies.central, cookies.manager, cookies.staff, '']), Origin: 'http://localhost', 'Content-Type': rng.pick(['application/json', 'application/json', 'text/plain', 'application/graphql']) },
        body,
      })
      const label = `case ${i} ${body.slice(0, 300)}`
      const response = (await mod.action({ request, params: {}, context: {} }).catch((e: unknown) => {
        if (e instanceof Response) return e
        throw new Error(`${label}: threw ${(e as Error)?.stack}`)
      })) as Response
      expect(response.status, label).toBeLessThan(500)
      const text = await response.text()
      const refused = response.status >= 400 || /"errors"\s*:/.test(text)
      const after = await databaseHash()
      if (refused && !/"data"\s*:\s*\{/.test(text)) expect(after, `${label} was refused but wrote`).toBe(hash)
      hash = after
    }
  }, 120_000)
})
