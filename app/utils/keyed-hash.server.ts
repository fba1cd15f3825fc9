import crypto from 'node:crypto'
import { getEnv } from './env.server'

/** A short keyed hash (HMAC-SHA-256 with SESSION_SECRET) of `kind:value`: stable for us, meaningless to anyone without the secret. */
export function keyedHash(kind: string, value: string) {
  return crypto.createHmac('sha256', getEnv().SESSION_SECRET).update(`${kind}:${value}`).digest('base64url').slice(0, 22)
}
