// Domain errors become GraphQL errors a client can act on: a code, the
// offending argument's path for bad input, and a message in the user's
// language. Anything else is masked by Yoga ("Unexpected error.").
// Errors are made with Yoga's createGraphQLError: its GraphQLError class is
// the one Yoga checks against (the test runner may load another copy).
import type { GraphQLError } from 'graphql'
import { createGraphQLError } from 'graphql-yoga'
import { InputError, type DomainError } from '~/utils/errors'
import type { Translate } from './context.server'

// The UI's generic texts speak of pages; the API has its own wording.
const API_KEYS: Record<string, string> = {
  'errors.forbidden': 'api.errors.forbidden',
  'errors.notFound': 'api.errors.notFound',
}

export function toGraphQLError(error: DomainError, t: Translate): GraphQLError {
  const key = API_KEYS[error.message] ?? error.message
  return createGraphQLError(t(key), {
    extensions: { code: error.code, key, ...(error instanceof InputError ? { field: error.path } : {}) },
  })
}

export function unauthenticatedError(t: Translate, key = 'api.errors.unauthenticated'): GraphQLError {
  return createGraphQLError(t(key), {
    extensions: { code: 'UNAUTHENTICATED', key, http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="Avlast"' } } },
  })
}

/** Input problems found under an argument get its name in front of their path (`input.skills.0.minLevel`). */
export async function underArgument<T>(name: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.path === '(input)' ? name : `${name}.${error.path}`, error.message)
    throw error
  }
}
