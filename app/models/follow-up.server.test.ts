import type { LoanStatus, RequestStatus } from '@prisma/client'
import { describe, expect, test } from 'vitest'
import { createArea, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, isoWeekId, today, weekStart } from '~/utils/weeks'
import { parse } from 'csv-parse/sync'
import { getFixedT } from '~/i18n'
import { swedishCsv } from '~/utils/csv.server'
import { FLOW_KEYS, followUpCsv } from './follow-up-csv'
import { getFollowUp, parsePeriod } from './follow-up.server'

const actorOf = async (id: string) => (await getActorById(id))!
const DAY = 86_400_000

/**
 * A small history worked by hand, weeks W−3..W (W this week):
 * area A (10 points per post): U1 (30 points, 2 FTE) asks for help, U2 (10 points, 2 FTE) lends;
 * area B (20 points per post): U3 (10 points, 1 FTE) lends and asks once.
 * R1: U1, 1 FTE in W−3..W, covered 0.5 in W−3..W−2 (from U2, approved 2 days after the request) and 1 in W−1..W (from U3): partly.
 * R2: U1, 0.5 FTE in W−1..W, no loan: unfilled. R3: U3, 0.5 FTE in W−2, covered by U2 (1 day): filled.
 * A cancelled request and a rejected loan count for nothing.
 */
async function history() {
  const W = weekStart(today())
  const w = (k: number) => addWeeks(W, k)
  const a = await createArea({ casesPerFte: 10 })
  const b = await createArea({ casesPerFte: 20 })
  const u1 = await createUnit({ areaId: a.id, name: 'U1' })
  const u2 = await createUnit({ areaId: a.id, name: 'U2' })
  const u3 = await createUnit({ areaId: b.id, name: 'U3' })
  const s2a = await createStaff({ unitId: u2.id, firstName: 'Anna' })
  const s2b = await createStaff({ unitId: u2.id, firstName: 'Bo' })
  const s3 = await createStaff({ unitId: u3.id, firstName: 'Cecilia' })
  for (let k = -3; k <= 0; k++) {
    await prisma.unitCaseload.createMany({
      data: [
        { unitId: u1.id, weekStart: w(k), openCases: 30, points: 30, staffFte: 2 },
        { unitId: u2.id, weekStart: w(k), openCases: 10, points: 10, staffFte: 2 },
        { unitId: u3.id, weekStart: w(k), openCases: 10, points: 10, staffFte: 1 },
      ],
    })
  }
  const created = new Date(w(-4).getTime() + 2 * DAY)
  const request = (unitId: string, fte10: number, start: number, end: number, status: RequestStatus = 'OPEN') =>
    prisma.reinforcementRequest.create({ data: { unitId, fte10, startWeek: w(start), endWeek: w(end), motivation: 'Hög belastning', status, createdAt: created } })
  const loan = (staffId: string, requestId: string, fte10: number, start: number, end: number, status: LoanStatus, decidedDays: number | null) =>
    prisma.loan.create({ data: { staffId, requestId, fte10, startWeek: w(start), endWeek: w(end), status, decidedAt: decidedDays === null ? null : new Date(created.getTime() + decidedDays * DAY) } })
  const r1 = await request(u1.id, 10, -3, 0)
  await request(u1.id, 5, -1, 0)
  const r3 = await request(u3.id, 5, -2, -2, 'CLOSED')
  const r4 = await request(u1.id, 10, -3, 0, 'CANCELLED')
  await loan(s2a.id, r1.id, 5, -3, -2, 'APPROVED', 2)
  await loan(s3.id, r1.id, 10, -1, 0, 'ACTIVE', 5)
  await loan(s2b.id, r3.id, 5, -2, -2, 'COMPLETED', 1)
  await loan(s2b.id, r1.id, 10, -3, 0, 'REJECTED', 0)
  await loan(s2a.id, r4.id, 10, -3, 0, 'CANCELLED', null)
  const central = await actorOf((await createUser({ role: 'CENTRAL' })).id)
  const manager = await actorOf((await createUser({ role: 'MANAGER', unitIds: [u1.id] })).id)
  const staff = await actorOf((await createUser({ role: 'STAFF', staffId: s3.id })).id)
  return { W, w, a, b, u1, u2, u3, s2a, s2b, s3, central, manager, staff }
}

