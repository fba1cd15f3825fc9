// Who is asking: a personal API token (`Authorization: Bearer …`) or the web
// session cookie. Without either, only introspection works: the first field
// that needs the actor throws UNAUTHENTICATED. A cross-site post that carries
// cookies is refused before anything else (refuseCrossSite).
import type { Plugin } from 'graphql-yoga'
import { getFixedT, type Locale } from '~/i18n'
import { authenticateApiToken } from '~/models/api-tokens.server'
import { appOrigin } from '~/utils/app-url.server'
import { getUser } from '~/utils/auth.server'
import { isCrossSiteRequest } from '~/utils/csrf.server'
import { getLocale } from '~/utils/locale.server'
import type { Actor } from '~/utils/permissions'
import { today } from '~/utils/weeks'
import { unauthenticatedError } from './errors.server'
import { createLoaders, type Loaders } from './loaders.server'

export type Translate = (key: string, options?: Record<string, unknown>) => string

/** One request's caller, language and loaders. */
export class RequestScope {
  #loaders: Loaders | undefined
  #today: Date | undefined

  constructor(
    readonly signedIn: Actor | null,
    readonly locale: Locale,
    readonly t: Translate,
    /** A read-only integration token: every mutation is refused. */
    readonly readOnly = false,
    /** Where users reach Avlast, for links the API hands out. */
    readonly origin = '',
  ) {}

  /** The signed-in user; asking without one is UNAUTHENTICATED. */
  get actor(): Actor {
    if (!this.signedIn) throw unauthenticatedError(this.t)
    return this.signedIn
  }

  /** Today in Sweden, once per request (working it out builds an Intl formatter). */
  get today(): Date {
    return (this.#today ??= today())
  }

  /** Per-request batching loaders, fresh at every mutation. */
  get loaders(): Loaders {
    return (this.#loaders ??= createLoaders(this.actor))
  }

  resetLoaders() {
    this.#loaders = undefined
  }
}

// Yoga merges the context into its own with Object.assign, which would read
// getters at once: the scope travels as one object.
export type GraphQLContext = { scope: RequestScope }

/**
 * A browser posting from another site sends the user's cookies along: such a
 * request is refused (403) before its body is even read. A token cannot be
 * sent cross-site (CORS is off), so token requests need no such check. And
 * every POST must be JSON (415 otherwise): a plain HTML form on any site can
 * send a form-encoded body, never a JSON one without CORS.
 */
export function refuseCrossSite(): Plugin {
  return {
    async onRequest({ request, fetchAPI, endResponse }) {
      if (!request.headers.has('Authorization') && request.headers.has('Cookie') && isCrossSiteRequest(request)) {
        const key = 'api.errors.crossSite'
        const message = getFixedT(await getLocale(request))(key)
        const body = JSON.stringify({ errors: [{ message, extensions: { code: 'FORBIDDEN', key } }] })
        return endResponse(new fetchAPI.Response(body, { status: 403, headers: { 'Content-Type': 'application/json; charset=utf-8' } }))
      }
      // Only JSON bodies: a form post (which a page on any site can send with the user's cookie) is not an API call.
      if (request.method === 'POST' && !/^application\/(graphql-response\+)?json\b/i.test(request.headers.get('Content-Type') ?? '')) {
        const body = JSON.stringify({ errors: [{ message: 'POST /graphql takes application/json', extensions: { code: 'BAD_REQUEST' } }] })
        return endResponse(new fetchAPI.Response(body, { status: 415, headers: { 'Content-Type': 'application/json; charset=utf-8' } }))
      }
    },
  }
}

export async function createContext(request: Request): Promise<GraphQLContext> {
  const authorization = request.headers.get('Authorization')
  let actor: Actor | null
  let readOnly = false
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
    const caller = token ? await authenticateApiToken(token) : null
    // A wrong token is an error even for introspection: the client must learn its key does not work.
    if (!caller) throw unauthenticatedError(getFixedT(await getLocale(request)), 'api.errors.invalidToken')
    actor = caller.actor
    readOnly = caller.readOnly
  } else {
    actor = await getUser(request)
  }
  const locale = await getLocale(request, actor?.locale)
  return { scope: new RequestScope(actor, locale, getFixedT(locale) as Translate, readOnly, appOrigin(request)) }
}
