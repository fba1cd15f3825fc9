import {
  cancelReinforcementRequest,
  createReinforcementRequest,
  listRequests,
  parseReinforcementRequest,
  type RequestSummary,
} from '~/models/requests.server'
import { weeksOf } from '~/models/request-schema'
import { InputError } from '~/utils/errors'
import type { GraphQLContext } from '../context.server'
import { underArgument } from '../errors.server'
import type { Resolvers } from '../generated/resolvers-types'
import type { RequestParent } from '../parents'

function detail<K extends keyof RequestSummary>(key: K) {
  return (request: RequestParent, _: unknown, { scope }: GraphQLContext) => {
    const value = request[key]
    return value !== undefined ? (value as RequestSummary[K]) : scope.loaders.request.load(request.id).then((r) => r[key])
  }
}

// GraphQL's null means "not given" for an optional field, as an empty form field does.
const withoutNulls = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null))

export const requestResolvers: Resolvers = {
  Query: {
    requests: (_, { status, unitId, first, after }, { scope }) =>
      listRequests(scope.actor, { status: status ?? undefined, unitId: unitId ?? undefined }, { first: first ?? 200, after, order: 'made' }),
  },
  Mutation: {
    createReinforcementRequest: (_, { input }, { scope }) =>
      underArgument('input', () => createReinforcementRequest(scope.actor, parseReinforcementRequest(withoutNulls(input)))),
    cancelReinforcementRequest: async (_, { id }, { scope }) => {
      try {
        return await cancelReinforcementRequest(scope.actor, id)
      } catch (error) {
        // "Not open" is about the request the id names.
        if (error instanceof InputError) throw new InputError('id', error.message)
        throw error
      }
    },
  },
  ReinforcementRequest: {
    unit: (request) => request.unit ?? { id: request.unitId },
    fte: (request) => request.fte10 / 10,
    minChunk: (request, args, ctx) => {
      const value = detail('minChunk10')(request, args, ctx)
      return value instanceof Promise ? value.then((v) => v / 10) : value / 10
    },
    startWeek: detail('startWeek'),
    endWeek: detail('endWeek'),
    minWeeks: async (request, args, ctx) => {
      const [minWeeks, startWeek, endWeek] = await Promise.all([detail('minWeeks')(request, args, ctx), detail('startWeek')(request, args, ctx), detail('endWeek')(request, args, ctx)])
      return minWeeks ?? weeksOf(startWeek, endWeek)
    },
    urgency: detail('urgency'),
    motivation: detail('motivation'),
    skills: detail('skills'),
    createdAt: detail('createdAt'),
    updatedAt: detail('updatedAt'),
  },
}
