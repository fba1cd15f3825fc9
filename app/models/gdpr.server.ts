// GDPR for staff members: central exports everything Avlast holds on a person
// and erases it. Erasure pseudonymizes the staff row instead of deleting it,
// so loans keep their figures (extent, weeks, lending and receiving unit) for
// follow-up statistics; the audit log only ever holds ids and actor e-mails.
import { Prisma } from '@prisma/client'
import { prisma } from '~/utils/db.server'
import { ConflictError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { audit } from './audit.server'
import { withdrawProposalsOf } from './loan-lifecycle.server'
import { deleteThrottleRowsFor, throttleRowsFor } from './login-throttle.server'
import { containsWord } from './text-search.server'

const ERASED_DOMAIN = 'raderad.avlast.invalid'

/** Staff rows that still hold a person (not erased). */
export const notErased: Prisma.StaffWhereInput = { NOT: { email: { endsWith: `@${ERASED_DOMAIN}` } } }

export function isErasedEmail(email: string) {
  return email.endsWith(`@${ERASED_DOMAIN}`)
}

// Ids are cuids; anything else (a NUL byte, which PostgreSQL refuses) is simply not found.
const isId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id)
const printable = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('')

/** Central looks a person up by name or e-mail. */
export async function searchStaffForPrivacy(actor: Actor, query: string) {
  assertRole(actor, 'CENTRAL')
  const words = printable(query).trim().split(/\s+/).filter(Boolean).slice(0, 4)
  if (!words.length) return []
  return prisma.staff.findMany({
    where: {
      AND: [
        notErased,
        ...(await Promise.all(words.map((w) => containsWord<Prisma.StaffWhereInput>('Staff', ['firstName', 'lastName', 'email'], w)))),
      ],
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    take: 20,
    select: { id: true, firstName: true, lastName: true, email: true, title: true, active: true, unit: { select: { name: true } }, user: { select: { id: true } } },
  })
}

/** Name and e-mail of a person who can be exported or erased, for the confirmation step. */
export async function getPrivacySubject(actor: Actor, staffId: string) {
  assertRole(actor, 'CENTRAL')
  if (!isId(staffId)) throw new NotFoundError()
  const staff = await prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, firstName: true, lastName: true, email: true } })
  if (!staff || isErasedEmail(staff.email)) throw new NotFoundError()
  return staff
}

async function findPerson(staffId: string) {
  if (!isId(staffId)) throw new NotFoundError()
  const staff = await prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, email: true, user: { select: { id: true, email: true } } } })
  if (!staff || isErasedEmail(staff.email)) throw new NotFoundError()
  return staff
}

