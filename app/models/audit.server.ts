import { Prisma } from '@prisma/client'
import type { Tx } from '~/utils/db.server'
import type { Actor } from '~/utils/permissions'

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
}
