import { describe, expect, test } from 'vitest'
import { createRequest, createSkill, createStaff, createUnit, createUser, sessionCookie } from '../../tests/factories'
import { dumpDatabase } from '../../tests/ops/support'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, NotFoundError } from '~/utils/errors'
import { setMyAvailability } from './availability.server'
import { exportCsv } from './csv-export.server'
import { erasePerson, exportPersonalData, searchStaffForPrivacy } from './gdpr.server'
import { takeSignInAttempt } from './login-throttle.server'
import { updateMySkills } from './skills.server'

/** A person with a history: skills and absences entered by themselves, a sign-in, loans, a token. */
async function personWithHistory() {
  const tag = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')
  const home = await createUnit()
  const away = await createUnit()
  const staff = await prisma.staff.create({
    data: {
      firstName: `Zlatana${tag}`,
      lastName: `Unikström${tag}`,
      email: `zlatana.${tag}@kommun.se`,
      title: 'Socialsekreterare',
      unitId: home.id,
      fte10: 10,
      caseload: 8,
      hireDate: new Date('2015-03-01T00:00:00Z'),
      lendingConsent: true,
    },
  })
  const user = await createUser({ role: 'STAFF', staffId: staff.id, email: staff.email })
  await prisma.user.update({ where: { id: user.id }, data: { name: `${staff.firstName} ${staff.lastName}` } })
  const actor = (await getActorById(user.id))!
  const skill = await createSkill()
  await updateMySkills(actor, { set: [{ skillId: skill.id, level: 3, evidence: 'TRAINING', validUntil: undefined }] })
  await setMyAvailability(actor, {
    lendingConsent: true,
    addAbsences: [{ startDate: new Date('2027-01-04T00:00:00Z'), endDate: new Date('2027-01-08T00:00:00Z') }],
  })
  await sessionCookie(user.id)
  await prisma.apiToken.create({ data: { userId: user.id, name: 'Min nyckel', tokenHash: `${tag}${'a'.repeat(58)}`, prefix: 'avl_abcd' } })
  await takeSignInAttempt(staff.email, '203.0.113.5')
  const request = await createRequest({ unitId: away.id, fte10: 10 })
  const approved = await prisma.loan.create({
    data: { staffId: staff.id, requestId: request.id, fte10: 4, startWeek: request.startWeek, endWeek: request.endWeek, status: 'APPROVED', note: `${staff.firstName} vill gärna` },
  })
  const proposed = await prisma.loan.create({
    data: { staffId: staff.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek, status: 'PROPOSED', explanation: { why: `${staff.firstName} har BBIC` } },
  })
  return { staff, user, home, away, skill, approved, proposed, tag }
}

async function central() {
  return (await getActorById((await createUser({ role: 'CENTRAL' })).id))!
}

describe('personal data export', () => {
  test('holds everything Avlast has on the person, but no secrets, and is logged', async () => {
    const admin = await central()
    const { staff, user, approved } = await personWithHistory()
    const data = await exportPersonalData(admin, staff.id)
    expect(data.person).toMatchObject({ id: staff.id, firstName: staff.firstName, lastName: staff.lastName, email: staff.email, fte10: 10, caseload: 8 })
    expect(data.skills).toHaveLength(1)
    expect(data.absences).toHaveLength(1)
    expect(data.loans.map((l) => l.id)).toContain(approved.id)
    expect(data.userAccount).toMatchObject({ id: user.id, email: user.email, role: 'STAFF' })
    expect(data.userAccount?.sessions).toHaveLength(1)
    expect(data.userAccount?.apiTokens).toEqual([expect.objectContaining({ name: 'Min nyckel', prefix: 'avl_abcd' })])
    // The failed attempt's counters for the account: from that address, and from browsers it never signed in on.
    expect(data.loginThrottle).toEqual([expect.objectContaining({ points: 1 }), expect.objectContaining({ points: 1 })])
    expect(data.auditLog.map((e) => e.action)).toEqual(expect.arrayContaining(['staffSkill.add', 'absence.add']))
    const text = JSON.stringify(data)
    expect(text).not.toContain('a'.repeat(58))
    expect(text).not.toMatch(/\$2[aby]\$/)
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(text).not.toContain(session.id)
    expect(await prisma.auditLog.count({ where: { action: 'gdpr.export', entityId: staff.id, actorEmail: admin.email } })).toBe(1)
  })

  test('central finds a person by part of the name or e-mail, in any case', async () => {
    const admin = await central()
    const { staff, tag } = await personWithHistory()
    for (const query of [`unikström${tag}`, `ZLATANA${tag.toUpperCase()}`, `zlatana.${tag}`, `Zlat Unikström${tag}`]) {
      expect((await searchStaffForPrivacy(admin, query)).map((s) => s.id), query).toEqual([staff.id])
    }
    expect(await searchStaffForPrivacy(admin, '   ')).toEqual([])
  })

  test('% and _ in a search are themselves, not patterns that find everyone', async () => {
    const admin = await central()
    const { staff, tag } = await personWithHistory()
    expect(await searchStaffForPrivacy(admin, '%')).toEqual([])
    expect(await searchStaffForPrivacy(admin, `zlatana_${tag}`)).toEqual([])
    expect((await searchStaffForPrivacy(admin, `zlatana.${tag}`)).map((s) => s.id)).toEqual([staff.id])
  })
})

