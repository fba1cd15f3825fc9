import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { rejectLoan } from './loan-lifecycle.server'
import { listRejectedRequests, runMatching } from './matching.server'

describe('a rejected suggestion does not return', () => {
  test('rejected, then a new run: not proposed again for that request; asked for again: proposed', async () => {
    const { request, lender, actors } = await consultWorld()
    const first = await runMatching(actors.central, { timeLimitMs: 300 })
    const suggestion = first.loans.find((l) => l.requestId === request.id)
    expect(suggestion).toMatchObject({ staffId: lender.id })
    await rejectLoan(actors.central, suggestion!.id, 'Behövs hemma')

    const again = await runMatching(actors.central, { timeLimitMs: 300 })
    expect(again.loans.filter((l) => l.requestId === request.id && l.staffId === lender.id)).toEqual([])
    expect(await listRejectedRequests(actors.central)).toEqual([expect.objectContaining({ requestId: request.id, count: 1, unitName: 'Behov' })])

    const asked = await runMatching(actors.central, { timeLimitMs: 300, reproposeRejected: [request.id] })
    const back = asked.loans.find((l) => l.requestId === request.id)
    expect(back).toMatchObject({ staffId: lender.id, status: 'PROPOSED' })
    // The explanation names only the request's real skills.
    expect((back!.explanation as { person: { skills: { skill: string }[] } }).person.skills.map((s) => s.skill)).toEqual([expect.stringMatching(/^bbic-/)])
  })

  test('only central sees the rejected list', async () => {
    const { actors } = await consultWorld()
    await expect(listRejectedRequests(actors.needManager)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
