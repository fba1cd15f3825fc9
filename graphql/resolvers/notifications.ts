import { listNotifications, markNotificationsRead } from '~/models/notifications.server'
import { notificationText } from '~/models/notifications-text'
import type { Resolvers } from '../generated/resolvers-types'

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: async (_, { limit }, { scope }) => {
      const inbox = await listNotifications(scope.actor, { limit: limit ?? undefined })
      const items = inbox.items.map((n) => ({
        id: n.id,
        kind: n.kind,
        link: n.link,
        read: n.readAt !== null,
        createdAt: n.createdAt,
        ...notificationText(n.kind, n.params, scope.locale),
      }))
      return { items, unread: inbox.unread, total: inbox.total }
    },
  },
  Mutation: {
    markNotificationsRead: (_, { ids }, { scope }) => markNotificationsRead(scope.actor, ids ?? 'all'),
  },
}
