// Workload arithmetic shared by the pages, the API and the engine adapter.
// Load 1.0 means the unit (or person) carries exactly its reasonable caseload.
import { addWeeks } from '~/utils/weeks'

/** A unit's own reasonable caseload, or its area's when it has none. */
export function reasonableCaseload(unitCasesPerFte: number | null | undefined, areaCasesPerFte: number) {
  return unitCasesPerFte ?? areaCasesPerFte
}

/**
 * Open-case points per full-time post at work, against the reasonable
 * caseload (points per post). `staffFte` counts newcomers at their share.
 */
export function unitLoad(points: number, casesPerFte: number, staffFte: number): number | null {
  if (staffFte <= 0) return points > 0 ? null : 0
  return points / casesPerFte / staffFte
}

/** A person's own points against what their working time, at their share of a full load, can reasonably carry. */
export function personalLoad(points: number, fte10: number, casesPerFte: number, share = 1): number | null {
  if (fte10 <= 0 || share <= 0) return null
  return points / (casesPerFte * (fte10 / 10) * share)
}

/** Cases above the reasonable level, in full-time posts (0 when within it). */
export function overloadFte(openCases: number, casesPerFte: number, staffFte: number) {
  return Math.max(0, openCases / casesPerFte - staffFte)
}

/**
 * Staff hired after this date are still in their introduction period today:
 * the same day of the month, `introductionMonths` back (that month's last day
 * when it is shorter). One date, so SQL filters and pages agree.
 */
export function introductionCutoff(today: Date, introductionMonths: number) {
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - introductionMonths, 1))
  const lastDay = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), Math.min(today.getUTCDate(), lastDay)))
}

/** Still in the introduction period after hire, so never lent. */
export function isNewcomer(hireDate: Date, today: Date, introductionMonths: number) {
  return hireDate > introductionCutoff(today, introductionMonths)
}

/** A personal caseload not updated for this many days is marked as old. */
export const CASELOAD_OLD_AFTER_DAYS = 30

export function isCaseloadOld(updatedAt: Date | null, now: Date) {
  return updatedAt === null || now.getTime() - updatedAt.getTime() > CASELOAD_OLD_AFTER_DAYS * 86_400_000
}

/** Workdays absent in a week at or above which a person counts as away that week. */
export const ABSENT_WORKDAYS_PER_WEEK = 3

/**
 * The Monday of every week each person was lent within the recovery window,
 * up to this week: more of them than the policy allows means recovery.
 */
export function weeksLentByStaff(loans: readonly { staffId: string; startWeek: Date; endWeek: Date }[], windowStart: Date, thisMonday: Date) {
  const lent = new Map<string, Set<number>>()
  for (const loan of loans) {
    const weeks = lent.get(loan.staffId) ?? new Set<number>()
    for (let w = loan.startWeek < windowStart ? windowStart : loan.startWeek; w <= loan.endWeek && w <= thisMonday; w = addWeeks(w, 1)) weeks.add(w.getTime())
    lent.set(loan.staffId, weeks)
  }
  return lent
}
