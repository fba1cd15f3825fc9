import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { createRequest } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { listVolunteers, openRequestsFitting, volunteer, volunteerPairs, withdrawVolunteer } from './volunteers.server'

describe('volunteers', () => {
  test('staff see the open requests that fit their skills, offer to help and withdraw; central sees who offered', async () => {
    const { request, need, slack, bbic, actors, lender } = await consultWorld()
    // Needs level 4: she has 3. Her own unit's request: not offered to her.
    const tooHard = await createRequest({ unitId: need.id, skills: [{ skillId: bbic.id, minLevel: 4 }] })
    await createRequest({ unitId: slack.id, skills: [] })
    const fitting = await openRequestsFitting(actors.lender)
    expect(fitting.map((r) => [r.id, r.volunteered])).toEqual([[request.id, false]])

    await volunteer(actors.lender, request.id)
    await volunteer(actors.lender, request.id)
    expect((await openRequestsFitting(actors.lender))[0].volunteered).toBe(true)
    expect(await listVolunteers(actors.central)).toEqual([
      expect.objectContaining({ requestId: request.id, unitName: 'Behov', people: [expect.objectContaining({ staffId: lender.id, unitName: 'Utrymme' })] }),
    ])
    expect(await volunteerPairs()).toEqual([{ staffId: lender.id, requestId: request.id }])
    expect(await prisma.auditLog.count({ where: { action: 'request.volunteer', entityId: request.id } })).toBe(1)

    await expect(volunteer(actors.lender, tooHard.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.errors.notFitting' })
    await withdrawVolunteer(actors.lender, request.id)
    expect(await listVolunteers(actors.central)).toEqual([])
  })

  test('refused: someone without the skills, an account without a staff profile, a closed request; only central lists volunteers', async () => {
    const { request, actors } = await consultWorld()
    await expect(volunteer(actors.colleague, request.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'consult.errors.notFitting' })
    await expect(volunteer(actors.needManager, request.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listVolunteers(actors.slackManager)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await prisma.reinforcementRequest.update({ where: { id: request.id }, data: { status: 'CANCELLED' } })
    await expect(volunteer(actors.lender, request.id)).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(volunteer(actors.lender, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await prisma.volunteer.count()).toBe(0)
  })
})
