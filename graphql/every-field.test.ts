// Finding 9: every field of every type can be selected without an internal
// error. For each query, a selection of every field reachable from it (each
// type once per path, fields with required arguments given a value) is run
// as central over a world with a request, its skills, a loan and a run.
import { createRequire } from 'node:module'
import type * as graphql from 'graphql'
import type { GraphQLField, GraphQLObjectType } from 'graphql'
import { describe, expect, test } from 'vitest'
import { codes, createLendingWorld, credentialsFor, gql } from './test-helpers'
import { schema } from './schema.server'
import { createRequest } from '../tests/factories'
import { prisma } from '~/utils/db.server'

// The graphql instance the schema is built with (graphql/yoga.server.ts).
const { getNamedType, isObjectType, isNonNullType } = createRequire(import.meta.url)('graphql') as typeof graphql
const MAX_DEPTH = 6

/** Every field of `type` below it, visiting each type once on the way down. */
function selection(type: GraphQLObjectType, args: Record<string, string>, path: string[] = [type.name]): string {
  if (path.length > MAX_DEPTH) return '__typename'
  const fields = Object.values(type.getFields()).flatMap((field: GraphQLField<unknown, unknown>) => {
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    if (required.some((a) => !(a.name in args))) return []
    const call = required.length ? `(${required.map((a) => `${a.name}: ${JSON.stringify(args[a.name])}`).join(', ')})` : ''
    const named = getNamedType(field.type)
    if (!isObjectType(named)) return [`${field.name}${call}`]
    if (path.includes(named.name)) return []
    return [`${field.name}${call} { ${selection(named, args, [...path, named.name])} }`]
  })
  return fields.join(' ') || '__typename'
}

describe('every field of every type', () => {
  test('selects without an internal error, for every query', async () => {
    const world = await createLendingWorld()
    const request = await createRequest({ unitId: world.receiving.id, skills: [{ skillId: world.skill.id, minLevel: 2 }] })
    await prisma.staffSkill.create({ data: { staffId: world.lender.id, skillId: world.skill.id, level: 3 } })
    const run = await prisma.matchingRun.create({
      data: { durationMs: 1, horizonStart: new Date(), horizonWeeks: 12, status: 'optimal', score: 1, baselineScore: 0 },
    })
    await prisma.loan.create({
      data: {
        staffId: world.lender.id,
        requestId: request.id,
        fte10: 3,
        startWeek: request.startWeek,
        endWeek: request.endWeek,
        matchingRunId: run.id,
        status: 'APPROVED',
      },
    })
    const credentials = await credentialsFor(world.central.id)
    const args = { id: world.receiving.id, unitId: world.receiving.id }
    const queryType = schema.getQueryType()!
    const roots = Object.keys(queryType.getFields())
    expect(roots).toEqual(expect.arrayContaining(['me', 'units', 'situation', 'requests', 'loans', 'staff', 'skills']))
    for (const root of roots) {
      const field = queryType.getFields()[root]
      const query = `{ ${selection({ getFields: () => ({ [root]: field }), name: 'Query' } as unknown as GraphQLObjectType, args)} }`
      const response = await gql(query, {}, credentials)
      expect(codes(response.errors), `${root}: ${JSON.stringify(response.errors)}\n${query}`).toEqual([])
    }
  })

  test('the skill of a request is a whole Skill (the reported query)', async () => {
    const world = await createLendingWorld()
    await createRequest({ unitId: world.receiving.id, skills: [{ skillId: world.skill.id, minLevel: 2 }] })
    const response = await gql('{ requests { skills { minLevel skill { id key name category active } } } }', {}, await credentialsFor(world.central.id))
    expect(response.errors).toEqual([])
    const skills = response.data.requests.flatMap((r: { skills: { skill: { id: string } }[] }) => r.skills.map((s) => s.skill))
    expect(skills).toContainEqual(expect.objectContaining({ id: world.skill.id, active: true }))
  })
})
