// Domain errors: thrown by the shared domain layer, turned into HTTP responses
// by routes and into GraphQL errors by resolvers.

export class DomainError extends Error {
  constructor(
    readonly code: 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'UNAUTHENTICATED',
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'errors.forbidden') {
    super('FORBIDDEN', message)
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'errors.notFound') {
    super('NOT_FOUND', message)
  }
}

/** Bad input on one field; `path` names it (`skills.0.minLevel`). */
export class InputError extends DomainError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message)
  }
}

/**
 * Bad input because of the record's state, not a field's value (a request
 * no longer open): the API names `path` as for any bad input; a form, having
 * no such field, shows it as the form's own error.
 */
export class RecordStateError extends InputError {}

/** The data changed under the user (a stale suggestion, capacity taken). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message)
  }
}

const STATUS: Record<DomainError['code'], number> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
}

export function httpStatusOf(error: DomainError) {
  return STATUS[error.code]
}
