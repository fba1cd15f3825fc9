// Shared unit figures come from the read-model cache, as on the situation
// page: kept a while, emptied by every change. Other tests run with the cache
// off (READ_MODEL_TTL_MS=0); here it keeps entries for a minute.
import { describe, expect, test, vi } from 'vitest'
import * as unitsModel from '~/models/units.server'
import type * as cacheModule from '~/utils/cache.server'
import { createRoles } from '../tests/factories'
import { credentialsFor, gql } from './test-helpers'

vi.mock('~/utils/cache.server', async (original) => {
  const cache = await original<typeof cacheModule>()
  return { ...cache, cached: <T>(key: string, load: () => Promise<T>) => cache.cached(key, load, 60_000) }
})

const SITUATION = '{ situation { units { id openCases load } } }'

describe('shared unit figures', () => {
  test('are computed once for everyone, until a change', async () => {
    const { manager, staffUser, central, unit } = await createRoles()
    const spy = vi.spyOn(unitsModel, 'getSituation')
    const [boss, staff, centre] = await Promise.all([manager, staffUser, central].map((u) => credentialsFor(u.id)))
    const first = await gql(SITUATION, {}, boss)
    const again = await gql(SITUATION, {}, staff)
    expect(again.body).toEqual(first.body)
    expect(spy).toHaveBeenCalledTimes(1)
    const changed = await gql(`mutation { setUnitOpenCases(unitId: "${unit.id}", openCases: 40) { openCases } }`, {}, boss)
    expect(changed.errors).toEqual([])
    const after = await gql(SITUATION, {}, centre)
    expect(after.data.situation.units.find((u: { id: string }) => u.id === unit.id)).toEqual({ id: unit.id, openCases: 40, load: 2 })
    spy.mockRestore()
  })

  test('bad input is answered every time and never kept; other queries are not shared', async () => {
    const { central, staffUser } = await createRoles()
    const credentials = await credentialsFor(central.id)
    for (let i = 0; i < 2; i++) {
      const response = await gql('{ situation(weeks: 0) { week } }', {}, credentials)
      expect(response.errors[0].extensions?.code).toBe('BAD_USER_INPUT')
    }
    const mine = await gql('{ me { email } units { id } }', {}, await credentialsFor(staffUser.id))
    expect(mine.data.me.email).toBe(staffUser.email)
    const theirs = await gql('{ me { email } units { id } }', {}, credentials)
    expect(theirs.data.me.email).toBe(central.email)
  })

  test('are never served to a caller without credentials', async () => {
    const { central } = await createRoles()
    await gql(SITUATION, {}, await credentialsFor(central.id))
    const response = await gql(SITUATION)
    expect(response.status).toBe(401)
    expect(response.body.data ?? null).toBeNull()
  })
})
