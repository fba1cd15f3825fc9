import { json } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { DomainError, InputError } from './errors'
import { toResponse } from './auth.server'

type Submission = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]> }

/**
 * Runs a domain call for a form: input problems go back to the form next to
 * their field (400), a refusal or conflict becomes the form's own error.
 */
export async function handleFormCall<T>(
  intent: string,
  submission: Submission,
  call: () => Promise<T>,
  fieldFor: (path: string) => string = (path) => path,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    if (error instanceof InputError) {
      return { ok: false, response: json({ intent, result: submission.reply({ fieldErrors: { [fieldFor(error.path)]: [error.message] } }) }, { status: 400 }) }
    }
    if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'BAD_USER_INPUT')) {
      return { ok: false, response: json({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 }) }
    }
    toResponse(error)
  }
}

export function invalid(intent: string, submission: Submission) {
  return json({ intent, result: submission.reply() }, { status: 400 })
}
