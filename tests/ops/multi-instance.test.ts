// Two app processes (the production build under remix-serve) on one database
// — PostgreSQL when the suite runs there, else one SQLite file — and many
// concurrent approvals of proposals that compete for the same scarce
// capacity: a lendable person, a small request, a lending unit near its
// limit. Afterwards nothing is over its limit and every refusal was clear.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createArea, createRequest, createStaff, createUnit, createUser, sessionCookie } from '../factories'
import { ensureBuild, startServer, type AppServer } from './support'
import { lendableTenths, spareTenths } from '~/engine/model'
import { getFixedT } from '~/i18n'
import { getPolicy } from '~/models/settings.server'
import { prisma } from '~/utils/db.server'
import { getToast } from '~/utils/toast.server'
import { weekStart } from '~/utils/weeks'

// Two copies of each scarcity: 48 approvals at once, queued behind one decision lock (each transaction may wait 30 s).
const GROUPS = 2
let servers: AppServer[] = []

type Scenario = {
  person: { staffId: string; loanIds: string[] }
  request: { requestId: string; loanIds: string[] }
  donor: { unitId: string; loanIds: string[] }
}

/** One copy of the three kinds of scarcity, each wanted by more proposals than fit. */
async function scarceScenario(): Promise<Scenario> {
  const area = await createArea({ casesPerFte: 20 })
  const slack = await createUnit({ areaId: area.id, openCases: 0 })
  const borrower = await createUnit({ areaId: area.id, openCases: 400 })
  const propose = (staffId: string, request: { id: string; startWeek: Date; endWeek: Date }, fte10: number) =>
    prisma.loan.create({ data: { staffId, requestId: request.id, fte10, startWeek: request.startWeek, endWeek: request.endWeek }, select: { id: true } })

  // A person wanted by three overlapping requests: one loan at a time, 6 + 6 > 10 tenths.
  const person = await createStaff({ unitId: slack.id, caseload: 0 })
  const personLoans = []
  for (let i = 0; i < 3; i++) personLoans.push(await propose(person.id, await createRequest({ unitId: borrower.id, fte10: 10, startInWeeks: 2 + i, weeks: 4 }), 6))

  // A request of 0,4 FTE offered four people at 0,2 each: two fit.
  const small = await createRequest({ unitId: borrower.id, fte10: 4, startInWeeks: 2, weeks: 4 })
  const requestLoans = []
  for (let i = 0; i < 4; i++) requestLoans.push(await propose((await createStaff({ unitId: slack.id, caseload: 0 })).id, small, 2))

  // A lending unit of 5 FTE with 82 open cases at 20 per FTE: it may lend 4 tenths a week; five people offered at 0,2.
  const donor = await createUnit({ areaId: area.id, openCases: 82 })
  const donorStaff = []
  for (let i = 0; i < 5; i++) donorStaff.push(await createStaff({ unitId: donor.id, caseload: 0 }))
  const donorLoans = []
  for (const s of donorStaff) donorLoans.push(await propose(s.id, await createRequest({ unitId: borrower.id, fte10: 10, startInWeeks: 2, weeks: 4 }), 2))

  return {
    person: { staffId: person.id, loanIds: personLoans.map((l) => l.id) },
    request: { requestId: small.id, loanIds: requestLoans.map((l) => l.id) },
    donor: { unitId: donor.id, loanIds: donorLoans.map((l) => l.id) },
  }
}

beforeAll(async () => {
  ensureBuild()
  const env = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: '5' }
  servers = await Promise.all([startServer(env), startServer(env)])
}, 120_000)

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

async function approve(server: AppServer, cookie: string, loanId: string) {
  const response = await fetch(`${server.url}/matching`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'approve', loanId }),
  })
  const toastCookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0]
  const { toast } = await getToast(new Request('http://localhost/', { headers: { Cookie: toastCookie } }))
  return { loanId, status: response.status, toast }
}

