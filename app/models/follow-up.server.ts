// Follow-up (uppföljning): what was lent and received, how requests fared,
// and each unit's pressure before and after its loans.
import { prisma } from '~/utils/db.server'
import { assertRole, type Actor } from '~/utils/permissions'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { reasonableCaseload, unitLoad } from './load'
import { COMMITTED_STATUSES } from './loan-status'

export type FollowUp = Awaited<ReturnType<typeof getFollowUp>>

/** Weekly loan flows from `weeksBack` weeks ago to `weeksAhead` weeks ahead. */
export async function loanFlows(from: Date, weeks: number) {
  const to = addWeeks(from, weeks - 1)
  const loans = await prisma.loan.findMany({
    where: { status: { in: [...COMMITTED_STATUSES] }, startWeek: { lte: to }, endWeek: { gte: from } },
    select: { fte10: true, startWeek: true, endWeek: true, staff: { select: { unitId: true } }, request: { select: { unitId: true } } },
  })
  const lent = new Map<string, number[]>()
  const received = new Map<string, number[]>()
  const add = (map: Map<string, number[]>, unitId: string, week: number, fte: number) => {
    let row = map.get(unitId)
    if (!row) map.set(unitId, (row = new Array(weeks).fill(0)))
    row[week] += fte
  }
  for (const loan of loans) {
    for (let w = 0; w < weeks; w++) {
      const monday = addWeeks(from, w)
      if (monday < loan.startWeek || monday > loan.endWeek) continue
      add(lent, loan.staff.unitId, w, loan.fte10 / 10)
      add(received, loan.request.unitId, w, loan.fte10 / 10)
    }
  }
  return { lent, received }
}

export async function getFollowUp(actor: Actor, options: { weeksBack?: number; weeksAhead?: number } = {}) {
  assertRole(actor, 'CENTRAL')
  const weeksBack = options.weeksBack ?? 12
  const weeksAhead = options.weeksAhead ?? 12
  const monday = weekStart(today())
  const from = addWeeks(monday, -weeksBack)
  const weeks = weeksBack + weeksAhead + 1
  const [units, fte, flows, requestGroups, requested, covered] = await Promise.all([
    prisma.unit.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, openCases: true, casesPerFte: true, area: { select: { casesPerFte: true } } } }),
    prisma.staff.groupBy({ by: ['unitId'], where: { active: true }, _sum: { fte10: true } }),
    loanFlows(from, weeks),
    prisma.reinforcementRequest.groupBy({ by: ['status'], _count: { _all: true }, _sum: { fte10: true } }),
    prisma.reinforcementRequest.aggregate({ where: { status: { in: ['OPEN', 'FILLED', 'CLOSED'] } }, _sum: { fte10: true } }),
    prisma.loan.aggregate({ where: { status: { in: [...COMMITTED_STATUSES] } }, _sum: { fte10: true } }),
  ])
  const staffFte = new Map(fte.map((g) => [g.unitId, (g._sum.fte10 ?? 0) / 10]))
  const now = weeksBack
  const rows = units.map((u) => {
    const cpf = reasonableCaseload(u.casesPerFte, u.area.casesPerFte)
    const own = staffFte.get(u.id) ?? 0
    const lentWeeks = flows.lent.get(u.id) ?? new Array(weeks).fill(0)
    const receivedWeeks = flows.received.get(u.id) ?? new Array(weeks).fill(0)
    const sum = (list: number[], a: number, b: number) => list.slice(a, b).reduce((s, v) => s + v, 0)
    return {
      id: u.id,
      name: u.name,
      lentPast: sum(lentWeeks, 0, now),
      receivedPast: sum(receivedWeeks, 0, now),
      lentAhead: sum(lentWeeks, now, weeks),
      receivedAhead: sum(receivedWeeks, now, weeks),
      loadWithoutLoans: unitLoad(u.openCases, cpf, own),
      loadWithLoans: unitLoad(u.openCases, cpf, own - lentWeeks[now] + receivedWeeks[now]),
    }
  })
  const totals = Array.from({ length: weeks }, (_, w) => ({
    weekStart: addWeeks(from, w),
    lent: [...flows.lent.values()].reduce((s, row) => s + row[w], 0),
  }))
  const byStatus = Object.fromEntries(requestGroups.map((g) => [g.status, { count: g._count._all, fte10: g._sum.fte10 ?? 0 }]))
  return {
    from,
    weeks,
    currentWeek: now,
    rows,
    totals,
    requests: byStatus as Record<string, { count: number; fte10: number } | undefined>,
    requestedFte10: requested._sum.fte10 ?? 0,
    coveredFte10: covered._sum.fte10 ?? 0,
  }
}
