import { describe, expect, test } from 'vitest'
import { createArea, createStaff, createUnit } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { buildMatchingInstance } from './matching-instance.server'

describe('what matching plans with', () => {
  test('each unit’s open cases week by week: today’s points, then the forecast; or today’s points throughout', async () => {
    const area = await createArea({ casesPerFte: 10 })
    const unit = await createUnit({ areaId: area.id, openCases: 40 })
    await createStaff({ unitId: unit.id, fte10: 10 })
    const monday = weekStart(today())
    // 30, 32, …, 38 and 40 now: the forecast continues by 2 a week.
    for (let k = 1; k <= 5; k++) await prisma.unitCaseload.create({ data: { unitId: unit.id, weekStart: addWeeks(monday, -k), openCases: 40 - 2 * k, points: 40 - 2 * k, staffFte: 1 } })
    const { instance } = await buildMatchingInstance()
    const planned = instance.units.find((u) => u.id === unit.id)!
    expect(Array.isArray(planned.openCases)).toBe(true)
    const weeks = planned.openCases as number[]
    expect(weeks).toHaveLength(instance.horizonWeeks)
    expect(weeks.slice(0, 4).map((v) => Math.round(v * 1000) / 1000)).toEqual([40, 42, 44, 46])

    await prisma.settings.update({ where: { id: 'default' }, data: { matchingDemand: 'CURRENT' } })
    const current = await buildMatchingInstance()
    expect(current.instance.units.find((u) => u.id === unit.id)!.openCases).toBe(40)
  })

  test('a newcomer’s working time counts at their share in F, in whole tenths; own cases in points', async () => {
    const area = await createArea({ casesPerFte: 10 })
    const unit = await createUnit({ areaId: area.id, openCases: 10 })
    const newcomer = await createStaff({ unitId: unit.id, fte10: 10, caseload: 3, hireDate: new Date(today().getTime() - 20 * 86_400_000) })
    const later = await createStaff({ unitId: unit.id, fte10: 10, caseload: 3, hireDate: new Date(today().getTime() - 100 * 86_400_000) })
    const { instance } = await buildMatchingInstance()
    expect(instance.staff.find((s) => s.id === newcomer.id)).toMatchObject({ fte10: 5, caseload: 3, lendable: false })
    expect(instance.staff.find((s) => s.id === later.id)).toMatchObject({ fte10: 8 })
  })
})
