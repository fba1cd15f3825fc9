// The workload API by role, over HTTP: case types, counts per case type,
// the new unit and staff fields, the weekly report and follow-up.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { isoWeekId, today, weekStart } from '~/utils/weeks'
import { createArea, createRoles, createStaff, createUnit, createUser, defaultCaseType } from '../tests/factories'
import { codes, credentialsFor, expectNothingWritten, gql } from './test-helpers'

async function world() {
  const roles = await createRoles()
  const area = await prisma.unit.findUniqueOrThrow({ where: { id: roles.unit.id }, select: { areaId: true } })
  const plain = await defaultCaseType(area.areaId)
  await prisma.caseType.update({ where: { id: plain.id }, data: { weight: 0.5 } })
  const heavy = await prisma.caseType.create({ data: { areaId: area.areaId, nameSv: 'Utredning', nameEn: 'Investigation', weight: 1.5, position: 1 } })
  // The policy row exists, as on any running instance (the first read writes it).
  await prisma.settings.upsert({ where: { id: 'default' }, create: { id: 'default' }, update: {} })
  return { ...roles, areaId: area.areaId, plain, heavy }
}

const SET = 'mutation ($unitId: ID!, $counts: [CaseCountInput!]!) { setUnitCaseCounts(unitId: $unitId, counts: $counts) { id openCases casePoints reasonablePoints load stale figuresUpdatedAt caseCounts { caseType { name weight } count } } }'

