// bookLoan, changeLoan, answerProposal, volunteer and runMatching's reproposeRejected over HTTP: the same domain functions as the pages, each refusal.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addWeeks, toYmd } from '~/utils/weeks'
import { consultWorld } from '../tests/consult-world'
import { credentialsFor, expectRefused, gql } from './test-helpers'

const BOOK = `mutation ($input: BookLoanInput!) { bookLoan(input: $input) { id status fte manual explanation staff { id } } }`
const CHANGE = `mutation ($id: ID!, $input: ChangeLoanInput!) { changeLoan(id: $id, input: $input) { id status fte startWeek endWeek } }`
const ANSWER = `mutation ($loanId: ID!, $answer: ProposalAnswerKind!, $comment: String) { answerProposal(loanId: $loanId, answer: $answer, comment: $comment) { answer role comment user { name } } }`
const VOLUNTEER = `mutation ($requestId: ID!) { volunteer(requestId: $requestId) { requestId volunteered } }`
const WITHDRAW = `mutation ($requestId: ID!) { withdrawVolunteer(requestId: $requestId) { requestId volunteered } }`

describe('bookLoan and changeLoan', () => {
  test('central books by hand; one that breaks the cap is a CONFLICT naming the rule; a manager is FORBIDDEN', async () => {
    const { request, lender, users } = await consultWorld()
    const central = await credentialsFor(users.central.id)
    const input = { staffId: lender.id, requestId: request.id, fte: 0.8, startWeek: toYmd(request.startWeek), endWeek: toYmd(request.endWeek) }
    const broken = await expectRefused(BOOK, { input }, central, 'CONFLICT')
    expect(broken.errors[0].message).toBe(
      'Taket för personens belastning: omfattningen är större än personens lediga utrymme (eller mindre än behovets minsta användbara del).',
    )
    await expectRefused(BOOK, { input: { ...input, fte: 0.5 } }, await credentialsFor(users.needManager.id), 'FORBIDDEN')
    const bad = await gql(BOOK, { input: { ...input, fte: 0.55 } }, central)
    expect(bad.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.fte' } })
    expect(await prisma.loan.count({ where: { requestId: request.id } })).toBe(0)

    const booked = await gql(BOOK, { input: { ...input, fte: 0.5 } }, central)
    expect(booked.errors).toEqual([])
    expect(booked.data.bookLoan).toMatchObject({ status: 'APPROVED', fte: 0.5, manual: true, staff: { id: lender.id } })
    expect(booked.data.bookLoan.explanation.person.spareAfter10).toBe(0)

    const id = booked.data.bookLoan.id
    const shorter = await gql(CHANGE, { id, input: { fte: 0.3, endWeek: toYmd(addWeeks(request.startWeek, 1)) } }, central)
    expect(shorter.data.changeLoan).toEqual({
      id,
      status: 'APPROVED',
      fte: 0.3,
      startWeek: toYmd(request.startWeek),
      endWeek: toYmd(addWeeks(request.startWeek, 1)),
    })
    await expectRefused(CHANGE, { id, input: { fte: 0.9 } }, central, 'CONFLICT')
    await expectRefused(CHANGE, { id, input: { fte: 0.2 } }, await credentialsFor(users.lender.id), 'FORBIDDEN')
  })

  test('central approves a proposal with a changed extent through changeLoan(approve: true)', async () => {
    const { request, lender, users } = await consultWorld()
    const proposal = await prisma.loan.create({
      data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek },
    })
    const approved = await gql(CHANGE, { id: proposal.id, input: { fte: 0.4, approve: true } }, await credentialsFor(users.central.id))
    expect(approved.errors).toEqual([])
    expect(approved.data.changeLoan).toMatchObject({ status: 'APPROVED', fte: 0.4 })
  })
})

