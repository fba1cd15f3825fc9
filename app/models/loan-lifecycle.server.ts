// The life of a loan, in one place: every status change goes through here,
// is allowed by the table below, takes effect in one transaction with its
// audit entry, and keeps the request's status (open or filled) true.
//
//   PROPOSED ─approve→ APPROVED ─start→ ACTIVE ─complete→ COMPLETED
//      │                 │ cancel          └─endEarly→ ENDED_EARLY (endWeek = the last week worked)
//      │ reject          └→ CANCELLED
//      └→ REJECTED, or CANCELLED when withdrawn (its request or person went away)
//   book (central by hand) → APPROVED or ACTIVE; change (extent, weeks) keeps a decided loan decided.
//   Approval, booking and change re-check every hard rule (loan-rules.server.ts).
//
// Statuses move by the calendar in the daily task `loans.lifecycle`
// (app/jobs/registry.server.ts), never as a side effect of reading a page.
import type { LoanStatus, Prisma } from '@prisma/client'
import { prisma, type Tx } from '~/utils/db.server'
import { ConflictError, InputError, NotFoundError } from '~/utils/errors'
import { assertRole, type Actor } from '~/utils/permissions'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { audit } from './audit.server'
import { lockDecisions } from './decision-lock.server'
import { personAgreed } from './consultation.server'
import { brokenRule, checkLoan, explainCheckedLoan, type LoanToCheck } from './loan-rules.server'
import { COMMITTED_STATUSES } from './loan-status'
import { loanSelect, MAX_NOTE_LENGTH, type LoanRow } from './loans.server'
import { toStoredExplanation } from './matching.server'
import { getPolicy } from './settings.server'
import { refuseStartInPast } from './validation'
import { notifyLoan, type LoanNotice } from './notifications.server'

export { COMMITTED_STATUSES, isCommitted } from './loan-status'

export type LoanEvent = 'approve' | 'reject' | 'withdraw' | 'cancel' | 'start' | 'complete' | 'endEarly' | 'change'

/**
 * Every allowed change: for each event, the statuses it may start from and
 * the statuses it may lead to. Where an event allows several, the calendar
 * decides (a loan approved in its first week starts at once).
 */
export const LOAN_TRANSITIONS: Readonly<Record<LoanEvent, Partial<Record<LoanStatus, readonly LoanStatus[]>>>> = {
  approve: { PROPOSED: ['APPROVED', 'ACTIVE'] },
  reject: { PROPOSED: ['REJECTED'] },
  withdraw: { PROPOSED: ['CANCELLED'] },
  cancel: { APPROVED: ['CANCELLED'] },
  start: { APPROVED: ['ACTIVE'] },
  complete: { APPROVED: ['COMPLETED'], ACTIVE: ['COMPLETED'] },
  endEarly: { ACTIVE: ['ENDED_EARLY'] },
  // A decided loan's extent or weeks; one not yet begun may start at once if moved to this week.
  change: { APPROVED: ['APPROVED', 'ACTIVE'], ACTIVE: ['ACTIVE'] },
}

/** What a loan central books by hand starts as (the calendar decides, as for an approval). */
export const BOOKED_STATUSES: readonly LoanStatus[] = ['APPROVED', 'ACTIVE']

/** Why an event does not apply to a loan's status, as an i18n key. */
const REFUSED: Record<LoanEvent, string> = {
  approve: 'loan.notProposed',
  reject: 'loan.notProposed',
  withdraw: 'loan.notProposed',
  cancel: 'loan.notCancellable',
  start: 'loan.notApproved',
  complete: 'loan.notApproved',
  endEarly: 'loan.notActive',
  change: 'consult.errors.notChangeable',
}

type Weeks = { startWeek: Date; endWeek: Date }

/** Where a decided loan stands by the calendar in the week of `monday`. */
export function calendarStatus(loan: Weeks, monday: Date): 'APPROVED' | 'ACTIVE' | 'COMPLETED' {
  if (loan.endWeek < monday) return 'COMPLETED'
  return loan.startWeek <= monday ? 'ACTIVE' : 'APPROVED'
}

