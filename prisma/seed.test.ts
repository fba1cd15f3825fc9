import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { verifyLogin } from '~/utils/auth.server'
import { isNewcomer, reasonableCaseload, unitLoad } from '~/models/load'
import { today } from '~/utils/weeks'
import { DEMO_HISTORY_WEEKS } from './demo/municipality'
import { seedDatabase } from './demo/seed-database'
import { DEMO_FORMER_USER, DEMO_PASSWORD, DEMO_USERS } from './demo/taxonomy'

describe('demo data', () => {
  beforeAll(async () => {
    await seedDatabase(prisma)
  })

  test('a believable municipality: 5 areas, about 10 units, about 150 staff, a skills taxonomy', async () => {
    expect(await prisma.area.count()).toBe(5)
    expect(await prisma.unit.count()).toBeGreaterThanOrEqual(10)
    const staff = await prisma.staff.count()
    expect(staff).toBeGreaterThanOrEqual(130)
    expect(staff).toBeLessThanOrEqual(170)
    const keys = (await prisma.skill.findMany({ select: { key: true } })).map((s) => s.key)
    expect(keys).toEqual(
      expect.arrayContaining(['bbic', 'ibic', 'mi', 'asi', 'freda', 'lvu', 'lvm', 'signs-of-safety', 'familjeratt', 'barnsamtal', 'arabiska']),
    )
    expect(await prisma.unitCaseload.count()).toBe((await prisma.unit.count()) * DEMO_HISTORY_WEEKS)
  })

  test('every demo user signs in with the demo password', async () => {
    for (const email of Object.values(DEMO_USERS)) expect(await verifyLogin(email, DEMO_PASSWORD), email).not.toBeNull()
  })

  test('the admin pages have variety: one deactivated person who cannot sign in, and an integration with a read-only token nobody knows', async () => {
    const former = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_FORMER_USER }, select: { active: true, deactivatedAt: true, kind: true } })
    expect(former).toMatchObject({ active: false, kind: 'PERSON', deactivatedAt: expect.any(Date) })
    expect(await verifyLogin(DEMO_FORMER_USER, DEMO_PASSWORD)).toBeNull()
    const integrations = await prisma.user.findMany({
      where: { kind: 'INTEGRATION' },
      select: {
        name: true,
        active: true,
        password: true,
        apiTokens: { select: { scope: true, expiresAt: true, revokedAt: true, prefix: true, tokenHash: true } },
      },
    })
    expect(integrations).toHaveLength(1)
    expect(integrations[0]).toMatchObject({ name: 'HR-systemet', active: true, password: null })
    const [token] = integrations[0].apiTokens
    expect(token).toMatchObject({ scope: 'READ_ONLY', revokedAt: null })
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now())
    expect(token.prefix).toMatch(/^avl_/)
    expect(token.tokenHash).toMatch(/^[0-9a-f]{64}$/)
  })

  test('the demo manager runs a unit under pressure with an open request', async () => {
    const manager = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_USERS.manager },
      select: { role: true, managedUnits: { select: { unit: { select: { id: true, openCases: true, casesPerFte: true, area: true, staff: true } } } } },
    })
    expect(manager.role).toBe('MANAGER')
    const unit = manager.managedUnits[0].unit
    const fte = unit.staff.reduce((s, x) => s + x.fte10 / 10, 0)
    expect(unitLoad(unit.openCases, reasonableCaseload(unit.casesPerFte, unit.area.casesPerFte), fte)).toBeGreaterThan(1.1)
    expect(await prisma.reinforcementRequest.count({ where: { unitId: unit.id, status: 'OPEN' } })).toBeGreaterThan(0)
  })

  test('the demo staff member is lendable, has skills, and works in a unit with slack', async () => {
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_USERS.staff },
      select: { role: true, staff: { include: { skills: true, unit: { include: { area: true, staff: true } } } } },
    })
    const s = user.staff!
    expect(user.role).toBe('STAFF')
    expect(s.lendingConsent).toBe(true)
    expect(isNewcomer(s.hireDate, today(), 6)).toBe(false)
    expect(s.skills.length).toBeGreaterThanOrEqual(3)
    const cpf = reasonableCaseload(s.unit.casesPerFte, s.unit.area.casesPerFte)
    expect(s.caseload).toBeLessThan(cpf * (s.fte10 / 10))
    const fte = s.unit.staff.reduce((sum, x) => sum + x.fte10 / 10, 0)
    expect(unitLoad(s.unit.openCases, cpf, fte)).toBeLessThan(0.9)
  })

  test('there are loans in every status, absences as periods only, and both pressure and slack', async () => {
    const statuses = await prisma.loan.groupBy({ by: ['status'], _count: { _all: true } })
    expect(statuses.map((s) => s.status).sort()).toEqual(['ACTIVE', 'APPROVED', 'CANCELLED', 'COMPLETED', 'ENDED_EARLY', 'PROPOSED', 'REJECTED'])
    expect(await prisma.absence.count()).toBeGreaterThan(5)
    expect(Object.keys(prisma.absence.fields)).not.toContain('reason')
  })
})
