// Who can be lent lives in lendability.ts; this compares everything that uses
// it on the demo data: the matching instance, the API's staff directory, its
// SQL filter, and the engine's own recovery rule.
import { beforeAll, describe, expect, test } from 'vitest'
import { checkLoans, type Instance } from '~/engine'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { seedDatabase } from '../../prisma/demo/seed-database'
import { DEMO_USERS } from '../../prisma/demo/taxonomy'
import { excludesFromMatching } from './lendability'
import { buildMatchingInstance } from './matching-instance.server'
import { getStaffDetails, listStaff } from './staff-directory.server'

const monday = weekStart(today())

beforeAll(async () => {
  await seedDatabase(prisma)
  // Two people at the recovery limit (lent 12 of the last 25 weeks, the policy's default), one just under it.
  const request = await prisma.reinforcementRequest.findFirstOrThrow({ where: { status: 'CLOSED' }, select: { id: true, unitId: true } })
  const others = await prisma.staff.findMany({ where: { active: true, lendingConsent: true, unitId: { not: request.unitId }, loans: { none: {} } }, take: 3, orderBy: { id: 'asc' }, select: { id: true } })
  for (const [i, s] of others.entries()) {
    const weeks = i < 2 ? 12 : 11
    await prisma.loan.create({ data: { staffId: s.id, requestId: request.id, fte10: 2, startWeek: addWeeks(monday, -weeks), endWeek: addWeeks(monday, -1), status: 'COMPLETED' } })
  }
})

async function everyone(filter: { lendable?: boolean }) {
  const central = (await getActorById((await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.central } })).id))!
  const ids: string[] = []
  for (let after: string | null = null; ; ) {
    const page: Awaited<ReturnType<typeof listStaff>> = await listStaff(central, filter, 100, after)
    ids.push(...page.rows.map((r) => r.id))
    if (!page.hasNextPage) return { central, ids }
    after = page.endCursor
  }
}

describe('who can be lent, one rule', () => {
  test('the instance, the directory’s reasons and its SQL filter agree person by person; recovery is the engine’s rule', async () => {
    const context = await buildMatchingInstance()
    const { central, ids: all } = await everyone({})
    const details = new Map((await getStaffDetails(central, all)).map((d) => [d.id, d]))
    expect(details.size).toBe(context.instance.staff.length)
    const atLimit = [...context.staffFacts].filter(([, f]) => f.notLendable.includes('recovery')).map(([id]) => id)
    expect(atLimit).toHaveLength(2)
    for (const s of context.instance.staff) {
      const facts = context.staffFacts.get(s.id)!
      expect(details.get(s.id)!.notLendable, s.id).toEqual(facts.notLendable)
      // Recovery does not take a person out of the matching: the engine applies it week by week.
      expect(s.lendable, s.id).toBe(!facts.notLendable.some(excludesFromMatching))
    }
    const lendable = new Set((await everyone({ lendable: true })).ids)
    const notLendable = new Set((await everyone({ lendable: false })).ids)
    for (const [id, d] of details) {
      expect(lendable.has(id), id).toBe(d.notLendable.length === 0)
      expect(notLendable.has(id), id).toBe(d.notLendable.length > 0)
    }
    expect(lendable.size).toBeGreaterThan(50)

    // The engine's rule 6 refuses a loan this week for exactly the people at the limit (a probe request of one week).
    const probe: Instance = {
      ...context.instance,
      units: [...context.instance.units, { id: 'probe-unit', casesPerFte: 10, openCases: 100 }],
      requests: [{ id: 'probe', unitId: 'probe-unit', fte10: 1, minChunk10: 1, startWeek: 0, endWeek: 0, minWeeks: 1, skills: [] }],
      commitments: context.instance.commitments.filter((c) => c.startWeek > 0),
    }
    const busyNow = new Set(context.instance.commitments.filter((c) => c.startWeek === 0).map((c) => c.staffId))
    for (const s of context.instance.staff) {
      if (busyNow.has(s.id)) continue
      const rules = checkLoans(probe, [{ staffId: s.id, requestId: 'probe', fte10: 1, startWeek: 0, endWeek: 0 }]).map((v) => v.rule)
      expect(rules.includes('recovery'), s.id).toBe(context.staffFacts.get(s.id)!.notLendable.includes('recovery'))
    }
  })
})
