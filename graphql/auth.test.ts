// How the API knows who is asking, over real HTTP semantics: tokens, cookies,
// cross-site refusal, the status codes and the error codes a client sees.
import { describe, expect, test, vi } from 'vitest'
import * as skillsModel from '~/models/skills.server'
import { revokeApiToken } from '~/models/api-tokens.server'
import { action, loader } from '~/routes/graphql'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createRoles, createSkill, sessionCookie } from '../tests/factories'
import { apiToken, codes, credentialsFor, expectNothingWritten, gql } from './test-helpers'

// Every root field, with the arguments it needs (a made-up id is fine: authentication comes first).
const ROOT_FIELDS = [
  '{ me { id } }',
  '{ units { id } }',
  '{ unit(id: "x") { id } }',
  '{ skills { id } }',
  '{ staff { totalCount } }',
  '{ requests { id } }',
  '{ loans { id } }',
  '{ situation { week } }',
  'mutation { updateMySkills(remove: ["x"]) { id } }',
  'mutation { setMyAvailability(lendingConsent: true) { id } }',
  'mutation { setUnitOpenCases(unitId: "x", openCases: 1) { id } }',
  'mutation { createReinforcementRequest(input: { unitId: "x", fte: 1, startWeek: "2099-W01", endWeek: "2099-W02", motivation: "Behövs verkligen", skills: [] }) { id } }',
  'mutation { cancelReinforcementRequest(id: "x") { id } }',
  'mutation { runMatching { run { id } } }',
  'mutation { approveLoan(id: "x") { id } }',
  'mutation { rejectLoan(id: "x") { id } }',
  'mutation { endLoanEarly(id: "x", lastWeek: "2026-11-23") { id } }',
  'mutation { cancelLoan(id: "x") { id } }',
  '{ caseTypes { id } }',
  '{ weeklyReport { isoWeek } }',
  '{ weeklyReports { isoWeek } }',
  '{ followUp { from } }',
  'mutation { setUnitCaseCounts(unitId: "x", counts: [{ caseTypeId: "y", count: 1 }]) { id } }',
  'mutation { setStaffCaseCounts(staffId: "x", counts: [{ caseTypeId: "y", count: 1 }]) { id } }',
  'mutation { proposeMyCaseload(counts: [{ caseTypeId: "y", count: 1 }]) }',
  'mutation { commentWeeklyReport(week: "2026-W49", comment: "x") { isoWeek } }',
]

describe('without credentials', () => {
  test('every query and mutation is UNAUTHENTICATED (401, WWW-Authenticate) and writes nothing', async () => {
    await createRoles()
    for (const query of ROOT_FIELDS) {
      const response = await expectNothingWritten(() => gql(query))
      expect(response.status, query).toBe(401)
      expect(response.headers.get('WWW-Authenticate'), query).toMatch(/^Bearer/)
      expect(codes(response.errors), query).toEqual(['UNAUTHENTICATED'])
      expect(response.errors[0].message).toBe('Du behöver logga in eller skicka en API-nyckel (Authorization: Bearer …).')
      expect(
        Object.values(response.body.data ?? {}).filter((v) => v !== null),
        query,
      ).toEqual([])
    }
  })

  test('introspection works, so clients can generate their code', async () => {
    const response = await gql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } __typename }')
    expect(response.status).toBe(200)
    expect(response.errors).toEqual([])
    expect(response.data.__schema.queryType.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'caseTypes',
      'followUp',
      'loans',
      'me',
      'myProposals',
      'notifications',
      'requests',
      'requestsIFit',
      'situation',
      'skills',
      'staff',
      'unit',
      'units',
      'users',
      'volunteers',
      'weeklyReport',
      'weeklyReports',
    ])
    expect(response.data.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'answerProposal',
      'approveLoan',
      'bookLoan',
      'cancelLoan',
      'cancelReinforcementRequest',
      'changeLoan',
      'commentWeeklyReport',
      'createReinforcementRequest',
      'createUser',
      'deactivateUser',
      'endLoanEarly',
      'issueSetPasswordLink',
      'markNotificationsRead',
      'proposeMyCaseload',
      'reactivateUser',
      'rejectLoan',
      'runMatching',
      'setMyAvailability',
      'setStaffCaseCounts',
      'setUnitCaseCounts',
      'setUnitOpenCases',
      'updateMySkills',
      'updateUser',
      'volunteer',
      'withdrawVolunteer',
    ])
  })

  test('an expired session cookie counts as none', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id, new Date(Date.now() - 1000))
    const response = await gql('{ me { id } }', {}, { cookie, origin: 'http://localhost' })
    expect(response.status).toBe(401)
    expect(codes(response.errors)).toEqual(['UNAUTHENTICATED'])
  })
})

