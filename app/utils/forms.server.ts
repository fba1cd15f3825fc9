import { json } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { DomainError, InputError, RecordStateError } from './errors'
import { toResponse } from './auth.server'
import { conformField } from './field-path'
import { redirectWithToast, type Toast } from './toast.server'
import { BODY_LIMITS, FORM_LIMITS } from './limits'

type Submission = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>
}

/**
 * Runs a domain call for a form: input problems go back to the form next to
 * their field (400), named as conform names it (`skills[0].skillId`); the
 * record's state (a request no longer open) and a conflict become the form's
 * own error.
 */
export async function handleFormCall<T>(
  intent: string,
  submission: Submission,
  call: () => Promise<T>,
  fieldFor: (path: string) => string = conformField,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    if (error instanceof InputError) {
      const reply = error instanceof RecordStateError ? { formErrors: [error.message] } : { fieldErrors: { [fieldFor(error.path)]: [error.message] } }
      return { ok: false, response: json({ intent, result: submission.reply(reply) }, { status: 400 }) }
    }
    if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'BAD_USER_INPUT')) {
      return { ok: false, response: json({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 }) }
    }
    toResponse(error)
  }
}

/**
 * A post answered by a toast on the page it came from (`done` after a
 * success, if another): `work`'s own success, or what a refusal of the input
 * or of the record's state says, in words. Anything else (forbidden, not
 * found) is the usual error response.
 */
export async function toastOutcome(back: string, work: () => Promise<unknown>, success: Omit<Toast, 'type'>, done = back) {
  try {
    await work()
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'BAD_USER_INPUT')) return redirectWithToast(back, { type: 'error', message: error.message })
    return toResponse(error)
  }
  return redirectWithToast(done, { type: 'success', ...success })
}

export function invalid(intent: string, submission: Submission) {
  return json({ intent, result: submission.reply() }, { status: 400 })
}

const badRequest = (message = 'errors.badRequest', field?: string) => json({ message, ...(field ? { field } : {}) }, { status: 400 })
export const tooLarge = (limit: number) => json({ message: 'errors.bodyTooLarge', limitKb: Math.floor(limit / 1024) }, { status: 413 })

/**
 * The body's bytes, refused with 413 as soon as it claims or reaches more
 * than `maxBytes`: never held in memory beyond the limit.
 */
async function readBody(request: Request, maxBytes: number): Promise<Blob> {
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes) throw tooLarge(maxBytes)
  if (!request.body) return new Blob([])
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return new Blob(chunks as BlobPart[])
}

const INDEX = /\[(\d+)\]/g

/** The name of a field whose shape would cost memory or break the database, or null. */
function unacceptableField(name: string, value: FormDataEntryValue): { message: string; field: string } | null {
  if (name.length > FORM_LIMITS.maxFieldNameLength) return { message: 'errors.fieldNameTooLong', field: name.slice(0, 40) }
  for (const [, index] of name.matchAll(INDEX)) {
    // conform builds arrays up to the index: a[30000000] would allocate them.
    if (index.length > 4 || Number(index) > FORM_LIMITS.maxArrayIndex) return { message: 'errors.fieldIndexTooLarge', field: name.slice(0, 80) }
  }
  // PostgreSQL refuses NUL characters in text.
  if (name.includes('\0') || (typeof value === 'string' && value.includes('\0'))) return { message: 'errors.fieldHasNul', field: name.replaceAll('\0', '') }
  return null
}

/**
 * The posted form, or a refusal before anything reaches the domain: 413 for
 * a body over `maxBytes`, 400 for a body that is not a form, too many
 * fields, an array index past FORM_LIMITS.maxArrayIndex or a NUL character
 * (naming the field).
 */
export async function readFormData(request: Request, { maxBytes = BODY_LIMITS.default }: { maxBytes?: number } = {}): Promise<FormData> {
  const body = await readBody(request, maxBytes)
  let form: FormData
  try {
    form = await new Response(body, { headers: { 'Content-Type': request.headers.get('Content-Type') ?? '' } }).formData()
  } catch {
    throw badRequest()
  }
  let count = 0
  for (const [name, value] of form.entries()) {
    if (++count > FORM_LIMITS.maxFields) throw badRequest('errors.tooManyFields')
    const problem = unacceptableField(name, value)
    if (problem) throw badRequest(problem.message, problem.field)
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
