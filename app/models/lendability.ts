// Who can be lent, in one place: the matching instance, the API's staff
// directory (its `lendable` and `notLendable`) and the directory's SQL filter
// all use the rule below (lendability.server.test.ts compares them on the
// demo data, the SQL twin included).
import { Prisma } from '@prisma/client'
import { addWeeks, weeksBetween } from '~/utils/weeks'
import { introductionCutoff, isNewcomer } from './load'

/**
 * Why a person is not offered for loans now: they have left, have not
 * consented, are in their introduction period, or the recovery rule keeps
 * them from being lent this week.
 */
export type NotLendableReason = 'inactive' | 'consent' | 'newcomer' | 'recovery'

/** The policy figures the rule reads (see settings.server.ts). */
export type LendabilityPolicy = { introductionMonths: number; recoveryMaxWeeks: number; recoveryWindowWeeks: number }

/** The recovery rule as the engine enforces it (SPEC version 2, rule 6): its window is at most 52 weeks. */
export function recoveryRule(policy: LendabilityPolicy) {
  const windowWeeks = Math.max(1, Math.min(52, policy.recoveryWindowWeeks))
  return { windowWeeks, maxLentWeeks: Math.max(1, Math.min(windowWeeks, policy.recoveryMaxWeeks)) }
}

/**
 * The weeks before `monday` each person was lent, as the engine reads them
 * (−1 is last week), going back as far as a recovery window reaching this
 * week can see. `loans` are decided loans (COMMITTED_STATUSES, an ended loan's
 * `endWeek` being its last week worked).
 */
export function pastLentWeeksByStaff(loans: readonly { staffId: string; startWeek: Date; endWeek: Date }[], monday: Date, policy: LendabilityPolicy) {
  const back = recoveryRule(policy).windowWeeks - 1
  const from = addWeeks(monday, -back)
  const past = new Map<string, Set<number>>()
  for (const loan of loans) {
    for (let w = loan.startWeek < from ? from : loan.startWeek; w <= loan.endWeek && w < monday; w = addWeeks(w, 1)) {
      const weeks = past.get(loan.staffId) ?? new Set<number>()
      weeks.add(weeksBetween(monday, w))
      past.set(loan.staffId, weeks)
    }
  }
  return new Map([...past].map(([id, weeks]) => [id, [...weeks].sort((a, b) => a - b)]))
}

/** The recovery rule keeps the person from being lent this week: the window ending now is full from past weeks alone. */
export function atRecoveryLimit(pastLentWeeks: readonly number[], policy: LendabilityPolicy) {
  const { windowWeeks, maxLentWeeks } = recoveryRule(policy)
  return pastLentWeeks.filter((w) => w >= -(windowWeeks - 1)).length >= maxLentWeeks
}

/** Every reason the person is not offered for loans now (none: lendable). */
export function notLendableReasons(person: { active: boolean; lendingConsent: boolean; hireDate: Date }, pastLentWeeks: readonly number[], now: Date, policy: LendabilityPolicy) {
  const reasons: NotLendableReason[] = []
  if (!person.active) reasons.push('inactive')
  if (!person.lendingConsent) reasons.push('consent')
  if (isNewcomer(person.hireDate, now, policy.introductionMonths)) reasons.push('newcomer')
  if (atRecoveryLimit(pastLentWeeks, policy)) reasons.push('recovery')
  return reasons
}

/**
 * The reasons the matching applies by leaving the person out of every loan.
 * Recovery is not one of them: the engine applies it week by week from
 * `pastLentWeeks` and the commitments, so a person at the limit now can still
 * be proposed for later weeks.
 */
export const excludesFromMatching = (reason: NotLendableReason) => reason !== 'recovery'

/**
 * The same rule as SQL on the staff table (alias s), for the directory's
 * filter; `atLimit` is the people `atRecoveryLimit` finds (computed from
 * their loans, as above).
 */
export function lendableSql(now: Date, policy: LendabilityPolicy, atLimit: ReadonlySet<string>) {
  const rested = atLimit.size ? Prisma.sql` AND s."id" NOT IN (${Prisma.join([...atLimit])})` : Prisma.empty
  return Prisma.sql`(s."active" = ${true} AND s."lendingConsent" = ${true} AND s."hireDate" <= ${introductionCutoff(now, policy.introductionMonths)}${rested})`
}

/** A held skill counts for matching now when the skill is in use and its evidence has not expired (matching and "requests that fit me" alike). */
export function skillCountsNow(held: { validUntil: Date | null; skill: { active: boolean } }, now: Date) {
  return held.skill.active && (!held.validUntil || held.validUntil >= now)
}
