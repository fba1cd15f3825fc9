// The inbox over the API: own messages only, marking others' ids changes
// nothing, bad input names the field, and no credentials is UNAUTHENTICATED.
import { describe, expect, test } from 'vitest'
import { notify } from '~/models/notifications.server'
import { prisma } from '~/utils/db.server'
import { createRoles, sessionCookie } from '../tests/factories'
import { codes, gql } from './test-helpers'

async function message(userId: string, unit: string) {
  await prisma.$transaction((tx) => notify(tx, [{ userId, kind: 'caseFigure.stale', params: { unit, date: '2026-11-02T00:00:00.000Z' }, link: '/situation' }]))
  return prisma.notification.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } })
}

const as = async (userId: string) => ({ cookie: await sessionCookie(userId), origin: 'http://localhost' })
const LIST = '{ notifications { unread total items { id kind title text link read createdAt } } }'

describe('notifications over GraphQL', () => {
  test('each user reads only their own, in their language, and marks only their own read', async () => {
    const { staffUser, manager } = await createRoles()
    const mine = await message(staffUser.id, 'Enhet Norr')
    const theirs = await message(manager.id, 'Enhet Syd')
    const staff = await as(staffUser.id)
    const list = await gql(LIST, {}, staff)
    expect(list.errors).toEqual([])
    expect(list.data.notifications).toMatchObject({ unread: 1, total: 1 })
    expect(list.data.notifications.items).toEqual([
      expect.objectContaining({
        id: mine.id,
        kind: 'caseFigure.stale',
        title: 'Ärendesiffran för Enhet Norr behöver uppdateras',
        link: '/situation',
        read: false,
      }),
    ])

    // The manager's id from the person's session: nothing marked.
    const other = await gql('mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [theirs.id] }, staff)
    expect(other.data.markNotificationsRead).toBe(0)
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull()
    const own = await gql('mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [mine.id] }, staff)
    expect(own.data.markNotificationsRead).toBe(1)
    expect((await gql(LIST, {}, staff)).data.notifications.unread).toBe(0)

    await prisma.user.update({ where: { id: manager.id }, data: { locale: 'en' } })
    const managerList = await gql(LIST, {}, await as(manager.id))
    expect(managerList.data.notifications.items.map((n: { id: string; title: string }) => [n.id, n.title])).toEqual([
      [theirs.id, 'The case figure of Enhet Syd needs updating'],
    ])
    expect((await gql('mutation { markNotificationsRead }', {}, await as(manager.id))).data.markNotificationsRead).toBe(1)
  })

  test('too many ids is BAD_USER_INPUT naming ids; without credentials UNAUTHENTICATED', async () => {
    const { staffUser } = await createRoles()
    const tooMany = await gql(
      'mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
      { ids: Array.from({ length: 101 }, (_, i) => `n${i}`) },
      await as(staffUser.id),
    )
    expect(codes(tooMany.errors)).toEqual(['BAD_USER_INPUT'])
    expect(tooMany.errors[0].extensions?.field).toBe('ids')
    expect(codes((await gql(LIST)).errors)).toEqual(['UNAUTHENTICATED'])
    expect(codes((await gql('mutation { markNotificationsRead }')).errors)).toEqual(['UNAUTHENTICATED'])
  })
})
