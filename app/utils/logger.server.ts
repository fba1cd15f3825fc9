// The one logger (pino): JSON lines on stdout, a level from LOG_LEVEL. Use it
// instead of console. Nothing personal goes in: no names, e-mails, addresses,
// tokens, cookies or message bodies. Log ids and counts; the paths below are
// blanked should an object carrying them be logged by mistake.
import pino from 'pino'
import { getEnv } from './env.server'

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
})
