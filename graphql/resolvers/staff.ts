import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql'
import type { z } from 'zod'
import { setMyAvailability } from '~/models/availability.server'
import { AbsenceSchema, StaffSkillSchema } from '~/models/profile-schemas'
import { listSkills, updateMySkills } from '~/models/skills.server'
import { countStaff, listStaff, type StaffDetails } from '~/models/staff-directory.server'
import { parseInput } from '~/models/validation'
import type { GraphQLContext, RequestScope } from '../context.server'
import { underArgument } from '../errors.server'
import type { NotLendableReason, Resolvers } from '../generated/resolvers-types'
import type { StaffParent, StaffSkillParent } from '../parents'

/** A detail from the parent when present, else from the batch of details (which applies who may see whom). */
function detail<K extends keyof StaffDetails>(key: K) {
  return (staff: StaffParent, _: unknown, { scope }: GraphQLContext) => {
    const value = staff[key]
    return value !== undefined ? (value as StaffDetails[K]) : scope.loaders.staffDetails.load(staff.id).then((s) => s[key])
  }
}

/** A value computed from several details. */
const fromDetails = <T>(map: (s: StaffDetails) => T) => (staff: StaffParent, _: unknown, { scope }: GraphQLContext) =>
  staff.notLendable !== undefined && staff.fte10 !== undefined ? map(staff as StaffDetails) : scope.loaders.staffDetails.load(staff.id).then(map)

/** Validates each item like the web form does, naming the item in the error's path. */
function parseEach<S extends z.ZodTypeAny>(schema: S, items: readonly unknown[] | null | undefined, argument: string) {
  return Promise.all((items ?? []).map((item, i) => underArgument(`${argument}.${i}`, () => parseInput(schema, item))))
}

/** Whether the query asks for the field at `path` below this one (through fragments too). */
function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined, rest: readonly string[]): boolean =>
    !!set &&
    set.selections.some((node) => {
      if (node.kind === 'Field') return node.name.value === rest[0] && (rest.length === 1 || within(node.selectionSet, rest.slice(1)))
      if (node.kind === 'InlineFragment') return within(node.selectionSet, rest)
      return within(info.fragments[node.name.value]?.selectionSet, rest)
    })
  return info.fieldNodes.some((node) => within(node.selectionSet, path))
}

/** Each held skill with its catalogue entry, so the `skill` fields below resolve without a promise each. */
async function withCatalogue(scope: RequestScope, held: Promise<StaffSkillParent[]>) {
  const [skills, catalogue] = await Promise.all([held, scope.loaders.skillCatalogue()])
  return skills.map((h) => ({ ...h, skill: catalogue.get(h.skillId) }))
}


export const staffResolvers: Resolvers = {
  Query: {
    staff: async (_, { filter, first, after }, { scope }) => {
      const page = await listStaff(scope.actor, filter ?? {}, first ?? 50, after)
      for (const row of page.rows) scope.loaders.staffDetails.prime(row.id, row)
      return { ...page, count: () => countStaff(scope.actor, filter ?? {}) }
    },
    skills: () => listSkills(),
  },
  Mutation: {
    updateMySkills: async (_, { set, remove }, { scope }) => {
      const values = await parseEach(StaffSkillSchema, set, 'set')
      await updateMySkills(scope.actor, { set: values, remove: remove ?? [] })
      // The person as they are now: skills and absences resolve through the same domain reads as any query.
      return scope.loaders.staffDetails.load(scope.actor.staffId!)
    },
    setMyAvailability: async (_, { lendingConsent, addAbsences, removeAbsenceIds }, { scope }) => {
      const absences = await parseEach(AbsenceSchema, addAbsences, 'addAbsences')
      const change = { lendingConsent: lendingConsent ?? undefined, addAbsences: absences, removeAbsenceIds: removeAbsenceIds ?? [] }
      await setMyAvailability(scope.actor, change)
      return scope.loaders.staffDetails.load(scope.actor.staffId!)
    },
  },
  StaffConnection: {
    edges: async (connection, _, { scope }, info) => {
      // A page that shows skills reads them for all its rows at once, so the rows then resolve without a promise each.
      const [held, catalogue] = selects(info, ['node', 'skills'])
        ? await Promise.all([scope.loaders.staffSkills.loadMany(connection.rows.map((r) => r.id)), scope.loaders.skillCatalogue()])
        : [null, null]
      return connection.rows.map((row, i) => {
        const skills = held?.[i]
        const node = skills && !(skills instanceof Error) ? { ...row, skills: skills.map((h) => ({ ...h, skill: catalogue!.get(h.skillId) })) } : row
        return { cursor: connection.cursorOf(row), node }
      })
    },
    pageInfo: (connection) => ({ hasNextPage: connection.hasNextPage, endCursor: connection.endCursor }),
    totalCount: (connection) => connection.count(),
  },
  StaffMember: {
    unit: (staff) => staff.unit ?? { id: staff.unitId },
    email: detail('email'),
    title: detail('title'),
    fte: fromDetails((s) => s.fte10 / 10),
    caseload: detail('caseload'),
    personalLoad: detail('personalLoad'),
    hireDate: detail('hireDate'),
    lendingConsent: detail('lendingConsent'),
    newcomer: detail('newcomer'),
    lendable: fromDetails((s) => s.notLendable.length === 0),
    notLendableReasons: fromDetails((s) => s.notLendable.map((r) => r.toUpperCase() as NotLendableReason)),
    skills: (staff, _, { scope }) => staff.skills ?? withCatalogue(scope, scope.loaders.staffSkills.load(staff.id)),
    absences: (staff, _, { scope }) => staff.absences ?? scope.loaders.staffAbsences.load(staff.id),
  },
  StaffSkill: {
    skill: (held, _, { scope }) => held.skill ?? scope.loaders.skill.load(held.skillId),
    expired: (held, _, { scope }) => held.validUntil !== null && held.validUntil < scope.today,
    verified: (held) => held.verifiedAt !== null,
  },
  Skill: {
    name: (skill, _, { scope }) => (scope.locale === 'en' ? skill.nameEn : skill.nameSv),
  },
}
