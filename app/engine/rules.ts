// The hard constraints of SPEC.md (versions 1 and 2), one function each, and
// a checker that applies them all to a set of loans (commitments included).
import { buildModel, hasSkills, overloadTerm, presentThroughout, type Model } from './model'
import type { Instance, InstanceError, Loan, Violation } from './types'
import { validateInstance, type Normalized } from './validate'

/** A loan with its person and request resolved to indexes, and its weeks (version 1: the request's). */
export type Resolved = { staff: number; request: number; fte10: number; start: number; end: number; loan: Loan }

/** Rule 1: the person may be lent to this request at all. */
export function checkEligibility(model: Model, l: Resolved): Violation | null {
  const s = model.inst.staff[l.staff]
  const r = model.inst.requests[l.request]
  const ids = { staffId: s.id, requestId: r.id }
  if (!s.lendable) return { rule: 'eligibility', ...ids, message: 'the person is not lendable' }
  if (s.unit === r.unit) return { rule: 'eligibility', ...ids, message: 'the person belongs to the requesting unit' }
  if (!hasSkills(s.skills, r.skills)) return { rule: 'eligibility', ...ids, message: 'the person lacks a required skill at the required level' }
  if (l.start >= 0 && l.end < model.H && l.start <= l.end && !presentThroughout(model, l.staff, l.start, l.end)) {
    return { rule: 'eligibility', ...ids, message: model.inst.version === 1 ? 'the person is away in a week of the request' : 'the person is away in a week of the loan' }
  }
  return null
}

/** Version 2, rule 2: whole weeks inside the request's period, at least minWeeks of them. */
export function checkPeriod(model: Model, l: Resolved): Violation | null {
  const r = model.inst.requests[l.request]
  const ids = { staffId: l.loan.staffId, requestId: l.loan.requestId }
  if (!Number.isInteger(l.start) || !Number.isInteger(l.end)) return { rule: 'period', ...ids, message: 'startWeek and endWeek must be whole weeks' }
  if (l.start > l.end) return { rule: 'period', ...ids, message: `startWeek ${l.start} is after endWeek ${l.end}` }
  if (l.start < r.start || l.end > r.end) return { rule: 'period', ...ids, message: `weeks ${l.start}..${l.end} are not inside the request's ${r.start}..${r.end}` }
  if (l.end - l.start + 1 < r.minWeeks) return { rule: 'period', ...ids, message: `${l.end - l.start + 1} weeks is shorter than the request's minWeeks ${r.minWeeks}` }
  return null
}

/** Rule 2: a whole number of tenths, at least the minimum chunk, at most the person's spare. */
export function checkSize(model: Model, l: Resolved): Violation | null {
  const r = model.inst.requests[l.request]
  const ids = { staffId: l.loan.staffId, requestId: l.loan.requestId }
  if (!Number.isInteger(l.fte10)) return { rule: 'size', ...ids, message: 'fte10 must be a whole number of tenths' }
  if (l.fte10 < r.minChunk10) return { rule: 'size', ...ids, message: `fte10 ${l.fte10} is below the minimum chunk ${r.minChunk10}` }
  if (l.fte10 > model.spare10[l.staff]) return { rule: 'size', ...ids, message: `fte10 ${l.fte10} exceeds the person's spare ${model.spare10[l.staff]}` }
  return null
}

/** Rule 3: per week, a person's loans stay within their spare and the concurrency limit. */
export function checkStaffWeeks(model: Model, loans: Resolved[]): Violation[] {
  const { H, inst } = model
  const used = Int32Array.from(model.committedStaff10)
  const count = Int32Array.from(model.committedCount)
  for (const l of loans) {
    for (let t = l.start; t <= l.end; t++) {
      used[l.staff * H + t] += l.fte10
      count[l.staff * H + t] += 1
    }
  }
  const out: Violation[] = []
  const seen = new Set<string>()
  for (const l of loans) {
    for (let t = l.start; t <= l.end; t++) {
      const key = `${l.staff}:${t}`
      if (seen.has(key)) continue
      seen.add(key)
      const staffId = inst.staff[l.staff].id
      if (used[l.staff * H + t] > model.spare10[l.staff]) {
        out.push({ rule: 'staffCap', staffId, week: t, message: `week ${t}: ${used[l.staff * H + t]} tenths lent exceeds the person's spare ${model.spare10[l.staff]}` })
      }
      if (count[l.staff * H + t] > inst.policy.maxConcurrentLoans) {
        out.push({ rule: 'concurrency', staffId, week: t, message: `week ${t}: ${count[l.staff * H + t]} loans at once exceeds ${inst.policy.maxConcurrentLoans}` })
      }
    }
  }
  return out
}

