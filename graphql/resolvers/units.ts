import { setUnitOpenCases } from '~/models/case-types.server'
import { getSituation, type SituationRow } from '~/models/units.server'
import { addWeeks, weekStart } from '~/utils/weeks'
import type { GraphQLContext } from '../context.server'
import type { Resolvers } from '../generated/resolvers-types'
import type { UnitParent } from '../parents'

/** A figure from the unit's parent when the domain function gave it, else from the situation (read once per request). */
function figure<K extends keyof SituationRow>(key: K) {
  return (unit: UnitParent, _: unknown, { scope }: GraphQLContext) => {
    const value = unit[key]
    return value !== undefined ? (value as SituationRow[K]) : scope.loaders.unitFigures.load(unit.id).then((row) => row[key])
  }
}

const round3 = <T extends number | null>(v: T): T => (v === null ? v : ((Math.round(v * 1000) / 1000) as T))

/** Loads and FTE with three decimals: sums of tenths are not exact in binary, and clients need no more. */
function rounded<K extends 'staffFte' | 'load' | 'loadWithLoans' | 'lentNow' | 'receivedNow'>(key: K) {
  const read = figure(key)
  return (unit: UnitParent, args: unknown, ctx: GraphQLContext) => {
    const value = read(unit, args, ctx)
    return value instanceof Promise ? value.then((v) => round3(v)) : round3(value)
  }
}

export const unitResolvers: Resolvers = {
  Query: {
    units: async (_, __, { scope }) => [...(await getSituation(scope.actor))].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    unit: async (_, { id }, { scope }) => (await getSituation(scope.actor)).find((u) => u.id === id) ?? null,
    situation: async (_, { weeks }, { scope }) => {
      const count = weeks ?? 12
      const rows = await getSituation(scope.actor, count)
      const week = weekStart(scope.today)
      return { week, trendWeeks: Array.from({ length: count }, (_, i) => addWeeks(week, i - count + 1)), rows }
    },
  },
  Mutation: {
    setUnitOpenCases: (_, { unitId, openCases }, { scope }) => setUnitOpenCases(scope.actor, unitId, openCases),
  },
  Situation: {
    units: (situation) => situation.rows,
  },
  Unit: {
    name: figure('name'),
    areaName: (unit, _, { scope }) => {
      const names = unit.areaName ?? scope.loaders.unitFigures.load(unit.id).then((row) => row.areaName)
      return names instanceof Promise ? names.then((n) => n[scope.locale]) : names[scope.locale]
    },
    openCases: figure('openCases'),
    casesPerFte: figure('casesPerFte'),
    staffFte: rounded('staffFte'),
    load: rounded('load'),
    loadWithLoans: rounded('loadWithLoans'),
    lentFte: rounded('lentNow'),
    receivedFte: rounded('receivedNow'),
    openRequests: figure('openRequests'),
    trend: figure('trend'),
    casePoints: figure('casePoints'),
    reasonablePoints: figure('reasonablePoints'),
    figuresUpdatedAt: figure('figuresUpdatedAt'),
    stale: figure('stale'),
    trendCarried: figure('trendCarried'),
  },
}
