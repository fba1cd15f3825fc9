// The API's server: graphql-yoga, mounted as the Remix resource route
// app/routes/graphql.ts. Depth, cost, alias, token and directive limits keep
// abusive queries out before they run; GraphiQL is served in development only.
import { createRequire } from 'node:module'
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import type * as graphql from 'graphql'
import type { DocumentNode, ExecutionResult, GraphQLError, ValidationContext } from 'graphql'
import { createGraphQLError, createYoga, type Plugin } from 'graphql-yoga'
import { LRUCache } from 'lru-cache'
import { cached } from '~/utils/cache.server'
import { getEnv } from '~/utils/env.server'
import { createContext, refuseCrossSite, type GraphQLContext } from './context.server'
import { schema } from './schema.server'

const { coerceInputValue, execute, getOperationAST, isInputType, print, separateOperations, typeFromAST } = createRequire(import.meta.url)('graphql') as typeof graphql
const dev = getEnv().NODE_ENV === 'development'
// Inlined GraphiQL is a 9 MB page: never loaded in production.
const graphiql = dev ? await import('@graphql-yoga/render-graphiql') : null

export const LIMITS = { maxDepth: 8, maxCost: 20_000, maxAliases: 15, maxTokens: 2_000, maxDirectives: 20, maxQueryLength: 50_000 }

/**
 * Yoga's parsed-document caches, bounded by the text they hold (a document
 * keeps its whole source): its own are capped by count only, so distinct
 * 1 MB queries filled a worker's heap.
 */
function boundedCache<T extends object>(maxBytes: number) {
  return new LRUCache<string, T>({ maxSize: maxBytes, sizeCalculation: (_value, key) => 2 * key.length + 1024 })
}

/** A query text longer than any real one is refused before it is parsed. */
function queryLengthLimit(): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query === 'string' && params.query.length > LIMITS.maxQueryLength) {
        throw createGraphQLError(`Query is longer than ${LIMITS.maxQueryLength} characters`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } })
      }
    },
  }
}

// A query over a limit is a validation error like any other (400, GRAPHQL_VALIDATION_FAILED), not a thrown exception.
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
}

/**
 * A variable of the wrong type is bad input like any other: give it the
 * code and the field path (`input.skills.0.minLevel`) the domain's errors
 * have. graphql-js would coerce the variables itself, but only puts the path
 * into its message; coercing them here first gives the path as data.
 * Missing or null required variables are left to graphql-js's own errors.
 */
function variableErrorsPlugin(): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const operation = getOperationAST(args.document, args.operationName)
      const inputs = (args.variableValues ?? {}) as Record<string, unknown>
      const errors: GraphQLError[] = []
      for (const definition of operation?.variableDefinitions ?? []) {
        const name = definition.variable.name.value
        const type = typeFromAST(args.schema, definition.type)
        if (!type || !isInputType(type) || inputs[name] == null) continue
        coerceInputValue(inputs[name], type, (path, invalid, error) => {
          const field = [name, ...path].join('.')
          errors.push(
            createGraphQLError(`Variable "$${name}" got invalid value ${JSON.stringify(invalid)} at "${field}"; ${error.message}`, {
              nodes: [definition],
              // 400 for graphql-response+json clients; plain JSON clients keep 200, as the GraphQL-over-HTTP spec asks.
              extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400, spec: true } },
            }),
          )
        })
      }
      if (errors.length) setResultAndStopExecution({ errors })
    },
  }
}

/**
 * graphql-js's own executor: nearly twice as fast as Yoga's default (which
 * brings @defer/@stream, unused here) on large results such as the situation.
 * Required, so it is the graphql instance Yoga's schema is built with.
 */
function graphqlJsExecutor(): Plugin {
  return { onExecute: ({ setExecuteFn }) => setExecuteFn(execute) }
}

// Root fields whose answers are the same for every signed-in user: unit-level
// figures, as everyone sees them on the situation page.
const SHARED_FIELDS = new Set(['situation', 'units', 'unit', '__typename'])