/** Everything Avlast holds on one staff member, as plain JSON. The export is recorded in the audit log. */
export async function exportPersonalData(actor: Actor, staffId: string) {
  assertRole(actor, 'CENTRAL')
  const { user } = await findPerson(staffId)
  const person = await prisma.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      title: true,
      fte10: true,
      caseload: true,
      hireDate: true,
      lendingConsent: true,
      active: true,
      createdAt: true,
      updatedAt: true,
      unit: { select: { code: true, name: true } },
      skills: {
        orderBy: { skill: { key: 'asc' } },
        select: { id: true, level: true, evidence: true, validUntil: true, verifiedAt: true, updatedAt: true, skill: { select: { key: true, nameSv: true } } },
      },
      absences: { orderBy: { startDate: 'asc' }, select: { id: true, startDate: true, endDate: true, createdAt: true } },
      loans: {
        orderBy: { startWeek: 'asc' },
        select: {
          id: true,
          status: true,
          fte10: true,
          startWeek: true,
          endWeek: true,
          note: true,
          explanation: true,
          decidedAt: true,
          createdAt: true,
          request: { select: { id: true, unit: { select: { code: true, name: true } } } },
        },
      },
    },
  })
  const account = user
    ? await prisma.user.findUniqueOrThrow({
        where: { id: user.id },
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          locale: true,
          createdAt: true,
          updatedAt: true,
          managedUnits: { select: { unit: { select: { code: true, name: true } } } },
          sessions: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, expiresAt: true } },
          apiTokens: { orderBy: { createdAt: 'asc' }, select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
          createdRequests: { orderBy: { createdAt: 'asc' }, select: { id: true, createdAt: true, unit: { select: { code: true } } } },
          verifiedSkills: { select: { id: true, verifiedAt: true } },
          decidedLoans: { select: { id: true, status: true, decidedAt: true } },
        },
      })
    : null
  const emails = [...new Set([person.email, account?.email].filter((e): e is string => Boolean(e)))]
  const loginThrottle = await throttleRowsFor(emails)
  const entityIds = [person.id, ...person.skills.map((s) => s.id), ...person.absences.map((a) => a.id), ...person.loans.map((l) => l.id), ...(account ? [account.id] : [])]
  const auditLog = await prisma.auditLog.findMany({
    where: { OR: [{ entityId: { in: entityIds } }, ...(account ? [{ actorId: account.id }] : [])] },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { at: true, actorEmail: true, action: true, entity: true, entityId: true, before: true, after: true },
  })
  await prisma.$transaction((tx) => audit(tx, actor, { action: 'gdpr.export', entity: 'Staff', entityId: staffId }))
  const { skills, absences, loans, ...staff } = person
  return {
    format: 'avlast-personal-data/1',
    exportedAt: new Date().toISOString(),
    person: staff,
    skills,
    absences,
    loans,
    userAccount: account,
    loginThrottle,
    auditLog,
  }
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>

/**
 * Erases a staff member in one transaction: name, e-mail and title are
 * replaced, skills, absences, the user account with its sessions and tokens
 * and the sign-in throttle counters are removed; loans keep their figures (notes and
 * explanations go), proposed ones are withdrawn. The erasure is audited.
 */
export async function erasePerson(actor: Actor, staffId: string) {
  assertRole(actor, 'CENTRAL')
  if (!isId(staffId)) throw new NotFoundError()
  return prisma.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({
      where: { id: staffId },
      select: {
        id: true,
        email: true,
        user: { select: { id: true, email: true, _count: { select: { sessions: true, apiTokens: true } } } },
      },
    })
    if (!staff || isErasedEmail(staff.email)) throw new NotFoundError()
    if (staff.user?.id === actor.id) throw new ConflictError('ops.privacy.cannotEraseSelf')

    const skills = await tx.staffSkill.deleteMany({ where: { staffId } })
    const absences = await tx.absence.deleteMany({ where: { staffId } })
    const withdrawn = await withdrawProposalsOf(tx, staffId)
    const loans = await tx.loan.updateMany({ where: { staffId }, data: { note: null, explanation: Prisma.DbNull } })
    const throttleRows = await deleteThrottleRowsFor(tx, [staff.email, staff.user?.email].filter((e): e is string => Boolean(e)))
    if (staff.user) await tx.user.delete({ where: { id: staff.user.id } })
    await tx.staff.update({
      where: { id: staffId },
      data: {
        firstName: 'Raderad',
        lastName: 'person',
        email: `${staffId}@${ERASED_DOMAIN}`,
        title: '–',
        caseload: 0,
        hireDate: new Date(0),
        lendingConsent: false,
        active: false,
      },
    })
    const summary = {
      userId: staff.user?.id ?? null,
      skillsRemoved: skills.count,
      absencesRemoved: absences.count,
      sessionsRemoved: staff.user?._count.sessions ?? 0,
      tokensRemoved: staff.user?._count.apiTokens ?? 0,
      throttleCountersRemoved: throttleRows,
      proposedLoansWithdrawn: withdrawn,
      loansKept: loans.count,
    }
    await audit(tx, actor, { action: 'gdpr.erase', entity: 'Staff', entityId: staffId, after: summary })
    return summary
  })
}
