import crypto from 'node:crypto'
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { getEnv } from './utils/env.server'
import { logger } from './utils/logger.server'
import { NonceProvider } from './utils/nonce-provider'
import { securityHeaders } from './utils/security-headers.server'

const ABORT_DELAY = 10_000

// The production server (scripts/server.ts) answers /graphql with this same
// instance straight from Node's request, without Remix's request conversion
// and route matching: a third of an API call's overhead. Being the build's
// own, it shares the build's database client and read-model cache.
export { yoga } from '../graphql/yoga.server'
// The server also starts this build's job loop, so jobs share its modules too.
export { startJobs } from './jobs/start.server'
// Readiness, metrics and the orderly close, for the server's probes and SIGTERM.
export * as ops from './utils/ops.server'
// The rendered pages everyone keeps open, served again while nothing changed (the build's own session and data version).
export { servePage } from './utils/page-cache.server'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The production server's helmet has set this response's headers with its nonce; `remix dev` has not.
  const given = (loadContext as { cspNonce?: unknown } | undefined)?.cspNonce
  const nonce = typeof given === 'string' ? given : crypto.randomBytes(16).toString('base64')
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  if (typeof given !== 'string') {
    for (const [name, value] of Object.entries(securityHeaders(nonce, getEnv().NODE_ENV === 'development'))) responseHeaders.set(name, value)
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logger.error({ err: error }, 'render failed')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  logger.error({ err: error, path: new URL(request.url).pathname }, 'request failed')
}
