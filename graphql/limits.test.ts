// Against abusive queries: depth, cost, aliases and size are refused before
// anything runs; and however many rows a query touches, each kind of data is
// read once (no N+1).
import fs from 'node:fs'
import { buildSchema, parse, validate } from 'graphql'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as requestsModel from '~/models/requests.server'
import * as skillsModel from '~/models/skills.server'
import * as directory from '~/models/staff-directory.server'
import * as unitsModel from '~/models/units.server'
import { prisma } from '~/utils/db.server'
import { createRequest, createRoles, createSkill, createStaff, createUnit } from '../tests/factories'
import { readTypeDefs } from './schema.server'
import { LIMITS } from './yoga.server'
import { credentialsFor, example, expectNothingWritten, gql } from './test-helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('limits', () => {
  test('a fifty-row staff page with skills is well within them', async () => {
    const { central } = await createRoles()
    const skill = await createSkill()
    const response = await gql(example('staff-page'), { skillId: skill.id }, await credentialsFor(central.id))
    expect(response.status).toBe(200)
    expect(response.errors).toEqual([])
  })

  test('too deep, too costly, too many aliases, too long: refused with 400 before running', async () => {
    const { central } = await createRoles()
    const credentials = await credentialsFor(central.id)
    // __type › fields › type › ofType… › name: depth 3 + ofTypes + 1.
    const nested = (ofTypes: number) => `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`
    const fields = 'id firstName lastName email title fte caseload personalLoad hireDate lendingConsent newcomer lendable notLendableReasons'
    // One hundred-row page with everything costs about 17,500; two are too many.
    const page = `staff(first: 100) { edges { node { ${fields} unit { id name areaName load trend } skills { level skill { id key name nameSv nameEn category } } absences { id startDate endDate } } } }`
    const costly = `{ a: ${page} b: ${page} }`
    const aliases = `{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(' ')} }`
    const long = `{ me { ${'id '.repeat(LIMITS.maxTokens)}} }`
    for (const [name, query, message] of [
      ['depth', nested(5), /depth limit of 8/],
      ['cost', costly, /Cost limit of 20000/],
      ['aliases', aliases, /Aliases limit of 15/],
      ['tokens', long, /Token limit of 2000/],
    ] as const) {
      const response = await expectNothingWritten(() => gql(query, {}, credentials))
      expect(response.status, name).toBe(400)
      expect(response.errors.map((e) => e.message).join(' | '), name).toMatch(message)
      expect(response.body.data ?? null).toBeNull()
    }
    expect((await gql(nested(4), {}, credentials)).status).toBe(200)
    const single = await gql(`{ ${page} }`, {}, credentials)
    expect(single.errors).toEqual([])
  })

  test('the example operations are valid against the schema', () => {
    const schema = buildSchema(readTypeDefs().join('\n'))
    const dir = new URL('./examples/', import.meta.url)
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'))
    expect(files.length).toBeGreaterThanOrEqual(9)
    for (const file of files) expect(validate(schema, parse(fs.readFileSync(new URL(file, dir), 'utf8'))), file).toEqual([])
  })
})

describe('batching', () => {
  test('a page of staff reads skills, the skill catalogue, absences and units once, whatever its length', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const skill = await createSkill()
    for (let i = 0; i < 30; i++) {
      const s = await createStaff({ unitId: unit.id })
      await prisma.staffSkill.create({ data: { staffId: s.id, skillId: skill.id, level: 1 + (i % 4) } })
    }
    const credentials = await credentialsFor(central.id)
    const spies = {
      details: vi.spyOn(directory, 'getStaffDetails'),
      skills: vi.spyOn(directory, 'getStaffSkills'),
      absences: vi.spyOn(directory, 'getStaffAbsences'),
      situation: vi.spyOn(unitsModel, 'getSituation'),
      catalogue: vi.spyOn(skillsModel, 'listSkills'),
    }
    const response = await gql(
      `query ($skillId: ID!) { staff(filter: { skillId: $skillId }, first: 30) { edges { node { email unit { load } skills { skill { key } } absences { id } } } } }`,
      { skillId: skill.id },
      credentials,
    )
    expect(response.errors).toEqual([])
    expect(response.data.staff.edges).toHaveLength(30)
    expect(spies.details).not.toHaveBeenCalled()
    expect(spies.skills).toHaveBeenCalledTimes(1)
    expect(spies.skills.mock.calls[0][1]).toHaveLength(30)
    expect(spies.absences).toHaveBeenCalledTimes(1)
    expect(spies.situation).toHaveBeenCalledTimes(1)
    expect(spies.catalogue).toHaveBeenCalledTimes(1)
  })

  test('a list of loans reads people, requests and units once each', async () => {
    const { central, otherUnit } = await createRoles()
    const lending = await createUnit()
    const request = await createRequest({ unitId: otherUnit.id })
    for (let i = 0; i < 12; i++) {
      const s = await createStaff({ unitId: lending.id })
      await prisma.loan.create({ data: { staffId: s.id, requestId: request.id, fte10: 1, startWeek: request.startWeek, endWeek: request.endWeek, status: 'APPROVED' } })
    }
    const spies = {
      details: vi.spyOn(directory, 'getStaffDetails'),
      skills: vi.spyOn(directory, 'getStaffSkills'),
      requests: vi.spyOn(requestsModel, 'listRequests'),
      situation: vi.spyOn(unitsModel, 'getSituation'),
    }
    const response = await gql(
      '{ loans { staff { email lendable skills { level } unit { load } } request { motivation urgency unit { load } } } }',
      {},
      await credentialsFor(central.id),
    )
    expect(response.errors).toEqual([])
    expect(response.data.loans.length).toBeGreaterThanOrEqual(12)
    for (const spy of Object.values(spies)) expect(spy).toHaveBeenCalledTimes(1)
  })
})
