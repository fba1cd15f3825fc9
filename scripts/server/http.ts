// Middleware for every response: helmet's headers, JSON request logs with a
// request id, and request latency by route for /metrics.
import crypto from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { Histogram } from 'prom-client'
import { cspDirectives, PERMISSIONS_POLICY } from '../../app/utils/security-headers.server'
import { runWithRequestId } from '../../app/utils/logger.server'

/**
 * helmet on every response (pages, CSV, JSON, /graphql, static files): HSTS,
 * no sniffing, no framing, and a CSP whose script nonce is made per response;
 * app/entry.server.tsx gives the same nonce to the page's scripts.
 */
export function securityHeaders() {
  const nonced = Object.fromEntries(
    Object.entries(cspDirectives('{nonce}', false)).map(([name, values]) => [
      name,
      values.map((value) => (value.includes('{nonce}') ? (_req: unknown, res: unknown) => value.replace('{nonce}', (res as Response).locals.cspNonce) : value)),
    ]),
  )
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: nonced },
    strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  })
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    headers(req, res, next)
  }
}

const REQUEST_ID = /^[\w.:-]{1,64}$/

// Paths whose last segment is a secret (a calendar feed's token, a set-password link): logged without it.
const SECRET_PATHS = /^(\/calendar|\/set-password)\/[^/]+$/

/** The path as logged: no query string (searches can hold names), no secret token. */
export function loggedPath(url: string) {
  const path = url.split('?')[0]
  return path.replace(SECRET_PATHS, '$1/:token')
}

/** One JSON line per request: id, method, path (loggedPath), status, time. Never headers, addresses or bodies. */
export function requestLog(logger: Logger) {
  const log = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id']
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    quietReqLogger: true,
  })
  return (req: Request, res: Response, next: NextFunction) => log(req, res, () => runWithRequestId(String(req.id), next))
}

/** Route patterns of the build (`/units/:unitId`), most specific first: a bounded set of labels. */
function routePatterns(build: ServerBuild) {
  const full = (id: string): string => {
    const route = build.routes[id]
    if (!route) return ''
    const parent = route.parentId ? full(route.parentId) : ''
    return route.path === undefined ? parent : `${parent}/${route.path}`.replace(/\/+/g, '/')
  }
  return [...new Set(Object.keys(build.routes).map(full))]
    .map((pattern) => pattern.replace(/\/$/, '') || '/')
    .map((pattern) => ({ pattern, regex: new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[\w]+\\\?/g, '(?:/[^/]+)?').replace(/:[\w]+/g, '[^/]+')}/?$`) }))
    .sort((a, b) => b.pattern.split('/').filter((s) => !s.startsWith(':')).length - a.pattern.split('/').filter((s) => !s.startsWith(':')).length)
}

export function requestMetrics(build: ServerBuild) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Request latency by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  })
  const patterns = routePatterns(build)
  const routeOf = (pathname: string) => {
    if (pathname === '/graphql') return '/graphql'
    if (pathname.startsWith(build.publicPath)) return 'static'
    return patterns.find((p) => p.regex.test(pathname))?.pattern ?? 'other'
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer()
    res.on('finish', () => end({ method: req.method, route: routeOf(req.path), status: `${Math.floor(res.statusCode / 100)}xx` }))
    next()
  }
}
