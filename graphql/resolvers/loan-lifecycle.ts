import { cancelLoan, endLoanEarly } from '~/models/loan-lifecycle.server'
import type { Resolvers } from '../generated/resolvers-types'

export const loanLifecycleResolvers: Resolvers = {
  Mutation: {
    endLoanEarly: (_, { id, lastWeek, note }, { scope }) => endLoanEarly(scope.actor, id, { lastWeek, note }),
    cancelLoan: (_, { id, note }, { scope }) => cancelLoan(scope.actor, id, note),
  },
}