describe('two app instances, one database', () => {
  test('concurrent approvals never push a person, a request or a lending unit over its limit', async () => {
    const scenarios: Scenario[] = []
    for (let g = 0; g < GROUPS; g++) scenarios.push(await scarceScenario())
    const central = await createUser({ role: 'CENTRAL' })
    const cookie = await sessionCookie(central.id)
    const loanIds = scenarios.flatMap((s) => [...s.person.loanIds, ...s.request.loanIds, ...s.donor.loanIds])

    // Every proposal is approved twice at once, through both instances.
    const attempts = await Promise.all(loanIds.flatMap((id) => [approve(servers[0], cookie, id), approve(servers[1], cookie, id)]))

    const sv = getFixedT('sv')
    for (const a of attempts) {
      expect(a.status, JSON.stringify(a)).toBe(302)
      expect(a.toast, JSON.stringify(a)).not.toBeNull()
      if (a.toast!.type === 'error') {
        // A clear reason in Swedish, never a raw key or a server error.
        expect(a.toast!.message).toMatch(/^loan\.(stale\.|notProposed)/)
        expect(sv(a.toast!.message)).not.toBe(a.toast!.message)
      } else {
        expect(a.toast!.message).toBe('matching.approved')
      }
    }
    const succeeded = attempts.filter((a) => a.toast?.type === 'success').map((a) => a.loanId)
    expect(new Set(succeeded).size).toBe(succeeded.length)

    const approved = await prisma.loan.findMany({
      where: { id: { in: loanIds }, status: { in: ['APPROVED', 'ACTIVE'] } },
      select: { id: true, staffId: true, requestId: true, fte10: true, startWeek: true, endWeek: true, staff: { select: { unitId: true } } },
    })
    expect(approved.map((l) => l.id).sort()).toEqual([...succeeded].sort())
    expect(await prisma.auditLog.count({ where: { action: 'loan.approve', entityId: { in: loanIds } } })).toBe(approved.length)

    const policy = await getPolicy()
    const weeksOf = (l: { startWeek: Date; endWeek: Date }) => {
      const weeks: number[] = []
      for (let t = weekStart(l.startWeek).getTime(); t <= l.endWeek.getTime(); t += 7 * 86_400_000) weeks.push(t)
      return weeks
    }
    for (const s of scenarios) {
      // The person: at most maxConcurrentLoans at once and within their spare, every week.
      const person = await prisma.staff.findUniqueOrThrow({ where: { id: s.person.staffId }, select: { fte10: true, caseload: true } })
      const spare = spareTenths(person.fte10, person.caseload, 20, policy.staffMaxLoad)
      const perWeek = new Map<number, { count: number; fte10: number }>()
      for (const l of approved.filter((l) => l.staffId === s.person.staffId)) {
        for (const w of weeksOf(l)) {
          const cur = perWeek.get(w) ?? { count: 0, fte10: 0 }
          perWeek.set(w, { count: cur.count + 1, fte10: cur.fte10 + l.fte10 })
        }
      }
      for (const v of perWeek.values()) {
        expect(v.count).toBeLessThanOrEqual(policy.maxConcurrentLoans)
        expect(v.fte10).toBeLessThanOrEqual(spare)
      }
      expect(approved.filter((l) => s.person.loanIds.includes(l.id))).toHaveLength(1)

      // The request: never more than it asked for.
      const request = await prisma.reinforcementRequest.findUniqueOrThrow({ where: { id: s.request.requestId }, select: { fte10: true, status: true } })
      const into = approved.filter((l) => l.requestId === s.request.requestId).reduce((sum, l) => sum + l.fte10, 0)
      expect(into).toBe(request.fte10)
      expect(request.status).toBe('FILLED')

      // The lending unit: within what keeps it under donorMaxLoad, every week.
      const unit = await prisma.unit.findUniqueOrThrow({ where: { id: s.donor.unitId }, select: { openCases: true, staff: { where: { active: true }, select: { fte10: true } } } })
      const staffFte = unit.staff.reduce((sum, x) => sum + x.fte10 / 10, 0)
      const limit = lendableTenths(staffFte, unit.openCases / 20, policy.donorMaxLoad)
      expect(limit).toBe(4)
      const lent = new Map<number, number>()
      for (const l of approved.filter((l) => l.staff.unitId === s.donor.unitId)) for (const w of weeksOf(l)) lent.set(w, (lent.get(w) ?? 0) + l.fte10)
      for (const v of lent.values()) expect(v).toBeLessThanOrEqual(limit)
      expect(approved.filter((l) => s.donor.loanIds.includes(l.id))).toHaveLength(2)
    }
    // No error and no 5xx in the servers' logs (request ids are random hex, so match the field, not the digits).
    for (const server of servers) expect(server.output()).not.toMatch(/Error|"statusCode":5\d\d|"level":"error"/)
  }, 60_000)
})
