import { describe, expect, test } from 'vitest'
import { createUser } from '../../tests/factories'
import { prisma } from '~/utils/db.server'
import { audit } from './audit.server'

describe('audit log', () => {
  test('records who changed what, with before and after', async () => {
    const user = await createUser()
    await prisma.$transaction((tx) =>
      audit(tx, user, { action: 'unit.openCases', entity: 'Unit', entityId: 'u1', before: { openCases: 10 }, after: { openCases: 12 } }),
    )
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityId: 'u1' } })
    expect(entry).toMatchObject({ actorId: user.id, actorEmail: user.email, action: 'unit.openCases', entity: 'Unit' })
    expect(entry.before).toEqual({ openCases: 10 })
    expect(entry.after).toEqual({ openCases: 12 })
  })

  test('is append-only: the database refuses updates and deletes', async () => {
    await prisma.$transaction((tx) => audit(tx, null, { action: 'x', entity: 'Test', entityId: 'append-only' }))
    await expect(prisma.auditLog.updateMany({ where: { entityId: 'append-only' }, data: { action: 'changed' } })).rejects.toThrow(
      /append-only/,
    )
    await expect(prisma.auditLog.deleteMany({ where: { entityId: 'append-only' } })).rejects.toThrow(/append-only/)
    expect(await prisma.auditLog.count({ where: { entityId: 'append-only', action: 'x' } })).toBe(1)
  })

  test('a failed change leaves no audit entry behind (same transaction)', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await audit(tx, null, { action: 'doomed', entity: 'Test', entityId: 'rollback' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await prisma.auditLog.count({ where: { entityId: 'rollback' } })).toBe(0)
  })
})
