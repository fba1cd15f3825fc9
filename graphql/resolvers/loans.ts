import { approveLoan, rejectLoan } from '~/models/loan-lifecycle.server'
import { listLoans, withExplanationFor } from '~/models/loans.server'
import { runMatching } from '~/models/matching.server'
import type { Resolvers } from '../generated/resolvers-types'

export const loanResolvers: Resolvers = {
  Query: {
    loans: (_, { status, first, after }, { scope }) => listLoans(scope.actor, { status: status ?? undefined }, { first: first ?? 200, after, order: 'made' }),
  },
  Mutation: {
    runMatching: (_, { timeLimitMs, reproposeRejected }, { scope }) => runMatching(scope.actor, { timeLimitMs: timeLimitMs ?? undefined, reproposeRejected: reproposeRejected ?? undefined }),
    approveLoan: (_, { id, note }, { scope }) => approveLoan(scope.actor, id, note),
    rejectLoan: (_, { id, note }, { scope }) => rejectLoan(scope.actor, id, note),
  },
  Loan: {
    fte: (loan) => loan.fte10 / 10,
    // Every loan a query or mutation returns, not only those from `loans`.
    explanation: (loan, _, { scope }) => withExplanationFor(scope.actor, loan).explanation,
    // Notes the system writes are message keys; people's notes are plain text.
    note: (loan, _, { scope }) => (loan.note && /^[a-z]+(\.[a-zA-Z]+)+$/.test(loan.note) ? scope.t(loan.note) : loan.note),
  },
}