describe('answerProposal', () => {
  test('the person answers; staff answering someone else’s proposal and a manager of another unit are FORBIDDEN', async () => {
    const { request, lender, users } = await consultWorld()
    const loan = await prisma.loan.create({
      data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek },
    })
    const mine = await gql('{ myProposals { loan { id } answeringAs } }', {}, await credentialsFor(users.lender.id))
    expect(mine.data.myProposals).toEqual([{ loan: { id: loan.id }, answeringAs: 'PERSON' }])
    const answered = await gql(ANSWER, { loanId: loan.id, answer: 'OBJECTION', comment: 'Utbildning vecka två' }, await credentialsFor(users.lender.id))
    expect(answered.data.answerProposal).toMatchObject({ answer: 'OBJECTION', role: 'PERSON', comment: 'Utbildning vecka två' })
    await expectRefused(ANSWER, { loanId: loan.id, answer: 'OK' }, await credentialsFor(users.colleague.id), 'FORBIDDEN')
    await expectRefused(ANSWER, { loanId: loan.id, answer: 'OK' }, await credentialsFor(users.otherManager.id), 'FORBIDDEN')
    const seen = await gql('{ loans(status: PROPOSED) { id answers { answer comment role } } }', {}, await credentialsFor(users.central.id))
    expect(seen.data.loans).toEqual([{ id: loan.id, answers: [{ answer: 'OBJECTION', comment: 'Utbildning vecka två', role: 'PERSON' }] }])
  })
})

describe('volunteer', () => {
  test('staff offer to help and withdraw; central sees them; someone without the skills is a CONFLICT', async () => {
    const { request, users } = await consultWorld()
    const lender = await credentialsFor(users.lender.id)
    expect((await gql('{ requestsIFit { request { id } volunteered } }', {}, lender)).data.requestsIFit).toEqual([
      { request: { id: request.id }, volunteered: false },
    ])
    // What a person needs to decide: the weeks, the size, the reason and the skills asked for.
    const details = await gql('{ requestsIFit { request { startWeek endWeek minWeeks minChunk urgency motivation unit { name } skills { skill { key name } minLevel } } } }', {}, lender)
    expect(details.errors).toEqual([])
    expect(details.data.requestsIFit[0].request).toMatchObject({
      startWeek: toYmd(request.startWeek),
      endWeek: toYmd(request.endWeek),
      motivation: request.motivation,
      skills: [expect.objectContaining({ minLevel: expect.any(Number) })],
    })
    expect((await gql(VOLUNTEER, { requestId: request.id }, lender)).data.volunteer).toEqual({ requestId: request.id, volunteered: true })
    expect((await gql('{ volunteers { requestId people { name unitName } } }', {}, await credentialsFor(users.central.id))).data.volunteers).toEqual([
      { requestId: request.id, people: [expect.objectContaining({ unitName: 'Utrymme' })] },
    ])
    await expectRefused('{ volunteers { requestId } }', {}, await credentialsFor(users.slackManager.id), 'FORBIDDEN')
    await expectRefused(VOLUNTEER, { requestId: request.id }, await credentialsFor(users.colleague.id), 'CONFLICT')
    expect((await gql(WITHDRAW, { requestId: request.id }, lender)).data.withdrawVolunteer).toEqual({ requestId: request.id, volunteered: false })
    // Withdrawn already: nothing to withdraw, and the API says so.
    await expectRefused(WITHDRAW, { requestId: request.id }, lender, 'BAD_USER_INPUT')
  })
})

describe('runMatching and rejected suggestions', () => {
  test('a rejected person is not proposed again for the request unless reproposeRejected names it', async () => {
    const { request, lender, users } = await consultWorld()
    const central = await credentialsFor(users.central.id)
    const RUN = 'mutation ($again: [ID!]) { runMatching(timeLimitMs: 300, reproposeRejected: $again) { loans { id staff { id } request { id } } } }'
    const first = await gql(RUN, {}, central)
    const mine = first.data.runMatching.loans.find((l: { request: { id: string } }) => l.request.id === request.id)
    expect(mine.staff.id).toBe(lender.id)
    await gql('mutation ($id: ID!) { rejectLoan(id: $id) { id } }', { id: mine.id }, central)
    const again = await gql(RUN, {}, central)
    expect(again.data.runMatching.loans.filter((l: { request: { id: string } }) => l.request.id === request.id)).toEqual([])
    const asked = await gql(RUN, { again: [request.id] }, central)
    expect(asked.data.runMatching.loans.filter((l: { request: { id: string } }) => l.request.id === request.id)).toHaveLength(1)
    // More ids than a page could offer: refused, naming the field, before anything runs.
    const many = await gql(RUN, { again: Array.from({ length: 1001 }, (_, i) => `r${i}`) }, central)
    expect(many.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reproposeRejected' })
  })
})
