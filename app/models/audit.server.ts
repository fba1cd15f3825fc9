import { Prisma } from '@prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { dataChanged } from '~/utils/data-version.server'
import { assertRole, type Actor } from '~/utils/permissions'

export type AuditEntry = {
  action: string
  entity: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}

function toJson(value: unknown) {
  if (value === undefined || value === null) return Prisma.DbNull
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue
}

/** Appends to the audit log inside the caller's transaction, so a change and its record land together. */
export async function audit(tx: Tx, actor: Pick<Actor, 'id' | 'email'> | null, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  })
  // Every change is audited, so this is where cached read models go stale: on every worker, once it commits.
  await dataChanged()
}

export const AUDIT_PAGE_SIZE = 50

/** Central reads the log, newest first, a page at a time. */
export async function listAuditLog(
  actor: Actor,
  filter: { entity?: string; action?: string; actorEmail?: string; before?: string } = {},
) {
  assertRole(actor, 'CENTRAL')
  const rows = await prisma.auditLog.findMany({
    where: {
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(filter.actorEmail ? { actorEmail: filter.actorEmail.trim().toLowerCase() } : {}),
    },
    ...(filter.before ? { cursor: { id: filter.before }, skip: 1 } : {}),
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: AUDIT_PAGE_SIZE + 1,
  })
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), next: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null }
}

export async function auditEntities() {
  const groups = await prisma.auditLog.groupBy({ by: ['entity'], _count: { _all: true }, orderBy: { entity: 'asc' } })
  return groups.map((g) => g.entity)
}