const FIXED_TARGET: Partial<Record<LoanEvent, LoanStatus>> = { reject: 'REJECTED', withdraw: 'CANCELLED', cancel: 'CANCELLED', endEarly: 'ENDED_EARLY' }

/** The status `event` leads to from `from` in the week of `monday`; a ConflictError naming why when it may not happen. */
export function nextStatus(from: LoanStatus, event: LoanEvent, loan: Weeks, monday: Date): LoanStatus {
  const allowed = LOAN_TRANSITIONS[event][from]
  if (!allowed) throw new ConflictError(REFUSED[event])
  const to = FIXED_TARGET[event] ?? calendarStatus(loan, monday)
  if (!allowed.includes(to)) throw new ConflictError(event === 'approve' ? 'loan.stale.periodPassed' : REFUSED[event])
  return to
}

function checkNote(note: string | undefined | null) {
  const trimmed = note?.trim() || null
  if (trimmed && trimmed.length > MAX_NOTE_LENGTH) throw new InputError('note', 'validation.noteTooLong')
  return trimmed
}

const thisMonday = () => weekStart(today())

/** Who is told of each change (notifications.server.ts); the calendar's own moves and withdrawn proposals tell nobody. */
const NOTICE: Partial<Record<LoanEvent, LoanNotice>> = {
  approve: 'loan.approved',
  reject: 'loan.rejected',
  change: 'loan.changed',
  cancel: 'loan.cancelled',
  endEarly: 'loan.endedEarly',
}

type Change = {
  loan: { id: string; status: LoanStatus; requestId: string } & Weeks
  event: LoanEvent
  actor: Actor | null
  /** Other fields the change sets (the decider, a note, the last week, new terms and their explanation). */
  data?: { note?: string | null; endWeek?: Date; plannedEndWeek?: Date; startWeek?: Date; fte10?: number; explanation?: Prisma.InputJsonValue }
  /** What the audit entry records beyond the statuses. */
  details?: Record<string, unknown>
}

/**
 * Applies one change inside `tx`: the status the table allows, only if the
 * loan still has the status it was read with (a concurrent change makes this
 * one a conflict), with its audit entry, and the request's status updated.
 */
async function changeStatus(tx: Tx, { loan, event, actor, data = {}, details = {} }: Change): Promise<LoanStatus> {
  const monday = thisMonday()
  const to = nextStatus(loan.status, event, { startWeek: data.startWeek ?? loan.startWeek, endWeek: data.endWeek ?? loan.endWeek }, monday)
  const decided = actor && event !== 'start' && event !== 'complete' && event !== 'change' ? { decidedById: actor.id, decidedAt: new Date() } : {}
  const { count } = await tx.loan.updateMany({ where: { id: loan.id, status: loan.status }, data: { status: to, ...decided, ...data } })
  if (count !== 1) throw new ConflictError(REFUSED[event])
  await audit(tx, actor, { action: `loan.${event}`, entity: 'Loan', entityId: loan.id, before: { status: loan.status }, after: { status: to, ...details } })
  await refreshRequestStatus(tx, loan.requestId, monday)
  const notice = NOTICE[event]
  if (notice) await notifyLoan(tx, loan.id, notice)
  return to
}

/**
 * An open request is filled when its decided loans cover its extent in every
 * week from now to its end; it opens again when they no longer do (a loan
 * cancelled or ended early).
 */
export async function refreshRequestStatus(tx: Tx, requestId: string, monday = thisMonday()) {
  const request = await tx.reinforcementRequest.findUnique({ where: { id: requestId }, select: { status: true, fte10: true, startWeek: true, endWeek: true } })
  if (!request || (request.status !== 'OPEN' && request.status !== 'FILLED')) return
  const from = request.startWeek > monday ? request.startWeek : monday
  if (from > request.endWeek) return
  const loans = await tx.loan.findMany({
    where: { requestId, status: { in: [...COMMITTED_STATUSES] }, endWeek: { gte: from } },
    select: { fte10: true, startWeek: true, endWeek: true },
  })
  let filled = true
  for (let week = from; week <= request.endWeek && filled; week = addWeeks(week, 1)) {
    const covered = loans.reduce((sum, l) => (l.startWeek <= week && l.endWeek >= week ? sum + l.fte10 : sum), 0)
    filled = covered >= request.fte10
  }
  const status = filled ? 'FILLED' : 'OPEN'
  if (status !== request.status) await tx.reinforcementRequest.update({ where: { id: requestId }, data: { status } })
}