/** JSON with object keys sorted, so the same variables give the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  )
}

class ResultWithErrors {
  constructor(readonly result: ExecutionResult) {}
}

/**
 * A query that asks only for shared unit figures is answered from the
 * read-model cache (app/utils/cache.server.ts): the same few seconds' life,
 * stale after every committed change, on every worker and instance. Its result is ~100 kB for
 * 400 units, and building and serialising it, not the database, is what a
 * situation request costs (4 of its 5 ms at 10,000 staff).
 */
function sharedFiguresCache(): Plugin<GraphQLContext> {
  const keys = new WeakMap<DocumentNode, Map<string, string | null>>()
  const keyOf = (document: DocumentNode, operationName?: string | null) => {
    const operation = getOperationAST(document, operationName)
    const shared = operation?.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === 'Field' && SHARED_FIELDS.has(s.name.value))
    if (!shared) return null
    // Keyed by the operation as graphql-js prints it (with the fragments it uses), not the
    // text sent: padding, comments and other operations beside it make no new entry.
    const name = operation.name?.value
    const alone = name ? (separateOperations(document)[name] ?? document) : document
    return print(alone)
  }
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const { scope } = args.contextValue
      if (!scope.signedIn) return
      let byName = keys.get(args.document)
      if (!byName) keys.set(args.document, (byName = new Map()))
      let query = byName.get(args.operationName ?? '')
      if (query === undefined) byName.set(args.operationName ?? '', (query = keyOf(args.document, args.operationName)))
      if (query === null) return
      const key = `graphql:${scope.locale}:${stableJson(args.variableValues ?? {})}:${query}`
      // A result with errors is not kept: the next request tries again. A kept
      // one is serialised once (Yoga calls a result's own `stringify`).
      const run = async () => {
        const result = (await executeFn(args)) as ExecutionResult
        if (result.errors?.length) throw new ResultWithErrors(result)
        let json: string | undefined
        return Object.assign(result, { stringify: (value: unknown) => (json ??= JSON.stringify(value)) })
      }
      setExecuteFn(() => cached(key, run, { bytes: (result) => 2 * (result as { stringify: (v: unknown) => string }).stringify(result).length }).catch((e: unknown) => (e instanceof ResultWithErrors ? e.result : Promise.reject(e))))
    },
  }
}

export const yoga = createYoga<object, GraphQLContext>({
  schema,
  graphqlEndpoint: '/graphql',
  // The platform's own Response, as every other Remix route returns (Yoga's default is a look-alike).
  fetchAPI: { Response },
  context: ({ request }) => createContext(request),
  // Integrations call from servers; browsers use the app's own origin.
  cors: false,
  multipart: false,
  parserAndValidationCache: { documentCache: boundedCache(4 * 1024 * 1024), errorCache: boundedCache(1024 * 1024) },
  landingPage: false,
  graphiql: dev ? { title: 'Avlast API' } : false,
  renderGraphiQL: graphiql?.renderGraphiQL,
  maskedErrors: { isDev: false },
  logging: dev ? 'info' : 'warn',
  plugins: [
    refuseCrossSite(),
    queryLengthLimit(),
    EnvelopArmorPlugin({
      // Fragments are a way of writing a query, not a level of it.
      maxDepth: { n: LIMITS.maxDepth, flattenFragments: true, ...asValidationError },
      costLimit: { maxCost: LIMITS.maxCost, flattenFragments: true, ...asValidationError },
      maxAliases: { n: LIMITS.maxAliases, ...asValidationError },
      // Counted while parsing, so it stays a parse error (no validation context to report to).
      maxTokens: { n: LIMITS.maxTokens },
      maxDirectives: { n: LIMITS.maxDirectives, ...asValidationError },
      blockFieldSuggestion: { enabled: !dev },
    }),
    variableErrorsPlugin(),
    graphqlJsExecutor(),
    sharedFiguresCache(),
  ],
})
