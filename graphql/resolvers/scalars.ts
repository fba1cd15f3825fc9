import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql'
import { createGraphQLError } from 'graphql-yoga'
import { parseDate, toYmd } from '~/utils/weeks'

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) throw createGraphQLError(`Not a date: ${String(value)}`)
  return date
}

function parseYmd(value: unknown): Date {
  const date = typeof value === 'string' ? parseDate(value) : null
  if (!date) throw createGraphQLError('A date is written YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT' } })
  return date
}

export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  serialize: (value) => toYmd(toDate(value)),
  parseValue: parseYmd,
  parseLiteral: (ast) => parseYmd(ast.kind === Kind.STRING ? ast.value : null),
})

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => toDate(ast.kind === Kind.STRING ? ast.value : null),
})

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
})
