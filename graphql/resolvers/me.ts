import type { Resolvers } from '../generated/resolvers-types'

export const meResolvers: Resolvers = {
  Query: {
    me: (_, __, { scope }) => scope.actor,
  },
  User: {
    staff: (user, _, { scope }) => (user.staffId ? scope.loaders.staffDetails.load(user.staffId) : null),
    managedUnits: (user) => user.managedUnitIds.map((id) => ({ id })),
  },
}
