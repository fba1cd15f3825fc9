// What the request form shows when the server refuses: an error about a field
// next to that field (as conform names it), one about something the form has
// no field for as the form's own error. A lost message is a form that silently fails.
import { describe, expect, test } from 'vitest'
import { call, createRequest, createSkill, createUnit, createUser, request, sessionCookie } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'
import { action as editAction } from './requests.$requestId.edit'
import { action as newAction } from './units.$unitId_.requests.new'

const week = (n: number) => isoWeekId(addWeeks(weekStart(today()), n))
const form = (skillId: string) => ({
  fte: '1',
  minChunk: '0,2',
  startWeek: week(2),
  endWeek: week(5),
  urgency: 'NORMAL',
  motivation: 'Vi behöver förstärkning för utredningar',
  'skills[0].skillId': skillId,
  'skills[0].minLevel': '2',
})
type Reply = { result: { error?: Record<string, string[]> } }

describe('the request form, refused by the server', () => {
  test('a skill that does not exist is named at its field, skills[0].skillId; nothing is created', async () => {
    const unit = await createUnit()
    const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
    const response = await call(async () =>
      newAction({ request: request(`/units/${unit.id}/requests/new`, { cookie: await sessionCookie(manager.id), form: form('finns-inte') }), params: { unitId: unit.id }, context: {} }),
    )
    expect(response.status).toBe(400)
    expect(((await response.json()) as Reply).result.error).toEqual({ 'skills[0].skillId': ['validation.unknownSkill'] })
    expect(await prisma.reinforcementRequest.count({ where: { unitId: unit.id } })).toBe(0)
  })

  test('editing a request that is no longer open says so as the form’s own error', async () => {
    const unit = await createUnit()
    const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
    const skill = await createSkill()
    const need = await createRequest({ unitId: unit.id, startInWeeks: 2 })
    await prisma.reinforcementRequest.update({ where: { id: need.id }, data: { status: 'FILLED' } })
    const response = await call(async () =>
      editAction({ request: request(`/requests/${need.id}/edit`, { cookie: await sessionCookie(manager.id), form: form(skill.id) }), params: { requestId: need.id }, context: {} }),
    )
    expect(response.status).toBe(400)
    expect(((await response.json()) as Reply).result.error).toEqual({ '': ['validation.requestNotOpen'] })
  })
})