describe('case types and counts', () => {
  test('caseTypes(areaId) for every role, in order, names in the user’s language', async () => {
    const { staffUser, areaId } = await world()
    const response = await gql('query ($areaId: ID) { caseTypes(areaId: $areaId) { areaId name weight } }', { areaId }, await credentialsFor(staffUser.id))
    expect(response.errors).toEqual([])
    expect(response.data.caseTypes).toEqual([
      { areaId, name: 'Ärenden', weight: 0.5 },
      { areaId, name: 'Utredning', weight: 1.5 },
    ])
  })

  test('a manager sets their unit’s counts per case type: both figures and the load follow', async () => {
    const { manager, unit, plain, heavy } = await world()
    const response = await gql(SET, { unitId: unit.id, counts: [{ caseTypeId: plain.id, count: 10 }, { caseTypeId: heavy.id, count: 20 }] }, await credentialsFor(manager.id))
    expect(response.errors).toEqual([])
    // 10 × 0.5 + 20 × 1.5 = 35 points; one person at 20 points per post.
    expect(response.data.setUnitCaseCounts).toMatchObject({ id: unit.id, openCases: 30, casePoints: 35, reasonablePoints: 20, load: 1.75, stale: false })
    expect(response.data.setUnitCaseCounts.caseCounts).toEqual([
      { caseType: { name: 'Ärenden', weight: 0.5 }, count: 10 },
      { caseType: { name: 'Utredning', weight: 1.5 }, count: 20 },
    ])
  })

  test('a negative count is BAD_USER_INPUT naming the entry; another manager and staff are FORBIDDEN; nothing is written', async () => {
    const { manager, otherManager, staffUser, unit, plain } = await world()
    const credentials = await credentialsFor(manager.id)
    const bad = await expectNothingWritten(() => gql(SET, { unitId: unit.id, counts: [{ caseTypeId: plain.id, count: 5 }, { caseTypeId: plain.id, count: -1 }] }, credentials))
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counts.1.count', key: 'workload.errors.countNegative' })
    for (const userId of [otherManager.id, staffUser.id]) {
      const other = await credentialsFor(userId)
      const refused = await expectNothingWritten(() => gql(SET, { unitId: unit.id, counts: [{ caseTypeId: plain.id, count: 5 }] }, other))
      expect(codes(refused.errors)).toEqual(['FORBIDDEN'])
    }
  })

  test('staff caseCounts and caseloadUpdatedAt: the manager sets them; the person sees their own; other managers are refused', async () => {
    const { manager, otherManager, staff, staffUser, plain, heavy } = await world()
    const set = await gql(
      'mutation ($staffId: ID!, $counts: [CaseCountInput!]!) { setStaffCaseCounts(staffId: $staffId, counts: $counts) { id caseload caseloadPoints personalLoad caseloadUpdatedAt } }',
      { staffId: staff.id, counts: [{ caseTypeId: heavy.id, count: 8 }, { caseTypeId: plain.id, count: 4 }] },
      await credentialsFor(manager.id),
    )
    expect(set.errors).toEqual([])
    // 8 × 1.5 + 4 × 0.5 = 14 points at 20 per post.
    expect(set.data.setStaffCaseCounts).toMatchObject({ caseload: 12, caseloadPoints: 14, personalLoad: 0.7 })
    expect(Date.now() - Date.parse(set.data.setStaffCaseCounts.caseloadUpdatedAt)).toBeLessThan(60_000)
    const mine = await gql('{ me { staff { caseCounts { caseType { weight } count } caseloadUpdatedAt } } }', {}, await credentialsFor(staffUser.id))
    expect(mine.data.me.staff.caseCounts).toEqual(expect.arrayContaining([{ caseType: { weight: 1.5 }, count: 8 }]))
    const refused = await gql(
      'mutation ($staffId: ID!, $counts: [CaseCountInput!]!) { setStaffCaseCounts(staffId: $staffId, counts: $counts) { id } }',
      { staffId: staff.id, counts: [{ caseTypeId: plain.id, count: 1 }] },
      await credentialsFor(otherManager.id),
    )
    expect(codes(refused.errors)).toEqual(['FORBIDDEN'])
    const proposal = await gql('mutation ($counts: [CaseCountInput!]!) { proposeMyCaseload(counts: $counts) }', { counts: [{ caseTypeId: plain.id, count: 6 }] }, await credentialsFor(staffUser.id))
    expect(proposal.data).toEqual({ proposeMyCaseload: true })
    expect(await prisma.caseloadProposal.count({ where: { staffId: staff.id } })).toBe(1)
  })

  test('Unit: forecast(weeks) continues the history week by week with its band; figuresUpdatedAt and stale', async () => {
    const { staffUser } = await world()
    const area = await createArea({ casesPerFte: 10 })
    const unit = await createUnit({ areaId: area.id, openCases: 60 })
    await createStaff({ unitId: unit.id })
    const monday = weekStart(today())
    for (let k = 1; k <= 6; k++) {
      await prisma.unitCaseload.create({ data: { unitId: unit.id, weekStart: new Date(monday.getTime() - k * 7 * 86_400_000), openCases: 60 - 2 * k, points: 60 - 2 * k, staffFte: 1 } })
    }
    await prisma.unit.update({ where: { id: unit.id }, data: { openCasesUpdatedAt: new Date(Date.now() - 20 * 86_400_000) } })
    const response = await gql('query ($id: ID!) { unit(id: $id) { casePoints stale figuresUpdatedAt forecast(weeks: 3) { week points low high } } }', { id: unit.id }, await credentialsFor(staffUser.id))
    expect(response.errors).toEqual([])
    const { forecast, stale, casePoints } = response.data.unit
    expect({ stale, casePoints }).toEqual({ stale: true, casePoints: 60 })
    // 48, 50, …, 58, 60: a straight line, continued exactly.
    expect(forecast.map((w: { points: number }) => w.points)).toEqual([62, 64, 66])
    expect(forecast.map((w: { week: string }) => w.week)).toEqual([1, 2, 3].map((k) => new Date(monday.getTime() + k * 7 * 86_400_000).toISOString().slice(0, 10)))
    expect(forecast.every((w: { low: number; high: number; points: number }) => w.low <= w.points && w.points <= w.high)).toBe(true)
    const bad = await gql('query ($id: ID!) { unit(id: $id) { forecast(weeks: 60) { points } } }', { id: unit.id }, await credentialsFor(staffUser.id))
    expect(bad.errors[0]?.extensions, JSON.stringify(bad.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weeks' })
  })
})

describe('weekly report and follow-up', () => {
  test('weeklyReport for everyone; commentWeeklyReport for central only, others FORBIDDEN', async () => {
    const { staffUser, manager, central, areaId } = await world()
    const week = isoWeekId(weekStart(today()))
    const comment = 'mutation ($week: String!, $comment: String!) { commentWeeklyReport(week: $week, comment: $comment) { isoWeek comment archived pdfPath areas { id name figures { points loadWithLoans } trend } } }'
    for (const userId of [staffUser.id, manager.id]) {
      const other = await credentialsFor(userId)
      const refused = await expectNothingWritten(() => gql(comment, { week, comment: 'Hej' }, other))
      expect(codes(refused.errors)).toEqual(['FORBIDDEN'])
    }
    const saved = await gql(comment, { week, comment: 'Läget är stabilt.' }, await credentialsFor(central.id))
    expect(saved.errors).toEqual([])
    expect(saved.data.commentWeeklyReport).toMatchObject({ isoWeek: week, comment: 'Läget är stabilt.', archived: false, pdfPath: `/reports/weekly/${week}.pdf` })
    expect(saved.data.commentWeeklyReport.areas.find((a: { id: string }) => a.id === areaId).trend).toHaveLength(12)
    const read = await gql('query ($week: String) { weeklyReport(week: $week) { comment totals { units openCases points } } weeklyReports { isoWeek commented } }', { week }, await credentialsFor(staffUser.id))
    expect(read.errors).toEqual([])
    expect(read.data.weeklyReport.comment).toBe('Läget är stabilt.')
    expect(read.data.weeklyReports[0]).toEqual({ isoWeek: week, commented: true })
    const future = await gql('{ weeklyReport(week: "2099-W01") { comment } }', {}, await credentialsFor(staffUser.id))
    expect(future.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'week' })
    // Reading stores nothing: a week before the history is refused, not kept as a new report.
    const reader = await credentialsFor(staffUser.id)
    const ancient = await expectNothingWritten(() => gql('{ weeklyReport(week: "1950-W10") { isoWeek } }', {}, reader))
    expect(ancient.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'week', key: 'workload.report.weekBeforeHistory' })
    const live = await expectNothingWritten(() => gql('{ weeklyReport { state archived } }', {}, reader))
    expect(live.data.weeklyReport).toEqual({ state: 'LIVE', archived: false })
  })

  test('followUp(from, to): managers and central; weeks lent per person for central only; staff FORBIDDEN', async () => {
    const { staffUser, manager, central } = await world()
    const query = '{ followUp(from: "2026-W40", to: "2026-W49") { from to weeks totals { lentFteWeeks unmetFteWeeks filled partlyFilled unfilled } daysToFirstApproval { medianDays requests } pressure { week without with } areas { name } units { name } } }'
    const seen = await gql(query, {}, await credentialsFor(manager.id))
    expect(seen.errors).toEqual([])
    expect(seen.data.followUp.weeks).toHaveLength(10)
    const people = '{ followUp { staffWeeksLent { staff { firstName } weeksLent fteWeeks } } }'
    expect(codes((await gql(people, {}, await credentialsFor(manager.id))).errors)).toEqual(['FORBIDDEN'])
    expect((await gql(people, {}, await credentialsFor(central.id))).errors).toEqual([])
    expect(codes((await gql(query, {}, await credentialsFor(staffUser.id))).errors)).toEqual(['FORBIDDEN'])
    const reversed = await gql('{ followUp(from: "2026-W49", to: "2026-W40") { from } }', {}, await credentialsFor(central.id))
    expect(reversed.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' })
    void createUser
  })
})
