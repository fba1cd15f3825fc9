import { answerProposal, answersVisibleTo, listProposalsFor } from '~/models/consultation.server'
import { approveLoan, bookLoan, changeLoan, fte10FromFte } from '~/models/loan-lifecycle.server'
import { listVolunteers, openRequestsFitting, volunteer, withdrawVolunteer } from '~/models/volunteers.server'
import { underArgument } from '../errors.server'
import type { Resolvers } from '../generated/resolvers-types'

// GraphQL's null means "not given", as an empty form field does.
const given = <T>(v: T | null | undefined) => (v === null ? undefined : v)

export const consultationResolvers: Resolvers = {
  Query: {
    myProposals: async (_, { unitId }, { scope }) =>
      (await listProposalsFor(scope.actor, { unitId: given(unitId) })).map((p) => ({ loan: p, answeringAs: p.as, myAnswer: p.myAnswer })),
    // The rest of each request comes through its loader, as elsewhere.
    requestsIFit: async (_, __, { scope }) =>
      // The whole request: a person reads the requests they fit, though not the request list.
      (await openRequestsFitting(scope.actor)).map(({ volunteered, ...request }) => ({ request, volunteered })),
    volunteers: (_, __, { scope }) => listVolunteers(scope.actor),
  },
  Mutation: {
    bookLoan: (_, { input }, { scope }) =>
      underArgument('input', () =>
        bookLoan(scope.actor, {
          staffId: input.staffId,
          requestId: input.requestId,
          fte10: fte10FromFte(input.fte),
          startWeek: input.startWeek,
          endWeek: input.endWeek,
          note: input.note,
        }),
      ),
    changeLoan: (_, { id, input }, { scope }) =>
      underArgument('input', () => {
        const terms = { fte10: input.fte == null ? undefined : fte10FromFte(input.fte), startWeek: given(input.startWeek), endWeek: given(input.endWeek) }
        return input.approve ? approveLoan(scope.actor, id, input.note, terms) : changeLoan(scope.actor, id, { ...terms, note: input.note })
      }),
    answerProposal: (_, { loanId, answer, comment }, { scope }) => answerProposal(scope.actor, loanId, { answer, comment }),
    volunteer: (_, { requestId }, { scope }) => volunteer(scope.actor, requestId),
    withdrawVolunteer: (_, { requestId }, { scope }) => withdrawVolunteer(scope.actor, requestId),
  },
  Loan: {
    manual: (loan) => loan.manual,
    answers: (loan, _, { scope }) => answersVisibleTo(scope.actor, loan.id),
  },
}
