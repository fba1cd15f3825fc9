// The one logger (pino): JSON lines on stdout, a level from LOG_LEVEL. Use it
// instead of console. Nothing personal goes in: no names, e-mails, addresses,
// tokens, cookies or message bodies. Log ids and counts; the paths below are
// blanked should an object carrying them be logged by mistake.
import { AsyncLocalStorage } from 'node:async_hooks'
import pino from 'pino'
import { getEnv } from './env.server'

// The request being served, shared by the server's bundle and the app's (one per process).
const requests = ((globalThis as { __avlastRequests?: AsyncLocalStorage<string> }).__avlastRequests ??= new AsyncLocalStorage<string>())

/** Runs `fn` with every log line inside it carrying `reqId`. */
export function runWithRequestId<T>(reqId: string, fn: () => T): T {
  return requests.run(reqId, fn)
}

export const REDACTED_PATHS = [
  'email',
  '*.email',
  'password',
  '*.password',
  'token',
  '*.token',
  'ip',
  '*.ip',
  'name',
  '*.name',
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
]

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  // Lines logged inside a request carry its id (pino-http's own lines have it already).
  mixin: (_object, _level, self) => {
    const reqId = requests.getStore()
    return reqId && !self.bindings().reqId ? { reqId } : {}
  },
})
