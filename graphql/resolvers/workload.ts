import { CaseCountsSchema, ReportCommentSchema } from '~/models/case-type-schemas'
import DataLoader from 'dataloader'
import { listCaseTypes, proposeCaseload, setStaffCaseCounts, setUnitCaseCounts, staffCaseCounts, unitCaseCounts } from '~/models/case-types.server'
import { assertSeesPeople, getFollowUp, parsePeriod, type FollowUp } from '~/models/follow-up.server'
import { unitForecasts } from '~/models/unit-forecast.server'
import { parseInput } from '~/models/validation'
import { commentWeeklyReport, getWeeklyReport, listWeeklyReports } from '~/models/weekly-report.server'
import type { RequestScope } from '../context.server'
import type { Resolvers } from '../generated/resolvers-types'

type Counts = { caseTypeId: string; count: number }[]
// Per request, like the shared loaders: a page of staff reads its counts once.
const countLoaders = new WeakMap<RequestScope, { units: DataLoader<string, Counts>; staff: DataLoader<string, Counts> }>()
function counts(scope: RequestScope) {
  const made = countLoaders.get(scope)
  if (made) return made
  const loaders = {
    units: new DataLoader<string, Counts>((ids) => unitCaseCounts(ids)),
    staff: new DataLoader<string, Counts>((ids) => staffCaseCounts(scope.actor, ids)),
  }
  countLoaders.set(scope, loaders)
  return loaders
}

const localized = (scope: RequestScope, v: { nameSv: string; nameEn: string }) => (scope.locale === 'en' ? v.nameEn : v.nameSv)

/** The mutation input checked by the form's own schema; errors name `counts.N.count`. */
const parseCounts = (counts: readonly { caseTypeId: string; count: number }[]) => parseInput(CaseCountsSchema, { counts }).counts

function withCaseTypes(list: Promise<Counts>) {
  return Promise.all([list, listCaseTypes()]).then(([list, types]) => {
    const byId = new Map(types.map((t) => [t.id, t]))
    return list.flatMap((c) => (byId.has(c.caseTypeId) ? [{ caseType: byId.get(c.caseTypeId)!, count: c.count }] : []))
  })
}

type Flow = FollowUp['totals']
const figures = (f: Omit<Flow, 'daysToFirstApproval'>) => ({
  lentFteWeeks: f.lentFteWeeks,
  receivedFteWeeks: f.receivedFteWeeks,
  requestedFteWeeks: f.requestedFteWeeks,
  coveredFteWeeks: f.coveredFteWeeks,
  unmetFteWeeks: f.unmetFteWeeks,
  filled: f.filled,
  partlyFilled: f.partlyFilled,
  unfilled: f.unfilled,
})
const pressure = (weeks: FollowUp['pressure']) => weeks.map((w) => ({ week: w.week, without: round3(w.without), with: round3(w.with) }))
const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000)

export const workloadResolvers: Resolvers = {
  Query: {
    caseTypes: (_, { areaId }) => listCaseTypes(areaId ?? undefined),
    weeklyReport: (_, { week }, { scope }) => getWeeklyReport(scope.actor, week ?? undefined),
    weeklyReports: async () => (await listWeeklyReports()).map((w) => ({ week: w.week, isoWeek: w.weekId, commented: w.commented })),
    followUp: async (_, { from, to }, { scope }) => getFollowUp(scope.actor, parsePeriod({ from, to })),
  },
  Mutation: {
    setUnitCaseCounts: async (_, { unitId, counts }, { scope }) => {
      await setUnitCaseCounts(scope.actor, unitId, parseCounts(counts))
      return scope.loaders.unitFigures.load(unitId)
    },
    setStaffCaseCounts: async (_, { staffId, counts }, { scope }) => {
      await setStaffCaseCounts(scope.actor, staffId, parseCounts(counts))
      return scope.loaders.staffDetails.load(staffId)
    },
    proposeMyCaseload: async (_, { counts }, { scope }) => {
      await proposeCaseload(scope.actor, parseCounts(counts))
      return true
    },
    commentWeeklyReport: async (_, { week, comment }, { scope }) => {
      const values = parseInput(ReportCommentSchema, { comment })
      await commentWeeklyReport(scope.actor, week, values.comment)
      return getWeeklyReport(scope.actor, week)
    },
  },
  CaseType: {
    name: (t, _, { scope }) => localized(scope, t),
  },
  Unit: {
    caseCounts: (unit, _, { scope }) => withCaseTypes(counts(scope).units.load(unit.id)),
    forecast: async (unit, { weeks }) => {
      const forecast = await unitForecasts(weeks ?? 8)
      return (forecast.get(unit.id) ?? []).map((w) => ({ week: w.week, points: round3(w.points)!, low: round3(w.low)!, high: round3(w.high)! }))
    },
  },
  StaffMember: {
    caseCounts: (staff, _, { scope }) => withCaseTypes(counts(scope).staff.load(staff.id)),
    caseloadPoints: (staff, _, { scope }) => staff.caseloadPoints ?? scope.loaders.staffDetails.load(staff.id).then((s) => s.caseloadPoints),
    caseloadUpdatedAt: (staff, _, { scope }) => (staff.caseloadUpdatedAt !== undefined ? staff.caseloadUpdatedAt : scope.loaders.staffDetails.load(staff.id).then((s) => s.caseloadUpdatedAt)),
  },
  WeeklyReport: {
    isoWeek: (r) => r.weekId,
    state: (r) => (r.state === 'live' ? 'LIVE' : r.state === 'archived' ? 'ARCHIVED' : 'REBUILT'),
    totals: (r) => ({
      ...r.figures.totals,
      pointsChange: r.change.totals?.points ?? null,
      loadChange: r.change.totals?.load ?? null,
      openRequestFte: r.figures.totals.openRequestFte10 / 10,
    }),
    areas: (r, _, { scope }) =>
      r.figures.areas.map((a) => ({
        id: a.id,
        name: localized(scope, a),
        figures: { ...a, pointsChange: r.change.areas[a.id]?.points ?? null, loadChange: r.change.areas[a.id]?.load ?? null, openRequests: null, openRequestFte: null },
        trend: r.trend.areas[a.id] ?? [],
      })),
    units: (r) => r.figures.units,
    trendWeeks: (r) => r.trend.weeks,
    pdfPath: (r) => `/reports/weekly/${r.weekId}.pdf`,
  },
  FollowUp: {
    totals: (f) => figures(f.totals),
    daysToFirstApproval: (f) => ({ medianDays: f.totals.daysToFirstApproval.median, meanDays: f.totals.daysToFirstApproval.mean, requests: f.totals.daysToFirstApproval.requests }),
    pressure: (f) => pressure(f.pressure),
    areas: (f, _, { scope }) => f.areas.map((a) => ({ id: a.id, name: localized(scope, a), figures: figures(a), pressure: pressure(a.pressure) })),
    units: (f) => f.units.map((u) => ({ id: u.id, name: u.name, areaId: u.areaId, figures: figures(u), pressure: pressure(u.pressure) })),
    staffWeeksLent: (f, _, { scope }) => {
      assertSeesPeople(scope.actor)
      return (f.perPerson ?? []).map((p) => ({ staff: { id: p.staffId, firstName: p.firstName, lastName: p.lastName, unitId: p.unitId }, weeksLent: p.weeksLent, fteWeeks: p.fteWeeks }))
    },
  },
}