describe('erasure', () => {
  test('removes the person’s data everywhere but keeps the loans’ figures, and is audited', async () => {
    const admin = await central()
    const { staff, user, home, away, approved, proposed, tag } = await personWithHistory()
    const auditBefore = await prisma.auditLog.count()
    const lentBefore = await prisma.loan.aggregate({ where: { staffId: staff.id, status: 'APPROVED' }, _sum: { fte10: true } })

    const summary = await erasePerson(admin, staff.id)
    expect(summary).toEqual({
      userId: user.id,
      skillsRemoved: 1,
      absencesRemoved: 1,
      sessionsRemoved: 1,
      tokensRemoved: 1,
      throttleCountersRemoved: 2,
      proposedLoansWithdrawn: 1,
      loansKept: 2,
    })

    // Nothing that names the person is left anywhere; the audit log keeps only the actor e-mail of what they did themselves.
    const dump = await dumpDatabase()
    for (const [model, rows] of Object.entries(dump)) {
      for (const row of rows) {
        expect(row, model).not.toMatch(new RegExp(`Zlatana${tag}|Unikström${tag}`))
        const ownActions = model === 'AuditLog' ? row.replace(`"actorEmail":"${staff.email}"`, '') : row
        expect(ownActions, model).not.toContain(staff.email)
      }
    }
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.staffSkill.count({ where: { staffId: staff.id } })).toBe(0)
    expect(await prisma.absence.count({ where: { staffId: staff.id } })).toBe(0)

    // Follow-up statistics still add up: the approved loan keeps extent, weeks and both units.
    const loan = await prisma.loan.findUniqueOrThrow({ where: { id: approved.id }, select: { status: true, fte10: true, startWeek: true, note: true, staff: { select: { unitId: true, active: true } }, request: { select: { unitId: true } } } })
    expect(loan).toMatchObject({ status: 'APPROVED', fte10: 4, startWeek: approved.startWeek, note: null, staff: { unitId: home.id, active: false }, request: { unitId: away.id } })
    expect(await prisma.loan.aggregate({ where: { staffId: staff.id, status: 'APPROVED' }, _sum: { fte10: true } })).toEqual(lentBefore)
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe('CANCELLED')

    // The log grew by exactly the erasure; earlier entries are untouched (append-only).
    expect(await prisma.auditLog.count()).toBe(auditBefore + 1)
    expect(await prisma.auditLog.findFirst({ where: { action: 'gdpr.erase' } })).toMatchObject({ entityId: staff.id, actorEmail: admin.email, after: summary })

    // An erased person is gone from searches, exports and a second erasure.
    expect(await searchStaffForPrivacy(admin, 'raderad')).toEqual([])
    expect(await exportCsv(admin, 'staff')).not.toContain(staff.id)
    await expect(erasePerson(admin, staff.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(exportPersonalData(admin, staff.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('is central’s alone, and nobody erases themselves', async () => {
    const unit = await createUnit()
    const self = await createStaff({ unitId: unit.id })
    const selfUser = await createUser({ role: 'CENTRAL', staffId: self.id })
    await expect(erasePerson((await getActorById(selfUser.id))!, self.id)).rejects.toBeInstanceOf(ConflictError)
    const manager = await createUser({ role: 'MANAGER', unitIds: [unit.id] })
    const other = await createStaff({ unitId: unit.id })
    await expect(erasePerson((await getActorById(manager.id))!, other.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(exportPersonalData((await getActorById(manager.id))!, other.id)).rejects.toBeInstanceOf(ForbiddenError)
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ email: other.email })
  })
})
