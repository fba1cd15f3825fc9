// Follow-up (uppföljning) for any period: FTE-weeks lent and received by unit
// and area, how requests fared (filled, partly, unfilled, days to the first
// approved loan), demand left unmet, and pressure with and without the loans
// week by week. Weeks lent per person are for central only.
import { now as clockNow } from '~/utils/clock'
import { prisma } from '~/utils/db.server'
import { ForbiddenError, InputError } from '~/utils/errors'
import { assertRole, hasRole, type Actor } from '~/utils/permissions'
import { addWeeks, parseWeek, today, weekStart, weeksBetween } from '~/utils/weeks'
import { reasonableCaseload, unitLoad } from './load'
import { COMMITTED_STATUSES } from './loan-status'
import { weeklyFigures } from './unit-history.server'

export const MAX_FOLLOW_UP_WEEKS = 104

type LoanWeeks = { fte10: number; startWeek: Date; endWeek: Date; staffId: string; staffUnitId: string; requestId: string; requestUnitId: string; decidedAt: Date | null }

/** Loans that count as lent, with the weeks they run (an ended-early loan up to its last week worked). */
async function lentLoans(from: Date, to: Date): Promise<LoanWeeks[]> {
  const loans = await prisma.loan.findMany({
    where: { status: { in: [...COMMITTED_STATUSES] }, startWeek: { lte: to }, endWeek: { gte: from } },
    select: { fte10: true, startWeek: true, endWeek: true, staffId: true, requestId: true, decidedAt: true, staff: { select: { unitId: true } }, request: { select: { unitId: true } } },
  })
  return loans.map((l) => ({ ...l, staffUnitId: l.staff.unitId, requestUnitId: l.request.unitId }))
}

/** Weekly loan flows (FTE) per unit for `weeks` weeks from `from`. */
export async function loanFlows(from: Date, weeks: number) {
  const loans = await lentLoans(from, addWeeks(from, weeks - 1))
  const lent = new Map<string, number[]>()
  const received = new Map<string, number[]>()
  const add = (map: Map<string, number[]>, unitId: string, week: number, fte: number) => {
    let row = map.get(unitId)
    if (!row) map.set(unitId, (row = new Array(weeks).fill(0)))
    row[week] += fte
  }
  for (const loan of loans) {
    for (let w = Math.max(0, weeksBetween(from, loan.startWeek)); w <= Math.min(weeks - 1, weeksBetween(from, loan.endWeek)); w++) {
      add(lent, loan.staffUnitId, w, loan.fte10 / 10)
      add(received, loan.requestUnitId, w, loan.fte10 / 10)
    }
  }
  return { lent, received }
}

export type FollowUpPeriod = { from: Date; to: Date }

/** The period from ISO weeks or dates; the default is the last 12 weeks and the next 12. */
export function parsePeriod(input: { from?: string | null; to?: string | null }, now: Date = clockNow()): FollowUpPeriod {
  const monday = weekStart(today(now))
  const from = input.from ? parseWeek(input.from) : addWeeks(monday, -12)
  if (!from) throw new InputError('from', 'workload.followUp.periodInvalid')
  const to = input.to ? parseWeek(input.to) : addWeeks(monday, 12)
  if (!to) throw new InputError('to', 'workload.followUp.periodInvalid')
  if (to < from) throw new InputError('to', 'workload.followUp.periodReversed')
  if (weeksBetween(from, to) + 1 > MAX_FOLLOW_UP_WEEKS) throw new InputError('to', 'workload.followUp.periodTooLong')
  return { from, to }
}

type Flow = { lentFteWeeks: number; receivedFteWeeks: number; requestedFteWeeks: number; coveredFteWeeks: number; unmetFteWeeks: number; filled: number; partlyFilled: number; unfilled: number }
export type PressureWeek = { week: Date; without: number | null; with: number | null }