const changeSelect = { id: true, status: true, requestId: true, staffId: true, fte10: true, startWeek: true, endWeek: true } as const

async function findLoan(tx: Tx, loanId: string) {
  const loan = await tx.loan.findUnique({ where: { id: loanId }, select: changeSelect })
  if (!loan) throw new NotFoundError()
  return loan
}

const readLoan = (tx: Tx, id: string): Promise<LoanRow> => tx.loan.findUniqueOrThrow({ where: { id }, select: loanSelect })

/**
 * Central approves a suggestion. Inside one transaction it takes the decision
 * lock, rebuilds the relevant part of the instance from the data as it is now
 * (approved loans included) and re-checks every hard rule; a suggestion that
 * has gone stale is refused, so no capacity is ever booked twice.
 */
export async function approveLoan(actor: Actor, loanId: string, note?: string | null, changes: Partial<LoanTerms> = {}): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(note)
  const changing = changes.fte10 !== undefined || changes.startWeek !== undefined || changes.endWeek !== undefined
  return prisma.$transaction(
    async (tx) => {
      await lockDecisions(tx)
      const loan = await tx.loan.findUnique({
        where: { id: loanId },
        select: { ...changeSelect, staff: { select: { unitId: true } }, request: { select: { unitId: true, status: true } } },
      })
      if (!loan) throw new NotFoundError()
      if (loan.status !== 'PROPOSED') throw new ConflictError('loan.notProposed')
      if (loan.request.status !== 'OPEN') throw new ConflictError('loan.stale.requestClosed')
      if (!changing && loan.endWeek < thisMonday()) throw new ConflictError('loan.stale.periodPassed')
      await requireAnswerFirst(tx, loanId)
      const where = { staffId: loan.staffId, requestId: loan.requestId, homeUnitId: loan.staff.unitId, requestUnitId: loan.request.unitId }
      if (changing) {
        // Approved with another extent or other weeks: checked, and explained, as a manual booking is.
        if (changes.startWeek) refuseStartInPast(weekStart(changes.startWeek))
        const terms = checkTerms({
          fte10: changes.fte10 ?? loan.fte10,
          startWeek: changes.startWeek ?? loan.startWeek,
          endWeek: changes.endWeek ?? loan.endWeek,
        })
        const explanation = await checkedExplanation(tx, { ...where, ...terms })
        const details = { hasNote: text !== null, fte10: terms.fte10, changedFrom: termsOf(loan), changedTo: termsJson(terms) }
        await changeStatus(tx, { loan, event: 'approve', actor, data: { note: text, ...terms, explanation }, details })
        return readLoan(tx, loanId)
      }
      const broken = await brokenRule(tx, { ...where, fte10: loan.fte10, startWeek: loan.startWeek, endWeek: loan.endWeek })
      if (broken) throw new ConflictError(broken)
      await changeStatus(tx, { loan, event: 'approve', actor, data: { note: text }, details: { hasNote: text !== null, fte10: loan.fte10 } })
      return readLoan(tx, loanId)
    },
    { timeout: 30_000, maxWait: 30_000 },
  )
}

/** Tenths of a full-time post from an extent in FTE with one decimal (0.1–1.0), or BAD_USER_INPUT naming `fte`. */
export function fte10FromFte(fte: number | string): number {
  const value = typeof fte === 'string' ? Number(fte.trim().replace(',', '.')) : fte
  const tenths = Math.round(value * 10)
  if (!Number.isFinite(value) || Math.abs(value * 10 - tenths) > 1e-6 || tenths < 1 || tenths > 10) throw new InputError('fte', 'consult.errors.fte')
  return tenths
}

