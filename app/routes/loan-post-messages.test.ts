// A malformed post to /loans or /matching (a page from an older version, a
// hand-made request) is refused with a message about what is wrong, not
// with "the note is too long" whatever the fault.
import { describe, expect, test } from 'vitest'
import { call, createUser, request, sessionCookie } from '../../tests/factories'
import { getToast } from '~/utils/toast.server'
import { action as loansAction } from './loans'
import { action as matchingAction } from './matching'

type Action = typeof loansAction

async function toastOf(action: Action, path: string, userId: string, form: Record<string, string>) {
  const response = await call(async () => action({ request: request(path, { cookie: await sessionCookie(userId), form }), params: {}, context: {} }))
  expect(response.status).toBe(302)
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]
  return (await getToast(new Request('http://localhost/', { headers: { Cookie: cookie } }))).toast
}

describe('malformed loan posts', () => {
  test('each says what is missing or wrong', async () => {
    const central = await createUser({ role: 'CENTRAL' })
    const cases: [Action, string, Record<string, string>, string][] = [
      [loansAction, '/loans', { intent: 'cancel' }, 'validation.loanMissing'],
      [loansAction, '/loans', { intent: 'end-early', loanId: 'x' }, 'validation.lastWeekMissing'],
      [loansAction, '/loans', { intent: 'cancel', loanId: 'x', note: 'n'.repeat(1001) }, 'validation.noteTooLong'],
      [loansAction, '/loans', { intent: 'delete', loanId: 'x' }, 'errors.badRequest'],
      [matchingAction, '/matching', { intent: 'approve' }, 'validation.loanMissing'],
      [matchingAction, '/matching', { intent: 'reject', loanId: 'x', note: 'n'.repeat(1001) }, 'validation.noteTooLong'],
    ]
    for (const [action, path, form, message] of cases) expect(await toastOf(action, path, central.id, form), JSON.stringify(form)).toMatchObject({ type: 'error', message })
  })
})