const r2 = (v: number) => Math.round(v * 100) / 100
const emptyFlow = (): Flow => ({ lentFteWeeks: 0, receivedFteWeeks: 0, requestedFteWeeks: 0, coveredFteWeeks: 0, unmetFteWeeks: 0, filled: 0, partlyFilled: 0, unfilled: 0 })
const rounded = (f: Flow): Flow => ({ ...f, lentFteWeeks: r2(f.lentFteWeeks), receivedFteWeeks: r2(f.receivedFteWeeks), requestedFteWeeks: r2(f.requestedFteWeeks), coveredFteWeeks: r2(f.coveredFteWeeks), unmetFteWeeks: r2(f.unmetFteWeeks) })

function median(values: number[]) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Managers and central see unit-level figures; the weeks each person was lent
 * only central (`perPerson` is null for others).
 */
export async function getFollowUp(actor: Actor, period: FollowUpPeriod, now: Date = clockNow()) {
  assertRole(actor, 'MANAGER', 'CENTRAL')
  const { from, to } = period
  const weeks = weeksBetween(from, to) + 1
  const current = weekStart(today(now))
  const weekDates = Array.from({ length: weeks }, (_, i) => addWeeks(from, i))
  const [units, loans, requests, history] = await Promise.all([
    prisma.unit.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, areaId: true, casesPerFte: true, area: { select: { id: true, nameSv: true, nameEn: true, casesPerFte: true } } } }),
    lentLoans(from, to),
    prisma.reinforcementRequest.findMany({
      where: { status: { not: 'CANCELLED' }, startWeek: { lte: to }, endWeek: { gte: from } },
      select: { id: true, unitId: true, fte10: true, startWeek: true, endWeek: true, createdAt: true },
    }),
    // Pressure needs figures: weeks up to this one.
    from <= current ? weeklyFigures(weeksBetween(from, to > current ? current : to) + 1, to > current ? current : to) : Promise.resolve(new Map()),
  ])
  const index = (date: Date) => weeksBetween(from, date)
  const flow = new Map(units.map((u) => [u.id, emptyFlow()]))
  const lentWeekly = new Map(units.map((u) => [u.id, new Array<number>(weeks).fill(0)]))
  const receivedWeekly = new Map(units.map((u) => [u.id, new Array<number>(weeks).fill(0)]))
  const perRequest = new Map<string, number[]>()
  const people = new Map<string, { weeks: Set<number>; fteWeeks: number }>()
  for (const loan of loans) {
    for (let w = Math.max(0, index(loan.startWeek)); w <= Math.min(weeks - 1, index(loan.endWeek)); w++) {
      const fte = loan.fte10 / 10
      lentWeekly.get(loan.staffUnitId)![w] += fte
      receivedWeekly.get(loan.requestUnitId)![w] += fte
      flow.get(loan.staffUnitId)!.lentFteWeeks += fte
      flow.get(loan.requestUnitId)!.receivedFteWeeks += fte
      const r = perRequest.get(loan.requestId) ?? new Array<number>(weeks).fill(0)
      r[w] += loan.fte10
      perRequest.set(loan.requestId, r)
      const p = people.get(loan.staffId) ?? { weeks: new Set<number>(), fteWeeks: 0 }
      p.weeks.add(w)
      p.fteWeeks += fte
      people.set(loan.staffId, p)
    }
  }
  // Requests: covered per week up to their size, over their weeks inside the period.
  const firstApproval = new Map<string, Date>()
  for (const loan of loans) {
    if (loan.decidedAt && (!firstApproval.has(loan.requestId) || firstApproval.get(loan.requestId)! > loan.decidedAt)) firstApproval.set(loan.requestId, loan.decidedAt)
  }
  const waits: number[] = []
  for (const r of requests) {
    const f = flow.get(r.unitId)!
    let requested = 0
    let covered = 0
    for (let w = Math.max(0, index(r.startWeek)); w <= Math.min(weeks - 1, index(r.endWeek)); w++) {
      requested += r.fte10
      covered += Math.min(r.fte10, perRequest.get(r.id)?.[w] ?? 0)
    }
    f.requestedFteWeeks += requested / 10
    f.coveredFteWeeks += covered / 10
    f.unmetFteWeeks += (requested - covered) / 10
    if (covered >= requested) f.filled++
    else if (covered > 0) f.partlyFilled++
    else f.unfilled++
    const approved = firstApproval.get(r.id)
    if (approved) waits.push(Math.max(0, (approved.getTime() - r.createdAt.getTime()) / 86_400_000))
  }
  // Pressure per week: the week's points against its capacity, without and with that week's loans.
  type Acc = { points: number[]; capacity: number[]; withLoans: number[] }
  const acc = (): Acc => ({ points: new Array(weeks).fill(0), capacity: new Array(weeks).fill(0), withLoans: new Array(weeks).fill(0) })
  const total = acc()
  const byArea = new Map<string, Acc>()
  const unitPressure = new Map<string, PressureWeek[]>()
  for (const u of units) {
    const cpf = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
    const figures = history.get(u.id) ?? []
    const area = byArea.get(u.areaId) ?? acc()
    byArea.set(u.areaId, area)
    unitPressure.set(
      u.id,
      weekDates.map((week, w) => {
        const h = week <= current ? figures[w] : null
        if (!h) return { week, without: null, with: null }
        const effective = h.staffFte - lentWeekly.get(u.id)![w] + receivedWeekly.get(u.id)![w]
        for (const a of [total, area]) {
          a.points[w] += h.points
          a.capacity[w] += cpf * h.staffFte
          a.withLoans[w] += cpf * Math.max(0, effective)
        }
        return { week, without: unitLoad(h.points, cpf, h.staffFte), with: unitLoad(h.points, cpf, effective) }
      }),
    )
  }
  const pressureOf = (a: Acc): PressureWeek[] =>
    weekDates.map((week, w) => ({
      week,
      without: a.capacity[w] > 0 ? a.points[w] / a.capacity[w] : null,
      with: a.withLoans[w] > 0 ? a.points[w] / a.withLoans[w] : null,
    }))
  const sumFlows = (list: Flow[]) => list.reduce((s, f) => { for (const k of Object.keys(s) as (keyof Flow)[]) s[k] += f[k]; return s }, emptyFlow())
  const areaList = [...new Map(units.map((u) => [u.area.id, u.area])).values()].sort((a, b) => a.nameSv.localeCompare(b.nameSv, 'sv'))
  const perPerson = hasRole(actor, 'CENTRAL') ? await personWeeks(people) : null
  return {
    from,
    to,
    weeks: weekDates,
    currentWeek: current,
    totals: { ...rounded(sumFlows([...flow.values()])), daysToFirstApproval: { median: median(waits), mean: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null, requests: waits.length } },
    pressure: pressureOf(total),
    areas: areaList.map((a) => ({ id: a.id, nameSv: a.nameSv, nameEn: a.nameEn, ...rounded(sumFlows(units.filter((u) => u.areaId === a.id).map((u) => flow.get(u.id)!))), pressure: pressureOf(byArea.get(a.id)!) })),
    units: units.map((u) => ({ id: u.id, name: u.name, areaId: u.areaId, ...rounded(flow.get(u.id)!), pressure: unitPressure.get(u.id)! })),
    perPerson,
  }
}

async function personWeeks(people: Map<string, { weeks: Set<number>; fteWeeks: number }>) {
  if (!people.size) return []
  const staff = await prisma.staff.findMany({ where: { id: { in: [...people.keys()] } }, select: { id: true, firstName: true, lastName: true, unitId: true, unit: { select: { name: true } } } })
  return staff
    .map((s) => ({ staffId: s.id, firstName: s.firstName, lastName: s.lastName, unitId: s.unitId, unitName: s.unit.name, weeksLent: people.get(s.id)!.weeks.size, fteWeeks: r2(people.get(s.id)!.fteWeeks) }))
    .sort((a, b) => b.weeksLent - a.weeksLent || b.fteWeeks - a.fteWeeks || a.lastName.localeCompare(b.lastName, 'sv'))
}

export type FollowUp = Awaited<ReturnType<typeof getFollowUp>>

/** Only central sees weeks lent per person. */
export function assertSeesPeople(actor: Actor) {
  if (!hasRole(actor, 'CENTRAL')) throw new ForbiddenError()
}