/** Rule 4: in every week, the loans into a request (commitments naming it included) add up to at most its size. */
export function checkRequestSizes(model: Model, loans: Resolved[]): Violation[] {
  const { H, inst } = model
  const total = Int32Array.from(model.committedRequest10)
  const touched = new Set<number>()
  for (const l of loans) {
    for (let t = l.start; t <= l.end; t++) {
      total[l.request * H + t] += l.fte10
      touched.add(l.request * H + t)
    }
  }
  const out: Violation[] = []
  const reported = new Set<number>()
  for (const j of [...touched].sort((a, b) => a - b)) {
    const i = Math.floor(j / H)
    const r = inst.requests[i]
    if (total[j] <= r.fte10 || reported.has(i)) continue
    reported.add(i)
    out.push(
      inst.version === 1
        ? { rule: 'requestSize', requestId: r.id, message: `${total[j]} tenths into a request of ${r.fte10}` }
        : { rule: 'requestSize', requestId: r.id, week: j % H, message: `week ${j % H}: ${total[j]} tenths into a request of ${r.fte10}` },
    )
  }
  return out
}

/** Rule 5: per week, a unit lends at most what keeps its load within donorMaxLoad. */
export function checkDonors(model: Model, loans: Resolved[]): Violation[] {
  const { H, inst } = model
  const lent = Int32Array.from(model.committedLent10)
  const touched = new Set<number>()
  for (const l of loans) {
    const home = inst.staff[l.staff].unit
    for (let t = l.start; t <= l.end; t++) {
      lent[home * H + t] += l.fte10
      touched.add(home * H + t)
    }
  }
  const out: Violation[] = []
  for (const j of [...touched].sort((a, b) => a - b)) {
    if (lent[j] > model.lendable10[j]) {
      const unit = inst.units[Math.floor(j / H)]
      out.push({ rule: 'donor', unitId: unit.id, week: j % H, message: `week ${j % H}: unit lends ${lent[j]} tenths, its limit is ${model.lendable10[j]}` })
    }
  }
  return out
}

/**
 * Rule 6 (version 2, with a recovery rule): in every window of W weeks that
 * touches the horizon, the weeks the person is lent (past weeks, commitments
 * and these loans) are at most max(M, what past weeks and commitments alone
 * make).
 */
export function checkRecovery(model: Model, loans: Resolved[]): Violation[] {
  const rec = model.recovery
  if (!rec) return []
  const { H, inst } = model
  const weeks = new Map<number, Set<number>>()
  for (const l of loans) {
    const set = weeks.get(l.staff) ?? new Set<number>()
    for (let t = l.start; t <= l.end; t++) if (model.committedCount[l.staff * H + t] === 0) set.add(t)
    weeks.set(l.staff, set)
  }
  const out: Violation[] = []
  for (const [s, set] of [...weeks].sort((a, b) => a[0] - b[0])) {
    const row = s * rec.NW
    for (let i = 0; i < rec.NW; i++) {
      let added = 0
      for (const t of set) if (t >= i - rec.W + 1 && t <= i) added++
      if (added > 0 && rec.baseCount[row + i] + added > rec.cap[row + i]) {
        const from = i - rec.W + 1
        out.push({
          rule: 'recovery',
          staffId: inst.staff[s].id,
          week: Math.max(0, from),
          message: `weeks ${from}..${i}: lent ${rec.baseCount[row + i] + added} weeks, more than ${rec.cap[row + i]} (at most ${rec.M} in ${rec.W})`,
        })
        break
      }
    }
  }
  return out
}