describe('follow-up', () => {
  // Each test's totals include the other's history (one database per file): the first runs first.
  test('every figure on a small hand-made history', async () => {
    const h = await history()
    const f = await getFollowUp(h.central, parsePeriod({ from: isoWeekId(h.w(-3)), to: isoWeekId(h.W) }))
    expect(f.weeks.map((d) => d.getTime())).toEqual([-3, -2, -1, 0].map((k) => h.w(k).getTime()))
    const unit = (id: string) => f.units.find((u) => u.id === id)!
    expect(unit(h.u1.id)).toMatchObject({ lentFteWeeks: 0, receivedFteWeeks: 3, requestedFteWeeks: 5, coveredFteWeeks: 3, unmetFteWeeks: 2, filled: 0, partlyFilled: 1, unfilled: 1 })
    expect(unit(h.u2.id)).toMatchObject({ lentFteWeeks: 1.5, receivedFteWeeks: 0, requestedFteWeeks: 0 })
    expect(unit(h.u3.id)).toMatchObject({ lentFteWeeks: 2, receivedFteWeeks: 0.5, requestedFteWeeks: 0.5, coveredFteWeeks: 0.5, unmetFteWeeks: 0, filled: 1 })
    const area = (id: string) => f.areas.find((x) => x.id === id)!
    expect(area(h.a.id)).toMatchObject({ lentFteWeeks: 1.5, receivedFteWeeks: 3, requestedFteWeeks: 5, coveredFteWeeks: 3, unmetFteWeeks: 2, filled: 0, partlyFilled: 1, unfilled: 1 })
    expect(area(h.b.id)).toMatchObject({ lentFteWeeks: 2, receivedFteWeeks: 0.5, requestedFteWeeks: 0.5, unmetFteWeeks: 0, filled: 1, partlyFilled: 0, unfilled: 0 })
    expect(f.totals).toMatchObject({ lentFteWeeks: 3.5, receivedFteWeeks: 3.5, requestedFteWeeks: 5.5, coveredFteWeeks: 3.5, unmetFteWeeks: 2, filled: 1, partlyFilled: 1, unfilled: 1 })
    expect(f.totals.daysToFirstApproval).toEqual({ median: 1.5, mean: 1.5, requests: 2 })

    // Pressure: U1 30 points on 2 FTE at 10 = 150 % without loans; with 0.5 received 120 %, with 1 received 100 %.
    const close = (list: (number | null)[]) => list.map((v) => (v === null ? null : Math.round(v * 1000) / 1000))
    expect(close(unit(h.u1.id).pressure.map((p) => p.without))).toEqual([1.5, 1.5, 1.5, 1.5])
    expect(close(unit(h.u1.id).pressure.map((p) => p.with))).toEqual([1.2, 1.2, 1, 1])
    expect(close(unit(h.u2.id).pressure.map((p) => p.with))).toEqual([0.667, 1, 0.5, 0.5])
    // The municipality: 50 points against 60 reasonable. With the loans: in W−2, U3 (20 per post) receives
    // 0.5 from U2 (10 per post), 50 / 65; in W−1 and W, U3 lends its whole post to U1, 50 / 50.
    expect(close(f.pressure.map((p) => p.without))).toEqual([0.833, 0.833, 0.833, 0.833])
    expect(close(f.pressure.map((p) => p.with))).toEqual([0.833, 0.769, 1, 1])

    // Weeks lent per person, the heaviest share first.
    expect(f.perPerson?.map((p) => [p.firstName, p.weeksLent, p.fteWeeks])).toEqual([
      ['Cecilia', 2, 2],
      ['Anna', 2, 1],
      ['Bo', 1, 0.5],
    ])
  })

  test('the CSV carries every figure of the follow-up: flows, waiting times, and pressure per week for the municipality, each area and each unit', async () => {
    const h = await history()
    const f = await getFollowUp(h.central, parsePeriod({ from: isoWeekId(h.w(-3)), to: isoWeekId(h.W) }))
    const { header, rows } = followUpCsv(f, getFixedT('sv'), 'sv')
    const [head, ...cells] = parse(swedishCsv(header, rows), { delimiter: ';', bom: true }) as string[][]
    expect(head).toEqual(header)
    const number = (cell: string) => (cell === '' ? null : Number(cell.replace(',', '.')))
    const column = (name: string) => head.indexOf(name)
    const find = (section: string, name: string, week = '') => cells.find((r) => r[0] === section && r[1] === name && r[2] === week)!
    const flowOf = (r: string[]) => Object.fromEntries(FLOW_KEYS.map((k, i) => [k, number(r[3 + i])]))
    // Per unit and area, the same flows as getFollowUp; U1 as worked by hand.
    for (const u of f.units) expect(flowOf(find('Enhet', u.name))).toEqual(Object.fromEntries(FLOW_KEYS.map((k) => [k, u[k]])))
    for (const a of f.areas) expect(flowOf(find('Område', a.nameSv))).toEqual(Object.fromEntries(FLOW_KEYS.map((k) => [k, a[k]])))
    expect(flowOf(find('Enhet', 'U1'))).toMatchObject({ receivedFteWeeks: 3, unmetFteWeeks: 2, partlyFilled: 1, unfilled: 1 })
    const totals = find('Hela perioden', 'Hela kommunen')
    expect(flowOf(totals)).toEqual(Object.fromEntries(FLOW_KEYS.map((k) => [k, f.totals[k]])))
    const waits = f.totals.daysToFirstApproval
    expect([totals[column('Tid till första godkända lån (median, dagar)')], totals[column('Tid till första godkända lån (medel, dagar)')], totals[column('Behov med godkänt lån')]].map(number)).toEqual([
      Math.round(waits.median! * 10) / 10,
      Math.round(waits.mean! * 10) / 10,
      waits.requests,
    ])
    // Pressure as numbers (percent), week by week, for the municipality, each area and each unit.
    const pressureOf = (name: string) => f.weeks.map((week) => find('Tryck', name, isoWeekId(week))).map((r) => [number(r[column('Belastning utan lånen (%)')]), number(r[column('Belastning med lånen (%)')])])
    const asPercent = (list: { without: number | null; with: number | null }[]) => list.map((p) => [p.without, p.with].map((v) => (v === null ? null : Math.round(v * 1000) / 10)))
    expect(pressureOf('Hela kommunen')).toEqual(asPercent(f.pressure))
    for (const a of f.areas) expect(pressureOf(`Område: ${a.nameSv}`)).toEqual(asPercent(a.pressure))
    for (const u of f.units) expect(pressureOf(`Enhet: ${u.name}`)).toEqual(asPercent(u.pressure))
    expect(pressureOf('Enhet: U1')).toEqual([[150, 120], [150, 120], [150, 100], [150, 100]])
    // Central's weeks lent per person.
    const cecilia = find('Utlånade veckor per person', `${h.s3.firstName} ${h.s3.lastName}`)
    expect([number(cecilia[3]), number(cecilia[column('Veckor utlånad')])]).toEqual([2, 2])
  })

  test('managers see unit-level figures only; staff are refused; a period is checked', async () => {
    const h = await history()
    const period = parsePeriod({ from: isoWeekId(h.w(-3)), to: isoWeekId(h.W) })
    const seen = await getFollowUp(h.manager, period)
    expect(seen.perPerson).toBeNull()
    expect(seen.units.find((u) => u.id === h.u1.id)).toMatchObject({ receivedFteWeeks: 3, unmetFteWeeks: 2 })
    await expect(getFollowUp(h.staff, period)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(() => parsePeriod({ from: '2026-W50', to: '2026-W40' })).toThrow(expect.objectContaining({ path: 'to' }))
    expect(() => parsePeriod({ from: 'förra veckan' })).toThrow(expect.objectContaining({ path: 'from' }))
    expect(() => parsePeriod({ from: '2024-W01', to: '2026-W49' })).toThrow(expect.objectContaining({ path: 'to', message: 'workload.followUp.periodTooLong' }))
    // Future weeks have no pressure yet, but their approved loans count.
    const ahead = await getFollowUp(h.central, parsePeriod({ from: isoWeekId(h.W), to: isoWeekId(h.w(2)) }))
    expect(ahead.pressure.map((p) => p.without === null)).toEqual([false, true, true])
  })
})