/** A loan's extent (tenths of a full-time post) and weeks (Mondays). */
export type LoanTerms = { fte10: number; startWeek: Date; endWeek: Date }

const termsJson = (t: LoanTerms) => ({ fte10: t.fte10, startWeek: t.startWeek.toISOString(), endWeek: t.endWeek.toISOString() })
const termsOf = (loan: LoanTerms) => termsJson(loan)

/** Terms as central gives them, each checked and named when wrong: 1–10 tenths, Mondays, not ending before they start or before this week. */
export function checkTerms(input: { fte10: number; startWeek: Date; endWeek: Date }): LoanTerms {
  if (!Number.isInteger(input.fte10) || input.fte10 < 1 || input.fte10 > 10) throw new InputError('fte', 'consult.errors.fte')
  if (!(input.startWeek instanceof Date) || Number.isNaN(input.startWeek.getTime())) throw new InputError('startWeek', 'consult.errors.week')
  if (!(input.endWeek instanceof Date) || Number.isNaN(input.endWeek.getTime())) throw new InputError('endWeek', 'consult.errors.week')
  const startWeek = weekStart(input.startWeek)
  const endWeek = weekStart(input.endWeek)
  if (endWeek < startWeek) throw new InputError('endWeek', 'consult.errors.endBeforeStart')
  if (endWeek < thisMonday()) throw new InputError('endWeek', 'consult.errors.endInPast')
  return { fte10: input.fte10, startWeek, endWeek }
}

/**
 * The hard rules for a loan central makes or changes by hand, refused with
 * the broken rule (`consult.broken.<rule>`); when kept, the engine's
 * explanation of the loan, as stored with a suggestion.
 */
async function checkedExplanation(tx: Tx, loan: LoanToCheck): Promise<Prisma.InputJsonValue> {
  const { rule, context, engineLoan } = await checkLoan(tx, loan)
  if (rule) throw new ConflictError(`consult.broken.${rule}`)
  const engine = explainCheckedLoan(context, engineLoan)
  return (engine ? toStoredExplanation(context, engine) : null) as unknown as Prisma.InputJsonValue
}

/** With the policy "Kräv medarbetarens svar före godkännande", an approval waits for the person's "Det fungerar". */
async function requireAnswerFirst(tx: Tx, loanId: string) {
  const policy = await getPolicy(tx)
  if (policy.requireStaffAnswer && !(await personAgreed(tx, loanId))) throw new ConflictError('consult.errors.awaitingAnswer')
}

export type BookingInput = { staffId: string; requestId: string; fte10: number; startWeek: Date; endWeek: Date; note?: string | null }

/**
 * Central books a named person to an open request by hand (for example
 * agreed by phone): the same hard rules as the engine's suggestions, refused
 * with the rule it would break; approved at once (it is central's decision),
 * explained and audited. A suggestion of the same person to the same request
 * is withdrawn, as the booking replaces it.
 */
export async function bookLoan(actor: Actor, input: BookingInput): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(input.note)
  const terms = checkTerms(input)
  refuseStartInPast(terms.startWeek)
  return prisma.$transaction(
    async (tx) => {
      await lockDecisions(tx)
      const [request, staff] = await Promise.all([
        tx.reinforcementRequest.findUnique({ where: { id: input.requestId }, select: { id: true, unitId: true, status: true } }),
        tx.staff.findUnique({ where: { id: input.staffId }, select: { id: true, unitId: true, active: true } }),
      ])
      if (!request) throw new InputError('requestId', 'consult.errors.noRequest')
      if (!staff || !staff.active) throw new InputError('staffId', 'consult.errors.noStaff')
      if (request.status !== 'OPEN') throw new ConflictError('loan.stale.requestClosed')
      const monday = thisMonday()
      const proposed = await tx.loan.findMany({ where: { staffId: staff.id, requestId: request.id, status: 'PROPOSED' }, select: changeSelect })
      for (const loan of proposed) await changeStatus(tx, { loan, event: 'withdraw', actor, details: { replacedByBooking: true } })
      const explanation = await checkedExplanation(tx, {
        staffId: staff.id,
        requestId: request.id,
        homeUnitId: staff.unitId,
        requestUnitId: request.unitId,
        ...terms,
      })
      const status = calendarStatus(terms, monday)
      if (!BOOKED_STATUSES.includes(status)) throw new ConflictError('loan.stale.periodPassed')
      const created = await tx.loan.create({
        data: {
          staffId: staff.id,
          requestId: request.id,
          ...terms,
          status,
          manual: true,
          decidedById: actor.id,
          decidedAt: new Date(),
          note: text,
          explanation,
        },
        select: { id: true },
      })
      await audit(tx, actor, { action: 'loan.book', entity: 'Loan', entityId: created.id, after: { status, ...termsJson(terms), hasNote: text !== null } })
      // A booking is a decision like an approval: the person and both managers are told.
      await notifyLoan(tx, created.id, 'loan.approved')
      await refreshRequestStatus(tx, request.id, monday)
      return readLoan(tx, created.id)
    },
    { timeout: 30_000, maxWait: 30_000 },
  )
}

