import { hasPassword, issueSetPasswordLink } from '~/models/passwords.server'
import { getTwoFactorStatus } from '~/models/two-factor.server'
import { createUser, deactivateUser, listUsers, reactivateUser, updateUser } from '~/models/users.server'
import { underArgument } from '../errors.server'
import type { Resolvers } from '../generated/resolvers-types'

const STATUS = { ACTIVE: 'active', INACTIVE: 'inactive', ALL: 'all' } as const

export const userResolvers: Resolvers = {
  Query: {
    users: (_, { search, role, status }, { scope }) =>
      listUsers(scope.actor, { q: search ?? undefined, role: role ?? undefined, status: STATUS[status ?? 'ACTIVE'] }),
  },
  Mutation: {
    createUser: (_, { input }, { scope }) =>
      underArgument('input', () =>
        createUser(scope.actor, { ...input, managedUnitIds: input.managedUnitIds ?? [], staffEmail: input.staffEmail ?? undefined }),
      ),
    updateUser: (_, { id, input }, { scope }) =>
      underArgument('input', () =>
        updateUser(scope.actor, id, {
          name: input.name ?? undefined,
          role: input.role ?? undefined,
          managedUnitIds: input.managedUnitIds ?? undefined,
          // Given as null: unlink; left out: unchanged.
          ...('staffEmail' in input ? { staffEmail: input.staffEmail ?? null } : {}),
        }),
      ),
    deactivateUser: (_, { id }, { scope }) => deactivateUser(scope.actor, id),
    reactivateUser: (_, { id }, { scope }) => reactivateUser(scope.actor, id),
    issueSetPasswordLink: (_, { id }, { scope }) => issueSetPasswordLink(scope.actor, id, scope.origin),
  },
  User: {
    // `me` is always an active account; its sign-in methods are read when asked for.
    active: (user) => user.active ?? true,
    deactivatedAt: (user) => user.deactivatedAt ?? null,
    hasPassword: (user) => user.hasPassword ?? hasPassword(user),
    twoFactor: async (user) => user.twoFactor ?? (await getTwoFactorStatus(user)) === 'on',
  },
}
