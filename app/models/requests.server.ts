import type { Prisma, RequestStatus } from '@prisma/client'
import { requestSummarySelect as requestSelect } from './request-brief'
import { prisma } from '~/utils/db.server'
import { ForbiddenError, InputError, NotFoundError, RecordStateError } from '~/utils/errors'
import { assertManagesUnit, type Actor } from '~/utils/permissions'
import { today, weekStart } from '~/utils/weeks'
import { audit } from './audit.server'
import { COMMITTED_STATUSES, withdrawRequestLoans } from './loan-lifecycle.server'
import { parseInput, refuseStartInPast } from './validation'
import { ReinforcementRequestSchema, type ReinforcementRequestValues } from './request-schema'
import { checkIdPage, idPageArgs, pageOrder, pageRows, type IdPage } from './id-page.server'

export { ReinforcementRequestSchema }

/** For callers with raw input (the API): validates like the form does. */
export function parseReinforcementRequest(input: unknown): ReinforcementRequestValues {
  return parseInput(ReinforcementRequestSchema, input)
}


export type RequestSummary = Prisma.ReinforcementRequestGetPayload<{ select: typeof requestSelect }>

function snapshot(r: { fte10: number; minChunk10: number; startWeek: Date; endWeek: Date; minWeeks: number | null; urgency: string; motivation: string; status: string; skills: { skillId: string; minLevel: number }[] }) {
  return {
    fte10: r.fte10,
    minChunk10: r.minChunk10,
    startWeek: r.startWeek,
    endWeek: r.endWeek,
    minWeeks: r.minWeeks,
    urgency: r.urgency,
    motivation: r.motivation,
    status: r.status,
    skills: r.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })),
  }
}

async function assertSkillsExist(tx: Prisma.TransactionClient, skills: { skillId: string }[]) {
  const found = await tx.skill.findMany({
    where: { id: { in: skills.map((s) => s.skillId) }, active: true },
    select: { id: true },
  })
  const known = new Set(found.map((s) => s.id))
  skills.forEach((s, i) => {
    if (!known.has(s.skillId)) throw new InputError(`skills.${i}.skillId`, 'validation.unknownSkill')
  })
}

export async function createReinforcementRequest(actor: Actor, values: ReinforcementRequestValues) {
  assertManagesUnit(actor, values.unitId)
  refuseStartInPast(values.startWeek)
  return prisma.$transaction(async (tx) => {
    await assertSkillsExist(tx, values.skills)
    const created = await tx.reinforcementRequest.create({
      data: {
        unitId: values.unitId,
        createdById: actor.id,
        fte10: values.fte,
        minChunk10: values.minChunk ?? 1,
        startWeek: values.startWeek,
        endWeek: values.endWeek,
        minWeeks: values.minWeeks ?? null,
        urgency: values.urgency,
        motivation: values.motivation,
        skills: { create: values.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })) },
      },
      select: requestSelect,
    })
    await audit(tx, actor, { action: 'request.create', entity: 'ReinforcementRequest', entityId: created.id, after: snapshot(created) })
    return created
  })
}

async function findForManager(tx: Prisma.TransactionClient, actor: Actor, id: string) {
  const request = await tx.reinforcementRequest.findUnique({ where: { id }, select: requestSelect })
  if (!request) throw new NotFoundError()
  assertManagesUnit(actor, request.unitId)
  return request
}

export async function updateReinforcementRequest(actor: Actor, id: string, values: ReinforcementRequestValues) {
  return prisma.$transaction(async (tx) => {
    const before = await findForManager(tx, actor, id)
    if (before.status !== 'OPEN') throw new RecordStateError('status', 'validation.requestNotOpen')
    if (values.unitId !== before.unitId) throw new RecordStateError('unitId', 'validation.unitChange')
    if (values.startWeek.getTime() !== before.startWeek.getTime()) refuseStartInPast(values.startWeek)
    await assertSkillsExist(tx, values.skills)
    const committed = await tx.loan.aggregate({
      where: { requestId: id, status: { in: [...COMMITTED_STATUSES] }, endWeek: { gte: weekStart(today()) } },
      _sum: { fte10: true },
    })
    if (values.fte < (committed._sum.fte10 ?? 0)) throw new InputError('fte', 'validation.fteBelowApproved')
    // Suggestions for the old version no longer fit: they go, decisions stay.
    await tx.loan.deleteMany({ where: { requestId: id, status: 'PROPOSED' } })
    await tx.requestSkill.deleteMany({ where: { requestId: id } })
    const after = await tx.reinforcementRequest.update({
      where: { id },
      data: {
        fte10: values.fte,
        minChunk10: values.minChunk ?? 1,
        startWeek: values.startWeek,
        endWeek: values.endWeek,
        minWeeks: values.minWeeks ?? null,
        urgency: values.urgency,
        motivation: values.motivation,
        skills: { create: values.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })) },
      },
      select: requestSelect,
    })
    await audit(tx, actor, { action: 'request.update', entity: 'ReinforcementRequest', entityId: id, before: snapshot(before), after: snapshot(after) })
    return after
  })
}

/** Withdraws an open request; its suggestions go and its approved or active loans are cancelled. */
export async function cancelReinforcementRequest(actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const before = await findForManager(tx, actor, id)
    if (before.status !== 'OPEN' && before.status !== 'FILLED') throw new RecordStateError('status', 'validation.requestNotOpen')
    await tx.loan.deleteMany({ where: { requestId: id, status: 'PROPOSED' } })
    await withdrawRequestLoans(tx, actor, id, 'request.cancelledNote')
    const after = await tx.reinforcementRequest.update({ where: { id }, data: { status: 'CANCELLED' }, select: requestSelect })
    await audit(tx, actor, { action: 'request.cancel', entity: 'ReinforcementRequest', entityId: id, before: { status: before.status }, after: { status: 'CANCELLED' } })
    return after
  })
}

/**
 * Central sees every request; a manager those of their units; staff none.
 * By first week; `ids` narrows to those requests (the API's batching), and
 * `page` gives a page at a time (id-page.server.ts).
 */
export async function listRequests(actor: Actor, filter: { status?: RequestStatus | RequestStatus[]; unitId?: string; ids?: readonly string[] } = {}, page?: IdPage) {
  if (actor.role === 'STAFF') throw new ForbiddenError()
  if (filter.unitId && actor.role === 'MANAGER') assertManagesUnit(actor, filter.unitId)
  const unitScope = actor.role === 'CENTRAL' ? {} : { unitId: { in: [...actor.managedUnitIds] } }
  if (page) await checkIdPage(page, async (id) => (await prisma.reinforcementRequest.count({ where: { ...unitScope, id } })) > 0)
  const status = Array.isArray(filter.status) ? { in: filter.status } : filter.status
  const rows = await prisma.reinforcementRequest.findMany({
    where: { ...unitScope, ...(filter.unitId ? { unitId: filter.unitId } : {}), ...(status ? { status } : {}), ...(filter.ids ? { id: { in: [...filter.ids] } } : {}) },
    orderBy: pageOrder(page),
    ...idPageArgs(page),
    select: {
      ...requestSelect,
      loans: {
        where: { status: { in: ['PROPOSED', ...COMMITTED_STATUSES] } },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          fte10: true,
          status: true,
          startWeek: true,
          endWeek: true,
          staff: { select: { firstName: true, lastName: true, unit: { select: { name: true } } } },
        },
      },
    },
  })
  return pageRows(rows, page)
}

export async function getRequestForEdit(actor: Actor, id: string) {
  return prisma.$transaction((tx) => findForManager(tx, actor, id))
}
