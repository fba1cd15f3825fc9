// Calls the API as a client would: a real Request through the Remix route,
// the Response's status, headers and JSON body back.
import fs from 'node:fs'
import { expect } from 'vitest'
import { createApiToken } from '~/models/api-tokens.server'
import { action, loader } from '~/routes/graphql'
import { getActorById } from '~/utils/auth.server'
import { addWeeks, today, toYmd, weekStart } from '~/utils/weeks'
import { createArea, createSkill, createStaff, createUnit, createUser, sessionCookie } from '../tests/factories'
import { databaseHash } from '../tests/ops/support'

export type GraphQLErrorBody = { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; key?: string } }
// Tests read deep into responses; `any` keeps them short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>
export type GraphQLBody<T = Data> = { data?: T | null; errors?: GraphQLErrorBody[] }

export type Credentials = { token?: string; cookie?: string; origin?: string; headers?: Record<string, string> }

export async function gql<T = Data>(
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
  method: 'GET' | 'POST' = 'POST',
) {
  const headers = new Headers({ Accept: 'application/graphql-response+json, application/json;q=0.9', ...credentials.headers })
  if (credentials.token) headers.set('Authorization', `Bearer ${credentials.token}`)
  if (credentials.cookie) headers.set('Cookie', credentials.cookie)
  if (credentials.origin) headers.set('Origin', credentials.origin)
  let request: Request
  if (method === 'GET') {
    const params = new URLSearchParams({ query, variables: JSON.stringify(variables) })
    request = new Request(`http://localhost/graphql?${params}`, { headers })
  } else {
    headers.set('Content-Type', 'application/json')
    request = new Request('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
  }
  const args = { request, params: {}, context: {} }
  const response = await (method === 'GET' ? loader(args) : action(args))
  const body = (await response.json()) as GraphQLBody<T>
  return { status: response.status, headers: response.headers, body, data: body.data as T, errors: body.errors ?? [] }
}

/** A personal API token for the user, made the way the profile page makes it. */
export async function apiToken(userId: string) {
  const actor = await getActorById(userId)
  if (!actor) throw new Error(`No user ${userId}`)
  return (await createApiToken(actor, 'Test')).token
}

/**
 * A user's credentials: a personal API token (used once, so its lastUsedAt is
 * written before a test compares the database) or the browser's session cookie.
 */
export async function credentialsFor(userId: string, via: 'token' | 'cookie' = 'token'): Promise<Credentials> {
  if (via === 'cookie') return { cookie: await sessionCookie(userId), origin: 'http://localhost' }
  const credentials = { token: await apiToken(userId) }
  await gql('{ me { id } }', {}, credentials)
  return credentials
}

/** Runs the call and checks that not a single row changed. */
export async function expectNothingWritten<T>(call: () => Promise<T>): Promise<T> {
  const before = await databaseHash()
  const result = await call()
  expect(await databaseHash()).toBe(before)
  return result
}

/**
 * A unit under pressure with a manager, and a unit with slack whose one
 * lendable person holds the skill the request will need: the engine has
 * exactly one good suggestion to make.
 */
export async function createLendingWorld() {
  const area = await createArea({ casesPerFte: 20 })
  const skill = await createSkill()
  const receiving = await createUnit({ areaId: area.id, openCases: 120, name: 'Utredning Norr' })
  for (let i = 0; i < 2; i++) await createStaff({ unitId: receiving.id, caseload: 30, lendingConsent: false })
  const lending = await createUnit({ areaId: area.id, openCases: 20, name: 'Mottagning Syd' })
  const lender = await createStaff({ unitId: lending.id, caseload: 2, firstName: 'Lina' })
  for (let i = 0; i < 3; i++) await createStaff({ unitId: lending.id, caseload: 5, lendingConsent: false })
  const staffUser = await createUser({ role: 'STAFF', staffId: lender.id })
  const manager = await createUser({ role: 'MANAGER', unitIds: [receiving.id] })
  const lendingManager = await createUser({ role: 'MANAGER', unitIds: [lending.id] })
  const central = await createUser({ role: 'CENTRAL' })
  return { area, skill, receiving, lending, lender, staffUser, manager, lendingManager, central }
}

/** Monday of the week `weeks` from now, as the API writes dates. */
export function weekFromNow(weeks: number) {
  return toYmd(addWeeks(weekStart(today()), weeks))
}


/** An example operation from graphql/examples/. */
export function example(name: string) {
  return fs.readFileSync(new URL(`./examples/${name}.graphql`, import.meta.url), 'utf8')
}

export const codes = (errors: GraphQLErrorBody[]) => errors.map((e) => e.extensions?.code)

/** A call refused with `code`, which changed not a row. */
export async function expectRefused(query: string, variables: Record<string, unknown>, credentials: Credentials, code = 'FORBIDDEN') {
  const response = await expectNothingWritten(() => gql(query, variables, credentials))
  expect(codes(response.errors), JSON.stringify(variables)).toEqual([code])
  return response
}

/** A call refused as bad input naming `field` (and the message `key`), which changed not a row. */
export async function expectBadInput(query: string, variables: Record<string, unknown>, credentials: Credentials, field: string, key?: string) {
  const response = await expectNothingWritten(() => gql(query, variables, credentials))
  expect(response.errors, JSON.stringify(variables)).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field, ...(key ? { key } : {}) } }])
  return response
}