describe('personal API tokens', () => {
  test('a token signs its user in, over POST and GET', async () => {
    const { manager, unit } = await createRoles()
    const token = await apiToken(manager.id)
    for (const method of ['POST', 'GET'] as const) {
      const response = await gql('{ me { email role managedUnits { id } } }', {}, { token }, method)
      expect(response.status).toBe(200)
      expect(response.data.me).toEqual({ email: manager.email, role: 'MANAGER', managedUnits: [{ id: unit.id }] })
    }
  })

  test('a revoked, unknown or malformed token is refused with 401 for everything, introspection too', async () => {
    const { central } = await createRoles()
    const revoked = await apiToken(central.id)
    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: central.id } })
    await revokeApiToken((await getActorById(central.id))!, row.id)
    const tokens = [revoked, `avl_${'A'.repeat(43)}`, 'not-a-token']
    for (const token of tokens) {
      for (const query of ['{ me { id } }', '{ __typename }']) {
        const response = await gql(query, {}, { token })
        expect(response.status, token).toBe(401)
        expect(codes(response.errors)).toEqual(['UNAUTHENTICATED'])
        expect(response.errors[0].extensions?.key).toBe('api.errors.invalidToken')
      }
    }
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', '']) {
      const response = await gql('{ me { id } }', {}, { headers: { Authorization: header } })
      expect(response.status, header).toBe(401)
    }
  })

  test('a token wins over a cookie, and never needs an Origin check', async () => {
    const { central, staffUser } = await createRoles()
    const token = await apiToken(staffUser.id)
    const cookie = await sessionCookie(central.id)
    const response = await gql(
      'mutation { setMyAvailability(lendingConsent: false) { lendingConsent } }',
      {},
      { token, cookie, origin: 'https://elsewhere.example' },
    )
    expect(response.status).toBe(200)
    expect(response.data.setMyAvailability).toEqual({ lendingConsent: false })
  })

  test('lastUsedAt is written at most once a minute', async () => {
    const { central } = await createRoles()
    const token = await apiToken(central.id)
    expect((await prisma.apiToken.findFirstOrThrow({ where: { userId: central.id } })).lastUsedAt).toBeNull()
    await gql('{ me { id } }', {}, { token })
    const first = (await prisma.apiToken.findFirstOrThrow({ where: { userId: central.id } })).lastUsedAt
    expect(first).toBeInstanceOf(Date)
    await gql('{ me { id } }', {}, { token })
    expect((await prisma.apiToken.findFirstOrThrow({ where: { userId: central.id } })).lastUsedAt).toEqual(first)
    await prisma.apiToken.updateMany({ where: { userId: central.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } })
    await gql('{ me { id } }', {}, { token })
    expect((await prisma.apiToken.findFirstOrThrow({ where: { userId: central.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 5000)
  })
})

describe('the session cookie', () => {
  test('works from the app itself, by Origin or Sec-Fetch-Site; a cookie with neither is refused (issue #15, finding 8)', async () => {
    const { staffUser } = await createRoles()
    const cookie = await sessionCookie(staffUser.id)
    for (const credentials of [
      { cookie, origin: 'http://localhost' },
      { cookie, headers: { 'Sec-Fetch-Site': 'same-origin' } },
    ]) {
      const response = await gql('mutation { setMyAvailability(lendingConsent: false) { lendingConsent } }', {}, credentials)
      expect(response.status).toBe(200)
      expect(response.data.setMyAvailability.lendingConsent).toBe(false)
    }
    const bare = await gql('mutation { setMyAvailability(lendingConsent: true) { lendingConsent } }', {}, { cookie })
    expect(bare.status).toBe(403)
  })

  test('a cross-site POST with the cookie is refused (403) and writes nothing', async () => {
    const { staffUser, manager, unit } = await createRoles()
    for (const [userId, query] of [
      [staffUser.id, 'mutation { setMyAvailability(lendingConsent: false) { lendingConsent } }'],
      [manager.id, `mutation { setUnitOpenCases(unitId: "${unit.id}", openCases: 3) { id } }`],
      [manager.id, '{ me { id } }'],
    ]) {
      const cookie = await sessionCookie(userId)
      for (const origin of ['https://evil.example', 'null']) {
        const response = await expectNothingWritten(() => gql(query, {}, { cookie, origin }))
        expect(response.status).toBe(403)
        expect(codes(response.errors)).toEqual(['FORBIDDEN'])
        expect(response.errors[0].extensions?.key).toBe('api.errors.crossSite')
      }
    }
  })

  test('mutations are refused over GET (405), so a link cannot change anything', async () => {
    const { manager, unit } = await createRoles()
    const cookie = await sessionCookie(manager.id)
    const response = await expectNothingWritten(() => gql(`mutation { setUnitOpenCases(unitId: "${unit.id}", openCases: 3) { id } }`, {}, { cookie }, 'GET'))
    expect(response.status).toBe(405)
  })
})

describe('errors', () => {
  test('messages follow the user’s language; the key and code stay the same', async () => {
    const { staffUser } = await createRoles()
    await prisma.user.update({ where: { id: staffUser.id }, data: { locale: 'en' } })
    const response = await gql('{ requests { id } }', {}, await credentialsFor(staffUser.id))
    expect(response.errors).toMatchObject([
      { message: 'You do not have permission for this.', path: ['requests'], extensions: { code: 'FORBIDDEN', key: 'api.errors.forbidden' } },
    ])
  })

  test('an unexpected failure is masked: no message, stack or SQL reaches the client', async () => {
    const { central } = await createRoles()
    await createSkill()
    const credentials = await credentialsFor(central.id)
    const spy = vi.spyOn(skillsModel, 'listSkills').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked at /work/prisma'))
    // The server logs it for the operators.
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await gql('{ skills { id } }', {}, credentials)
    expect(log).toHaveBeenCalled()
    spy.mockRestore()
    log.mockRestore()
    expect(response.errors).toEqual([
      { message: 'Unexpected error.', locations: expect.any(Array), path: ['skills'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ])
    expect(JSON.stringify(response.body)).not.toContain('SQLITE')
  })

  test('a variable of the wrong type is BAD_USER_INPUT naming the field', async () => {
    const { central } = await createRoles()
    const response = await gql(
      'query ($filter: StaffFilter) { staff(filter: $filter) { totalCount } }',
      { filter: { minLevel: 'high' } },
      await credentialsFor(central.id),
    )
    expect(response.status).toBe(400)
    expect(response.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.minLevel' } }])
    // A value that looks like the error message's own punctuation does not confuse the path.
    const tricky = await gql(
      'query ($filter: StaffFilter) { staff(filter: $filter) { totalCount } }',
      { filter: { minLevel: 'x; y' } },
      await credentialsFor(central.id),
    )
    expect(tricky.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.minLevel' } }])
  })

  test('GraphiQL is served in development only', async () => {
    const response = await loader({ request: new Request('http://localhost/graphql', { headers: { Accept: 'text/html' } }), params: {}, context: {} })
    expect(response.status).toBe(406)
    expect(await response.text()).not.toMatch(/graphiql/i)
  })

  test('malformed requests are 4xx, never a server error', async () => {
    const { central } = await createRoles()
    const { token } = await credentialsFor(central.id)
    const post = (body: string, contentType = 'application/json') =>
      action({
        request: new Request('http://localhost/graphql', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, Accept: 'application/graphql-response+json' },
          body,
        }),
        params: {},
        context: {},
      })
    for (const [body, type] of [
      ['{', undefined],
      ['{"query": 1}', undefined],
      ['{"query": "{ nope }"}', undefined],
      ['{"query": "{ me { id } }"}', 'text/csv'],
      ['[]', undefined],
    ] as const) {
      const response = await post(body, type)
      expect(response.status, body).toBeGreaterThanOrEqual(400)
      expect(response.status, body).toBeLessThan(500)
    }
  })
})
