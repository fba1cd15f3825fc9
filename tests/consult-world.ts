// A small world for consultation, volunteers and manual bookings: a busy unit
// asking for BBIC, a quiet unit whose one qualified person (with an account)
// can lend five tenths, the managers of both, a manager elsewhere and central.
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createArea, createRequest, createSkill, createStaff, createUnit, createUser } from './factories'

const actorOf = async (id: string) => (await getActorById(id))!

export async function consultWorld() {
  const area = await createArea({ casesPerFte: 10 })
  const need = await createUnit({ areaId: area.id, openCases: 60, name: 'Behov' })
  const slack = await createUnit({ areaId: area.id, openCases: 10, name: 'Utrymme' })
  const elsewhere = await createUnit({ areaId: area.id, openCases: 20, name: 'Annan' })
  for (let i = 0; i < 2; i++) await createStaff({ unitId: need.id, caseload: 10 })
  const bbic = await createSkill({ key: `bbic-${Math.random().toString(36).slice(2, 8)}` })
  // Own load 5 of 10: five tenths to spare.
  const lender = await createStaff({ unitId: slack.id, caseload: 5, firstName: 'Lina' })
  await prisma.staffSkill.create({ data: { staffId: lender.id, skillId: bbic.id, level: 3 } })
  const colleague = await createStaff({ unitId: slack.id, caseload: 5, firstName: 'Kim' })
  // Two weeks or more help.
  const created = await createRequest({ unitId: need.id, fte10: 5, weeks: 4, skills: [{ skillId: bbic.id, minLevel: 2 }] })
  const request = await prisma.reinforcementRequest.update({ where: { id: created.id }, data: { minWeeks: 2 } })
  const lenderUser = await createUser({ role: 'STAFF', staffId: lender.id })
  const colleagueUser = await createUser({ role: 'STAFF', staffId: colleague.id })
  const central = await createUser({ role: 'CENTRAL' })
  const needManager = await createUser({ role: 'MANAGER', unitIds: [need.id] })
  const slackManager = await createUser({ role: 'MANAGER', unitIds: [slack.id] })
  const otherManager = await createUser({ role: 'MANAGER', unitIds: [elsewhere.id] })
  return {
    area,
    need,
    slack,
    elsewhere,
    bbic,
    lender,
    colleague,
    request,
    users: { lender: lenderUser, colleague: colleagueUser, central, needManager, slackManager, otherManager },
    actors: {
      lender: await actorOf(lenderUser.id),
      colleague: await actorOf(colleagueUser.id),
      central: await actorOf(central.id),
      needManager: await actorOf(needManager.id),
      slackManager: await actorOf(slackManager.id),
      otherManager: await actorOf(otherManager.id),
    },
  }
}
