// The whole workflow through the API alone, with the example operations in
// graphql/examples/: staff update their skills, a manager asks for
// reinforcement, central runs the matching and approves, the manager sees the loan.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createLendingWorld, credentialsFor, example, gql, weekFromNow } from './test-helpers'

describe('the workflow through the API', () => {
  test('skills → request → matching → approval → the manager sees the loan', async () => {
    const world = await createLendingWorld()
    const staff = await credentialsFor(world.staffUser.id)
    const manager = await credentialsFor(world.manager.id, 'cookie')
    const central = await credentialsFor(world.central.id)

    const skills = await gql(example('update-my-skills'), { set: [{ skillId: world.skill.id, level: 3, evidence: 'TRAINING' }] }, staff)
    expect(skills.status).toBe(200)
    expect(skills.errors).toEqual([])
    expect(skills.data.updateMySkills.skills).toEqual([
      { skill: { id: world.skill.id, key: world.skill.key }, level: 3, evidence: 'TRAINING', validUntil: null, verified: false },
    ])

    const me = await gql(example('me'), {}, staff)
    expect(me.data.me.staff).toMatchObject({ firstName: 'Lina', lendable: true, notLendableReasons: [], skills: [{ level: 3, skill: { key: world.skill.key } }] })

    const input = {
      unitId: world.receiving.id,
      fte: 0.8,
      minChunk: 0.2,
      startWeek: weekFromNow(1),
      endWeek: weekFromNow(4),
      urgency: 'HIGH',
      motivation: 'Många nya utredningar och två vakanser.',
      skills: [{ skillId: world.skill.id, minLevel: 2 }],
    }
    const created = await gql(example('create-request'), { input }, manager)
    expect(created.errors).toEqual([])
    const request = created.data.createReinforcementRequest
    expect(request).toMatchObject({
      status: 'OPEN',
      fte: 0.8,
      minChunk: 0.2,
      startWeek: weekFromNow(1),
      endWeek: weekFromNow(4),
      urgency: 'HIGH',
      unit: { id: world.receiving.id, name: 'Utredning Norr' },
      skills: [{ skill: { key: world.skill.key }, minLevel: 2 }],
    })

    const matched = await gql(example('run-matching'), { timeLimitMs: 200 }, central)
    expect(matched.errors).toEqual([])
    const { run, loans } = matched.data.runMatching
    expect(['optimal', 'feasible', 'timedout']).toContain(run.status)
    expect(run.score).toBeLessThan(run.baselineScore)
    expect(run.bound).toBeLessThanOrEqual(run.score)
    expect(run.horizonStart).toBe(weekFromNow(0))
    const suggestion = loans.find((l: any) => l.request.id === request.id)
    expect(suggestion).toMatchObject({
      status: 'PROPOSED',
      startWeek: weekFromNow(1),
      endWeek: weekFromNow(4),
      staff: { id: world.lender.id, firstName: 'Lina', unit: { name: 'Mottagning Syd' } },
      request: { unit: { id: world.receiving.id } },
    })
    expect(suggestion.fte).toBeGreaterThan(0)
    expect(suggestion.explanation).toMatchObject({ staffId: world.lender.id, requestId: request.id })
    expect(await prisma.loan.count({ where: { id: suggestion.id, status: 'PROPOSED' } })).toBe(1)

    const approved = await gql(example('approve-loan'), { id: suggestion.id, note: 'Bra match.' }, central)
    expect(approved.errors).toEqual([])
    expect(approved.data.approveLoan).toMatchObject({ id: suggestion.id, status: 'APPROVED', note: 'Bra match.', decidedBy: { name: world.central.name } })

    const seen = await gql(example('loans'), { status: 'APPROVED' }, manager)
    expect(seen.errors).toEqual([])
    expect(seen.data.loans).toEqual([
      {
        id: suggestion.id,
        status: 'APPROVED',
        fte: suggestion.fte,
        startWeek: weekFromNow(1),
        endWeek: weekFromNow(4),
        staff: { firstName: 'Lina', lastName: world.lender.lastName, unit: { name: 'Mottagning Syd' } },
        request: { id: request.id, motivation: input.motivation, unit: { id: world.receiving.id, name: 'Utredning Norr' } },
      },
    ])
  })
})
