// Bodies are refused before a byte of them is read: over the path's limit
// (app/utils/limits.ts) by Content-Length is 413, and a streamed body without
// one is 411, since its size is known only once it has been read. Browsers and
// API clients always send Content-Length for a form or a query.
import type { NextFunction, Request, Response } from 'express'
import { bodyLimitFor } from '../../app/utils/limits'

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function refuseLargeBodies(req: Request, res: Response, next: NextFunction) {
  if (BODYLESS.has(req.method)) return next()
  const limit = bodyLimitFor(req.path)
  const length = req.headers['content-length']
  if (length === undefined && req.headers['transfer-encoding']) return refuse(res, 411, 'Length Required')
  if (length !== undefined && !(Number(length) <= limit)) return refuse(res, 413, `Request body larger than ${Math.floor(limit / 1024)} kB`)
  next()
}

function refuse(res: Response, status: number, text: string) {
  // The connection closes after the answer; what the client still sends is discarded, never kept.
  res.status(status).set('Connection', 'close').type('text/plain').send(text)
}
