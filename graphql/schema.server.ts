import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { GraphQLFieldResolver } from 'graphql'
import { createSchema } from 'graphql-yoga'
import { DomainError, ForbiddenError } from '~/utils/errors'
import type { GraphQLContext } from './context.server'
import { toGraphQLError } from './errors.server'
import { resolvers } from './resolvers'

// The SDL files are read at start. This module runs from graphql/ (tests,
// scripts) or bundled into build/; both sit one level below the project root.
const schemaDir = fileURLToPath(new URL('../graphql/schema/', import.meta.url))

export function readTypeDefs(): string[] {
  return fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(`${schemaDir}${file}`, 'utf8'))
}

type AnyResolver = GraphQLFieldResolver<unknown, GraphQLContext>

function mapErrors(resolve: AnyResolver): AnyResolver {
  const map = (error: unknown, ctx: GraphQLContext) => (error instanceof DomainError ? toGraphQLError(error, ctx.scope.t) : error)
  return (parent, args, ctx, info) => {
    try {
      const result = resolve(parent, args, ctx, info)
      // Plain values stay synchronous: most fields just read their parent.
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(map(error, ctx))) : result
    } catch (error) {
      throw map(error, ctx)
    }
  }
}

/**
 * Every resolver maps domain errors. Every root field needs a signed-in user
 * (introspection has no resolvers here, so it stays open), a read-only token
 * may run no mutation, and every mutation starts with fresh loaders, so what it returns (and any later mutation) sees
 * its changes.
 */
function prepareResolvers<R extends Record<string, unknown>>(resolvers: R): R {
  const mapped: Record<string, unknown> = {}
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (typeof fields !== 'object' || fields === null || fields.constructor !== Object) {
      mapped[typeName] = fields
      continue
    }
    const root = typeName === 'Query' || typeName === 'Mutation'
    mapped[typeName] = Object.fromEntries(
      Object.entries(fields).map(([field, resolve]) => {
        if (typeof resolve !== 'function') return [field, resolve]
        const wrapped = mapErrors(resolve as AnyResolver)
        if (!root) return [field, wrapped]
        const guarded: AnyResolver = (parent, args, ctx, info) => {
          void ctx.scope.actor
          if (typeName === 'Mutation') {
            if (ctx.scope.readOnly) throw toGraphQLError(new ForbiddenError('accounts.api.readOnlyToken'), ctx.scope.t)
            ctx.scope.resetLoaders()
          }
          return wrapped(parent, args, ctx, info)
        }
        return [field, guarded]
      }),
    )
  }
  return mapped as R
}

export const schema = createSchema<GraphQLContext>({
  typeDefs: readTypeDefs(),
  resolvers: prepareResolvers(resolvers),
})
