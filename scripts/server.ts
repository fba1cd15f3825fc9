// The production server: the Remix build behind Express, one worker per CPU
// of the container's quota (WEB_CONCURRENCY overrides), sharing the port
// through Node's cluster. In front of the app, in order: the probes, helmet's
// headers (with this response's CSP nonce) on every response, JSON request
// logs with a request id, request metrics, body limits, and the cross-site
// check (403 before Remix sees the post; Remix's own check would answer 500).
// SIGTERM drains: no new connections, requests in flight finish (up to
// SHUTDOWN_TIMEOUT_MS), running jobs finish, then the app closes.
import cluster from 'node:cluster'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import { getEnv } from '../app/utils/env.server'
import type * as Ops from '../app/utils/ops.server'
import { logger } from '../app/utils/logger.server'
import { defaultWorkerCount } from './lib/cpu-quota'
import { refuseLargeBodies } from './server/body-limit'
import { serveClusterMetrics } from './server/metrics'

const root = path.resolve(import.meta.dirname, '..')
const env = getEnv()
const workers = env.WEB_CONCURRENCY ?? defaultWorkerCount()
const port = env.PORT

type BuildEntry = {
  yoga?: (req: express.Request, res: express.Response) => void
  servePage: (request: Request, nonce: string, render: () => Promise<Response>) => Promise<Response>
  startJobs: () => () => Promise<void>
  ops: typeof Ops
}

async function serve() {
  // Loaded here, not at the top: the cluster's primary only forks and watches.
  const [{ createRemixRequest, sendRemixResponse }, { createRequestHandler, installGlobals }, { default: compression }, { default: express }, { isCrossSiteRequest }, { createHttpTerminator }, http, probes] =
    await Promise.all([
      // Its request and response conversion: the page cache sits between them and Remix.
      import('@remix-run/express/dist/server.js'),
      import('@remix-run/node'),
      import('compression'),
      import('express'),
      import('../app/utils/csrf.server'),
      import('http-terminator'),
      import('./server/http'),
      import('./server/probes'),
    ])
  installGlobals()
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild
  const { yoga, servePage, startJobs, ops } = build.entry.module as unknown as BuildEntry
  if (typeof yoga !== 'function') throw new Error('The build exports no GraphQL server (app/entry.server.tsx must export `yoga`)')
  const app = express()
  app.disable('x-powered-by')
  // req.ip: the socket's address, or the one TRUST_PROXY hops back in X-Forwarded-For (never the client-written leftmost).
  app.set('trust proxy', env.TRUST_PROXY)
  const state = { draining: false }
  app.use(probes.probes({ ops, state, metricsToken: env.METRICS_TOKEN }))
  app.use(http.securityHeaders())
  app.use(http.requestLog(logger))
  app.use(http.requestMetrics(build))
  // zlib's fastest level (nginx's default too), in 64 kB chunks: a cached
  // 450 kB GraphQL situation answer to a gzip client went from 130 to 210
  // requests a second on one worker, for about 10 % more bytes; compressing,
  // not building, is what a cached answer costs.
  app.use(compression({ level: 1, chunkSize: 64 * 1024 }))
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }))
  app.use(refuseLargeBodies)
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const request = new Request(`${req.protocol}://${req.headers.host ?? 'localhost'}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
    })
    if (isCrossSiteRequest(request)) res.status(403).type('text/plain').send('Cross-site request refused')
    else next()
  })
  // The API's route (app/routes/graphql.ts) serves the same Yoga in development.
  app.all('/graphql', (req, res) => yoga(req, res))
  const remix = createRequestHandler(build, env.NODE_ENV)
  app.all('*', async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res)
      const nonce = String(res.locals.cspNonce ?? '')
      const response = await servePage(request, nonce, () => remix(request, { clientIp: req.ip, cspNonce: res.locals.cspNonce }))
      await sendRemixResponse(res, response)
    } catch (error) {
      next(error)
    }
  })
  const onListen = () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) logger.info({ port, workers }, 'Avlast listening')
  }
  const server = env.HOST ? app.listen(port, env.HOST, onListen) : app.listen(port, onListen)
  const terminator = createHttpTerminator({ server, gracefulTerminationTimeout: env.SHUTDOWN_TIMEOUT_MS })
  // Every process claims jobs and runs recurring tasks (app/jobs); on shutdown it lets running jobs finish.
  const stopJobs = startJobs()
  let stopping: Promise<void> | undefined
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      state.draining = true
      logger.info({ signal }, 'shutting down: finishing requests in flight')
      await terminator.terminate()
      await stopJobs()
      await ops.closeApp()
      logger.info('stopped')
    })()
      .catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'))
      .finally(() => process.exit(0)))
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal))
}

if (cluster.isPrimary && workers > 1) {
  // Checked before forking: a missing secret on PostgreSQL stops the start here,
  // and on SQLite the primary writes the generated one before any worker reads it.
  void env.SESSION_SECRET
  let stopping = false
  // Each worker's heap is capped so the whole server stays within its memory
  // budget (WORKER_HEAP_MB); V8 then collects garbage sooner instead of growing.
  // A young generation of 12 MB semi-spaces rather than 16 kept 15–25 MB per
  // server off the peak under load (bench:web) at about the same throughput.
  const heapMb = env.WORKER_HEAP_MB
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${heapMb}`, '--max-semi-space-size=12'] })
  for (let i = 0; i < workers; i++) cluster.fork()
  serveClusterMetrics()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    logger.error({ workerPid: worker.process.pid, code, signal }, 'worker stopped; starting another')
    cluster.fork()
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      // Each worker drains on its own; the primary waits for the last one.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
      setTimeout(() => process.exit(0), env.SHUTDOWN_TIMEOUT_MS + 10_000).unref()
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      })
    })
  }
} else {
  await serve()
}