/**
 * Central changes a decided loan: extends or shortens it, or changes its
 * extent. A loan under way keeps its first week and cannot end before this
 * week (end it early instead); a new extent for it applies from this week
 * (splitActiveLoan). Every hard rule is checked again, the loan not counting
 * against itself; the explanation is computed again.
 */
export async function changeLoan(actor: Actor, loanId: string, input: Partial<LoanTerms> & { note?: string | null }): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(input.note)
  return prisma.$transaction(
    async (tx) => {
      await lockDecisions(tx)
      const loan = await tx.loan.findUnique({
        where: { id: loanId },
        select: { ...changeSelect, note: true, manual: true, staff: { select: { unitId: true } }, request: { select: { unitId: true } } },
      })
      if (!loan) throw new NotFoundError()
      if (!LOAN_TRANSITIONS.change[loan.status]) throw new ConflictError(REFUSED.change)
      if (loan.status === 'ACTIVE' && input.startWeek && weekStart(input.startWeek).getTime() !== loan.startWeek.getTime())
        throw new InputError('startWeek', 'consult.errors.startWeekFixed')
      if (input.startWeek && weekStart(input.startWeek).getTime() !== loan.startWeek.getTime()) refuseStartInPast(weekStart(input.startWeek))
      const terms = checkTerms({ fte10: input.fte10 ?? loan.fte10, startWeek: input.startWeek ?? loan.startWeek, endWeek: input.endWeek ?? loan.endWeek })
      if (terms.fte10 === loan.fte10 && terms.startWeek.getTime() === loan.startWeek.getTime() && terms.endWeek.getTime() === loan.endWeek.getTime()) {
        throw new InputError(input.endWeek ? 'endWeek' : 'fte', 'consult.errors.nothingChanged')
      }
      const monday = thisMonday()
      if (loan.status === 'ACTIVE' && terms.fte10 !== loan.fte10 && loan.startWeek < monday) {
        return splitActiveLoan(tx, actor, { ...loan, homeUnitId: loan.staff.unitId, requestUnitId: loan.request.unitId }, terms, text ?? loan.note, monday)
      }
      const explanation = await checkedExplanation(tx, {
        loanId: loan.id,
        staffId: loan.staffId,
        requestId: loan.requestId,
        homeUnitId: loan.staff.unitId,
        requestUnitId: loan.request.unitId,
        ...terms,
      })
      await changeStatus(tx, {
        loan,
        event: 'change',
        actor,
        data: { ...terms, explanation, ...(text !== null ? { note: text } : {}) },
        details: { hasNote: text !== null, changedFrom: termsOf(loan), changedTo: termsJson(terms) },
      })
      return readLoan(tx, loanId)
    },
    { timeout: 30_000, maxWait: 30_000 },
  )
}

/**
 * A new extent for a loan under way applies from this week: the weeks worked
 * keep the extent they were worked at (follow-up and recovery read them), so
 * the loan is completed last week and a loan with the new terms continues it
 * from this week, checked and explained, told as a change.
 */