/** Resolves ids; unknown ids and repeated (or committed) pairs become violations. */
export function resolveLoans(inst: Normalized, loans: readonly Loan[]) {
  const resolved: Resolved[] = []
  const violations: Violation[] = []
  const pairs = new Set<string>()
  for (const c of inst.commitments) if (c.request >= 0) pairs.add(`${c.staff}:${c.request}`)
  for (const loan of loans) {
    const staff = inst.staffIndex.get(loan.staffId)
    const request = inst.requestIndex.get(loan.requestId)
    if (staff === undefined || request === undefined) {
      violations.push({ rule: 'reference', staffId: loan.staffId, requestId: loan.requestId, message: 'unknown staff member or request' })
      continue
    }
    const key = `${staff}:${request}`
    if (pairs.has(key)) {
      violations.push({ rule: 'duplicate', staffId: loan.staffId, requestId: loan.requestId, message: 'more than one loan (or commitment) for the same person and request' })
      continue
    }
    pairs.add(key)
    // Version 1 loans cover their request's whole period; version 2's default to it.
    const r = inst.requests[request]
    const v2 = inst.version === 2
    resolved.push({ staff, request, fte10: loan.fte10, start: v2 ? (loan.startWeek ?? r.start) : r.start, end: v2 ? (loan.endWeek ?? r.end) : r.end, loan })
  }
  return { resolved, violations }
}

/** Every hard-constraint violation of these loans on this instance (empty when valid). */
export function checkLoansOnModel(model: Model, loans: readonly Loan[]): Violation[] {
  const { resolved: all, violations } = resolveLoans(model.inst, loans)
  // A loan whose weeks are not a period of its request is reported and left out of the weekly sums.
  const resolved: Resolved[] = []
  for (const l of all) {
    const period = model.inst.version === 2 ? checkPeriod(model, l) : null
    const v = period ?? checkEligibility(model, l) ?? checkSize(model, l)
    if (v) violations.push(v)
    if (!period) resolved.push(l)
  }
  return [...violations, ...checkStaffWeeks(model, resolved), ...checkRequestSizes(model, resolved), ...checkDonors(model, resolved), ...checkRecovery(model, resolved)]
}

/** The score of these loans (SPEC "Objective"), commitments included. */
export function scoreOnModel(model: Model, loans: readonly Loan[]) {
  const { H, inst } = model
  const help = new Float64Array(model.gap.length)
  for (const loan of loans) {
    const staff = inst.staffIndex.get(loan.staffId)
    const request = inst.requestIndex.get(loan.requestId)
    if (staff === undefined || request === undefined) continue
    const r = inst.requests[request]
    const home = inst.staff[staff].unit
    const v2 = inst.version === 2
    const start = Math.max(0, v2 ? (loan.startWeek ?? r.start) : r.start)
    const end = Math.min(H - 1, v2 ? (loan.endWeek ?? r.end) : r.end)
    for (let t = start; t <= end; t++) {
      help[r.unit * H + t] += loan.fte10 / 10
      help[home * H + t] -= loan.fte10 / 10
    }
  }
  let total = 0
  for (let j = 0; j < help.length; j++) total += overloadTerm(model.gap[j], help[j], model.W[j])
  return total
}

/**
 * Prepares an instance once for many checks (validation and derived figures
 * are the expensive part); `error` is set, and nothing else, when the
 * instance is invalid.
 */
export function createLoanChecker(instance: Instance | unknown):
  | { readonly ok: true; check(loans: readonly Loan[]): Violation[]; score(loans: readonly Loan[]): number }
  | { readonly ok: false; readonly error: InstanceError } {
  const checked = validateInstance(instance)
  if (!checked.ok) return { ok: false, error: checked.error }
  const model = buildModel(checked.instance)
  return { ok: true, check: (loans) => checkLoansOnModel(model, loans), score: (loans) => scoreOnModel(model, loans) }
}

/**
 * Every hard-rule violation of these loans on this instance, commitments
 * included (empty when the loans may all be made). An invalid instance gives
 * one violation with rule "instance" naming the field.
 */
export function checkLoans(instance: Instance | unknown, loans: readonly Loan[]): Violation[] {
  const checker = createLoanChecker(instance)
  if (!checker.ok) return [{ rule: 'instance', message: `${checker.error.path}: ${checker.error.message}` }]
  return checker.check(loans)
}

/**
 * The score of these loans (SPEC "Objective") with the commitments; loans
 * naming unknown people or requests are left out. NaN for an invalid instance.
 */
export function scoreLoans(instance: Instance | unknown, loans: readonly Loan[]) {
  const checker = createLoanChecker(instance)
  return checker.ok ? checker.score(loans) : Number.NaN
}
