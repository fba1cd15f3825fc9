// /healthz (the process answers), /readyz (it can serve: database and
// migrations; 503 while draining) and /metrics (Prometheus text, with the
// METRICS_TOKEN as a bearer token; 404 without the setting).
import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { collectDefaultMetrics, register } from 'prom-client'
import type { readiness as Readiness, registerAppMetrics as RegisterAppMetrics } from '../../app/utils/ops.server'
import { joinClusterMetrics, workerMetrics } from './metrics'

type Options = {
  ops: { readiness: typeof Readiness; registerAppMetrics: typeof RegisterAppMetrics }
  state: { draining: boolean }
  metricsToken: string | undefined
}

const sameToken = (given: string, expected: string) => {
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

export function probes({ ops, state, metricsToken }: Options) {
  ops.registerAppMetrics()
  collectDefaultMetrics()
  joinClusterMetrics()
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    res.set('Cache-Control', 'no-store')
    if (req.path === '/healthz') return res.type('application/json').send({ status: 'ok' })
    if (req.path === '/readyz') {
      if (state.draining) return res.status(503).type('application/json').send({ status: 'draining' })
      const ready = await ops.readiness()
      return res.status(ready.ready ? 200 : 503).type('application/json').send(ready.ready ? { status: 'ready' } : { status: 'not ready', reason: ready.reason })
    }
    if (req.path === '/metrics') {
      if (!metricsToken) return next()
      const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? ''
      if (!sameToken(given, metricsToken)) return res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized')
      return res.type(register.contentType).send(await workerMetrics())
    }
    next()
  }
}