async function splitActiveLoan(
  tx: Tx,
  actor: Actor,
  loan: LoanTerms & { id: string; requestId: string; staffId: string; manual: boolean; homeUnitId: string; requestUnitId: string },
  terms: LoanTerms,
  text: string | null,
  monday: Date,
): Promise<LoanRow> {
  const lastWeekWorked = addWeeks(monday, -1)
  // The weeks worked complete as they were worked (through the table: ACTIVE → COMPLETED, ending last week).
  await changeStatus(tx, {
    loan: { ...loan, status: 'ACTIVE' },
    event: 'complete',
    actor,
    data: { endWeek: lastWeekWorked },
    details: { changedFrom: termsOf(loan), changedTo: termsJson({ ...loan, endWeek: lastWeekWorked }), continuedFromWeek: monday.toISOString() },
  })
  const next = { fte10: terms.fte10, startWeek: monday, endWeek: terms.endWeek }
  const explanation = await checkedExplanation(tx, { staffId: loan.staffId, requestId: loan.requestId, homeUnitId: loan.homeUnitId, requestUnitId: loan.requestUnitId, ...next })
  const created = await tx.loan.create({
    data: { staffId: loan.staffId, requestId: loan.requestId, ...next, status: 'ACTIVE', manual: loan.manual, decidedById: actor.id, decidedAt: new Date(), note: text, explanation },
    select: { id: true },
  })
  await audit(tx, actor, { action: 'loan.change', entity: 'Loan', entityId: created.id, after: { status: 'ACTIVE', hasNote: text !== null, continues: loan.id, ...termsJson(next) } })
  await refreshRequestStatus(tx, loan.requestId, monday)
  await notifyLoan(tx, created.id, 'loan.changed')
  return readLoan(tx, created.id)
}

/** A decision that needs no re-check: the status change and its note. */
async function decide(actor: Actor, loanId: string, event: 'reject' | 'cancel', note: string | null | undefined): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(note)
  return prisma.$transaction(async (tx) => {
    const loan = await findLoan(tx, loanId)
    await changeStatus(tx, { loan, event, actor, data: { note: text }, details: { hasNote: text !== null } })
    return readLoan(tx, loanId)
  })
}

/** Central rejects a suggestion. */
export const rejectLoan = (actor: Actor, loanId: string, note?: string | null) => decide(actor, loanId, 'reject', note)

/** Central withdraws an approved loan before it starts; its request opens again. A loan under way is ended early instead. */
export const cancelLoan = (actor: Actor, loanId: string, note?: string | null) => decide(actor, loanId, 'cancel', note)

/** Several decisions at once; each is its own transaction and reports its own outcome. */
export async function decideLoans(actor: Actor, loanIds: string[], decision: 'approve' | 'reject', note?: string | null) {
  assertRole(actor, 'CENTRAL')
  const outcomes: { loanId: string; ok: boolean; error?: string }[] = []
  for (const loanId of loanIds) {
    try {
      if (decision === 'approve') await approveLoan(actor, loanId, note)
      else await rejectLoan(actor, loanId, note)
      outcomes.push({ loanId, ok: true })
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError || error instanceof InputError)
        outcomes.push({ loanId, ok: false, error: error.message })
      else throw error
    }
  }
  return outcomes
}

/**
 * Central ends a loan under way. `lastWeek` (a Monday) is the last week
 * worked: from its first week to this week, and before its planned end. The
 * weeks worked stay lent (follow-up, recovery); the rest are freed and the
 * request opens again.
 */
