// Input limits, shared by the server (bodies are refused before they are
// read) and the forms (schemas show the same maximum in the browser).

const MB = 1024 * 1024

/** A password's maximum length: a longer one is refused before it is hashed. */
export const PASSWORD_MAX_LENGTH = 256

/** The HR file's own limit; its confirm step carries it back base64-encoded (4/3 larger). */
export const HR_UPLOAD_MAX_BYTES = 10 * MB

export const BODY_LIMITS = {
  /** Forms and GraphQL. */
  default: 1 * MB,
  /** The HR import page alone: the file, or its base64 copy on confirm, plus the form around it. */
  hrImport: Math.ceil((HR_UPLOAD_MAX_BYTES * 4) / 3) + 64 * 1024,
} as const

/** Form field shape: `skills[7].skillId` is fine, an index past this is refused, never allocated. */
export const FORM_LIMITS = { maxArrayIndex: 100, maxFields: 1000, maxFieldNameLength: 200 } as const

/** The largest body a request to this path may carry. */
export function bodyLimitFor(pathname: string): number {
  return pathname === '/admin/import' || pathname.startsWith('/admin/import?') ? BODY_LIMITS.hrImport : BODY_LIMITS.default
}
