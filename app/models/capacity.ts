// Experience-adjusted capacity: a newcomer carries a share of a full load,
// by month of employment (Göteborg's workload measurement). The policy keeps
// the shares as per cent for months 1, 2, …; every later month counts 100 %.
import { introductionCutoff } from './load'

export const DEFAULT_CAPACITY_SHARES = '50,50,50,75,75,75'
/** Months the policy can describe; later months always count in full. */
export const MAX_CAPACITY_MONTHS = 12

/** "50,50,75" → [0.5, 0.5, 0.75]. The stored text was checked when saved. */
export function parseCapacityShares(stored: string): number[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Math.min(100, Math.max(1, Number(s))) / 100)
}

export function formatCapacityShares(shares: readonly number[]): string {
  return shares.map((s) => String(Math.round(s * 100))).join(',')
}

/**
 * The month of employment (1 = the first month after the hire date), counted
 * like the introduction period: month m has begun when the hire date is on or
 * before the same day m−1 months back. Null once past `months`.
 */
export function monthOfEmployment(hireDate: Date, today: Date, months = MAX_CAPACITY_MONTHS): number | null {
  for (let m = 1; m <= months; m++) if (hireDate > introductionCutoff(today, m)) return m
  return null
}

/** The share of a full load the person carries today (1 after the described months). */
export function capacityShare(hireDate: Date, today: Date, shares: readonly number[]): number {
  if (shares.length === 0) return 1
  const month = monthOfEmployment(hireDate, today, shares.length)
  return month === null ? 1 : shares[month - 1]
}

/** Hired after this date means a share below full may apply today. */
export function capacityCutoff(today: Date, shares: readonly number[]) {
  return introductionCutoff(today, shares.length)
}

/**
 * The unit's staff at work (F in the SPEC), in FTE, each person counted at
 * their share of a full load; away staff count nothing.
 */
export function capacityFte(
  staff: readonly { id: string; fte10: number; hireDate: Date }[],
  away: ReadonlySet<string>,
  today: Date,
  shares: readonly number[],
): number {
  let total = 0
  for (const s of staff) if (!away.has(s.id)) total += (s.fte10 / 10) * capacityShare(s.hireDate, today, shares)
  return total
}

/**
 * Working time as the engine's F counts it: tenths at the person's share,
 * to the nearest tenth (the SPEC's unit), at least one. A share below full
 * applies only to newcomers, who are in their introduction and not lent.
 */
export function capacityFte10(fte10: number, share: number) {
  return share >= 1 ? fte10 : Math.max(1, Math.round(fte10 * share))
}