export async function endLoanEarly(actor: Actor, loanId: string, input: { lastWeek: Date; note?: string | null }): Promise<LoanRow> {
  assertRole(actor, 'CENTRAL')
  const text = checkNote(input.note)
  const lastWeek = weekStart(input.lastWeek)
  return prisma.$transaction(async (tx) => {
    const loan = await findLoan(tx, loanId)
    if (loan.status === 'ACTIVE') {
      if (lastWeek < loan.startWeek) throw new InputError('lastWeek', 'validation.lastWeekBeforeStart')
      if (lastWeek > thisMonday()) throw new InputError('lastWeek', 'validation.lastWeekInFuture')
      if (lastWeek >= loan.endWeek) throw new InputError('lastWeek', 'validation.lastWeekNotEarly')
    }
    await changeStatus(tx, {
      loan,
      event: 'endEarly',
      actor,
      data: { note: text, endWeek: lastWeek, plannedEndWeek: loan.endWeek },
      details: { hasNote: text !== null, lastWeek: lastWeek.toISOString(), plannedEndWeek: loan.endWeek.toISOString() },
    })
    return readLoan(tx, loanId)
  })
}

/**
 * A request is withdrawn: its decided loans go with it, inside the caller's
 * transaction. One not yet started is cancelled; one under way ends this week
 * (its weeks worked stay lent). Its suggestions are deleted by the caller.
 */
export async function withdrawRequestLoans(tx: Tx, actor: Actor, requestId: string, note: string) {
  const loans = await tx.loan.findMany({ where: { requestId, status: { in: ['APPROVED', 'ACTIVE'] } }, select: changeSelect })
  const monday = thisMonday()
  for (const loan of loans) {
    if (loan.status === 'APPROVED') {
      await changeStatus(tx, { loan, event: 'cancel', actor, data: { note } })
    } else {
      const lastWeek = loan.endWeek < monday ? loan.endWeek : monday
      await changeStatus(tx, {
        loan,
        event: 'endEarly',
        actor,
        data: { note, endWeek: lastWeek, plannedEndWeek: loan.endWeek },
        details: { lastWeek: lastWeek.toISOString() },
      })
    }
  }
}

/** A person's open suggestions are withdrawn (their data erased), inside the caller's transaction. */
export async function withdrawProposalsOf(tx: Tx, staffId: string) {
  const { count } = await tx.loan.updateMany({ where: { staffId, status: 'PROPOSED' }, data: { status: FIXED_TARGET.withdraw } })
  return count
}

/**
 * The daily task: approved loans start in their first week and finish after
 * their last; requests whose period is over close. Idempotent (it moves only
 * what is due), so a repeated run changes nothing.
 */
export async function advanceLoanStatuses(now: Date = today()) {
  const monday = weekStart(now)
  return prisma.$transaction(async (tx) => {
    const due = await tx.loan.findMany({
      where: {
        OR: [
          { status: 'APPROVED', startWeek: { lte: monday } },
          { status: 'ACTIVE', endWeek: { lt: monday } },
        ],
      },
      select: { id: true, status: true, startWeek: true, endWeek: true },
    })
    const moves = { start: [] as string[], complete: [] as string[] }
    for (const loan of due) {
      const to = calendarStatus(loan, monday)
      const event = to === 'ACTIVE' ? 'start' : 'complete'
      nextStatus(loan.status, event, loan, monday)
      moves[event].push(loan.id)
    }
    if (moves.start.length) await tx.loan.updateMany({ where: { id: { in: moves.start }, status: 'APPROVED' }, data: { status: 'ACTIVE' } })
    if (moves.complete.length)
      await tx.loan.updateMany({ where: { id: { in: moves.complete }, status: { in: ['APPROVED', 'ACTIVE'] } }, data: { status: 'COMPLETED' } })
    const closing = await tx.reinforcementRequest.findMany({ where: { status: { in: ['OPEN', 'FILLED'] }, endWeek: { lt: monday } }, select: { id: true } })
    const closed = closing.map((r) => r.id)
    if (closed.length)
      await tx.reinforcementRequest.updateMany({ where: { id: { in: closed }, status: { in: ['OPEN', 'FILLED'] } }, data: { status: 'CLOSED' } })
    if (moves.start.length || moves.complete.length || closed.length) {
      await audit(tx, null, { action: 'loan.lifecycle', entity: 'Loan', after: { activated: moves.start, completed: moves.complete, closedRequests: closed } })
    }
    return { activated: moves.start.length, completed: moves.complete.length, closed: closed.length }
  })
}
