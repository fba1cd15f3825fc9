import { DomainError, httpStatusOf } from './errors'

/**
 * A download route's refusal (a week not yet begun, one before the
 * history): plain text in the user's language, which a browser shows as the
 * page, instead of the JSON with a message key that a page's loader sends.
 */
export function downloadRefusal(t: (key: string) => string) {
  return (error: unknown): never => {
    if (error instanceof DomainError) throw new Response(t(error.message), { status: httpStatusOf(error), headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    throw error
  }
}
