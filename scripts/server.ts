// The production server: the Remix build behind Express, one worker per CPU
// of the container's quota (WEB_CONCURRENCY overrides), sharing the port
// through Node's cluster.
// It refuses cross-site form posts with 403 before Remix sees them (Remix's
// own check would answer 500) and adds the security headers to every response.
import cluster from 'node:cluster'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import { getEnv } from '../app/utils/env.server'
import { defaultWorkerCount } from './lib/cpu-quota'
import { refuseLargeBodies } from './server/body-limit'

const root = path.resolve(import.meta.dirname, '..')
const env = getEnv()
const workers = env.WEB_CONCURRENCY ?? defaultWorkerCount()
const port = env.PORT

async function serve() {
  // Loaded here, not at the top: the cluster's primary only forks and watches.
  const [{ createRequestHandler }, { installGlobals }, { default: compression }, { default: express }, { isCrossSiteRequest }] = await Promise.all([
    import('@remix-run/express'),
    import('@remix-run/node'),
    import('compression'),
    import('express'),
    import('../app/utils/csrf.server'),
  ])
  installGlobals()
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild
  const app = express()
  app.disable('x-powered-by')
  // req.ip: the socket's address, or the one TRUST_PROXY hops back in X-Forwarded-For (never the client-written leftmost).
  app.set('trust proxy', env.TRUST_PROXY)
  app.use(compression())
  // Pages get their headers from app/entry.server.tsx; static files get these.
  const setHeaders = (res: express.Response) => res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' })
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y', setHeaders }))
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h', setHeaders }))
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
  if (process.env.LOG_REQUESTS === '1') {
    app.use((req, res, next) => {
      const started = performance.now()
      res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`))
      next()
    })
  }
  // The API's route (app/routes/graphql.ts) serves the same Yoga in development.
  const { yoga, startJobs } = build.entry.module as unknown as { yoga?: (req: express.Request, res: express.Response) => void; startJobs: () => () => Promise<void> }
  if (typeof yoga !== 'function') throw new Error('The build exports no GraphQL server (app/entry.server.tsx must export `yoga`)')
  app.all('/graphql', (req, res) => yoga(req, res))
  app.all('*', createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip }) }))
  const onListen = () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Avlast listening on http://localhost:${port} (${workers} worker${workers > 1 ? 's' : ''})`)
  }
  const server = env.HOST ? app.listen(port, env.HOST, onListen) : app.listen(port, onListen)
  // Every process claims jobs and runs recurring tasks (app/jobs); on shutdown it lets running jobs finish.
  const stopJobs = startJobs()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void Promise.all([new Promise((resolve) => server.close(resolve)), stopJobs()]).then(() => process.exit(0))
      server.closeAllConnections()
    })
  }
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
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`)
    cluster.fork()
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
      setTimeout(() => process.exit(0), 5000).unref()
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      })
    })
  }
} else {
  await serve()
}
