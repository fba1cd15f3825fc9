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

const badRequest = () => json({ message: 'errors.badRequest' }, { status: 400 })

/**
 * The posted form, or a 400: a body that is not a form, or that carries NUL
 * characters (PostgreSQL refuses them in text), never reaches the domain.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw badRequest()
  }
  for (const value of form.values()) {
    if (typeof value === 'string' && value.includes('\0')) throw badRequest()
  }
  return form
}

/** A route's id parameter; one that cannot be an id is simply not found. */
export function idParam(params: Record<string, string | undefined>, name: string): string {
  const value = params[name] ?? ''
  if (!value || value.length > 100 || value.includes('\0')) throw json({ message: 'errors.notFound' }, { status: 404 })
  return value
}

/** A search parameter with NUL characters removed (they have no meaning in any filter). */
export function searchParam(url: URL, name: string) {
  return url.searchParams.get(name)?.replaceAll('\0', '') || undefined
}
