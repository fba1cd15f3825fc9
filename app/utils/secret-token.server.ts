import { createHash, randomBytes } from 'node:crypto'

/** A secret for a link, a calendar feed or an API token: 32 random bytes (256 bits, nothing to guess) in base64url. */
export const newSecret = () => randomBytes(32).toString('base64url')

/** What is stored of a secret: its SHA-256 (the plaintext is shown once and never kept). */
export const hashSecret = (token: string) => createHash('sha256').update(token).digest('hex')

/** The shape of `newSecret()`: anything else is refused before a lookup. */
export const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/
