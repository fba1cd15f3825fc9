// Derived quantities of SPEC.md ("Derived quantities") for a normalized
// instance, in flat typed arrays indexed [unit * H + week] or [staff * H + week].
import type { Normalized } from './validate'

const EPS = 1e-9

export type Model = {
  readonly inst: Normalized
  readonly H: number
  /** Own staff at work, FTE. */
  readonly F: Float64Array
  /** Work waiting, FTE at the reasonable caseload. */
  readonly D: Float64Array
  /** max(F, 1): the score's divisor. */
  readonly W: Float64Array
  /** D − E before any new loan (commitments included), FTE. */
  readonly gap: Float64Array
  /** Tenths each person can lend at most. */
  readonly spare10: Int32Array
  /** Tenths each unit can lend per week. */
  readonly lendable10: Int32Array
  /** Already committed (fixed) tenths. */
  readonly committedStaff10: Int32Array
  readonly committedCount: Int32Array
  readonly committedLent10: Int32Array
  readonly committedRequest10: Int32Array
  /** Whether person s is at work in week t. */
  readonly present: Uint8Array
}

/** `floor(staffMaxLoad·fte10 − 10·caseload/casesPerFte + 1e-9)`, at least 0. */
export function spareTenths(fte10: number, caseload: number, casesPerFte: number, staffMaxLoad: number) {
  return Math.max(0, Math.floor(staffMaxLoad * fte10 - (10 * caseload) / casesPerFte + EPS))
}

/** `floor(10·(F − D/donorMaxLoad) + 1e-9)`, at least 0. */
export function lendableTenths(F: number, D: number, donorMaxLoad: number) {
  return Math.max(0, Math.floor(10 * (F - D / donorMaxLoad) + EPS))
}

/** The overload term of one unit-week: max(0, D − E)² / max(F, 1). */
export function overloadTerm(D: number, E: number, F: number) {
  const over = D - E
  return over > 0 ? (over * over) / Math.max(F, 1) : 0
}

export function buildModel(inst: Normalized): Model {
  const { H } = inst
  const U = inst.units.length
  const S = inst.staff.length
  const F = new Float64Array(U * H)
  const D = new Float64Array(U * H)
  const W = new Float64Array(U * H)
  const gap = new Float64Array(U * H)
  const present = new Uint8Array(S * H)
  const spare10 = new Int32Array(S)
  const lendable10 = new Int32Array(U * H)
  const committedStaff10 = new Int32Array(S * H)
  const committedCount = new Int32Array(S * H)
  const committedLent10 = new Int32Array(U * H)
  const committedReceived10 = new Int32Array(U * H)
  const committedRequest10 = new Int32Array(inst.requests.length)

  inst.staff.forEach((s, i) => {
    const unit = inst.units[s.unit]
    spare10[i] = spareTenths(s.fte10, s.caseload, unit.casesPerFte, inst.policy.staffMaxLoad)
    for (let t = 0; t < H; t++) {
      const here = s.unavailable.has(t) ? 0 : 1
      present[i * H + t] = here
      F[s.unit * H + t] += (s.fte10 * here) / 10
    }
  })
  inst.units.forEach((u, k) => {
    for (let t = 0; t < H; t++) {
      const j = k * H + t
      D[j] = u.openCases[t] / u.casesPerFte
      W[j] = Math.max(F[j], 1)
      lendable10[j] = lendableTenths(F[j], D[j], inst.policy.donorMaxLoad)
    }
  })
  for (const c of inst.commitments) {
    const home = inst.staff[c.staff].unit
    for (let t = c.start; t <= c.end; t++) {
      committedStaff10[c.staff * H + t] += c.fte10
      committedCount[c.staff * H + t] += 1
      committedLent10[home * H + t] += c.fte10
      committedReceived10[c.toUnit * H + t] += c.fte10
    }
    if (c.request >= 0) committedRequest10[c.request] += c.fte10
  }
  for (let j = 0; j < U * H; j++) {
    gap[j] = D[j] - (F[j] - committedLent10[j] / 10 + committedReceived10[j] / 10)
  }
  return { inst, H, F, D, W, gap, spare10, lendable10, committedStaff10, committedCount, committedLent10, committedRequest10, present }
}

/** The score with no new loans (commitments only). */
export function baselineScore(model: Model) {
  let total = 0
  for (let j = 0; j < model.gap.length; j++) {
    const over = model.gap[j]
    if (over > 0) total += (over * over) / model.W[j]
  }
  return total
}

/** Does the person hold every required skill at the required level? */
export function hasSkills(skills: Map<string, number>, required: readonly { skill: string; minLevel: number }[]) {
  return required.every((k) => (skills.get(k.skill) ?? 0) >= k.minLevel)
}

/** Present in every week of [start, end]? */
export function presentThroughout(model: Model, staff: number, start: number, end: number) {
  for (let t = start; t <= end; t++) if (!model.present[staff * model.H + t]) return false
  return true
}

/**
 * Hard rule 1 (eligibility): lendable, from another unit, every skill at the
 * level, present in every week of the request.
 */
export function isEligible(model: Model, staff: number, request: number) {
  const s = model.inst.staff[staff]
  const r = model.inst.requests[request]
  return s.lendable && s.unit !== r.unit && hasSkills(s.skills, r.skills) && presentThroughout(model, staff, r.start, r.end)
}

/**
 * Pairs worth considering: eligible, and with room for at least the minimum
 * chunk after commitments (person, lending unit, request).
 */
export function eligiblePairs(model: Model) {
  const { inst, H } = model
  const K = inst.policy.maxConcurrentLoans
  const bySkill = new Map<string, number[]>()
  inst.staff.forEach((s, i) => {
    if (!s.lendable || model.spare10[i] <= 0) return
    for (const key of s.skills.keys()) {
      const list = bySkill.get(key)
      if (list) list.push(i)
      else bySkill.set(key, [i])
    }
  })
  // A person already committed to a request gets no second loan for it.
  const committedPairs = new Set(inst.commitments.filter((c) => c.request >= 0).map((c) => c.request * inst.staff.length + c.staff))
  const allLendable = inst.staff.flatMap((s, i) => (s.lendable && model.spare10[i] > 0 ? [i] : []))
  const pairStaff: number[] = []
  const pairRequest: number[] = []
  const pairUpper: number[] = []
  inst.requests.forEach((r, ri) => {
    const roomInRequest = r.fte10 - model.committedRequest10[ri]
    if (roomInRequest < r.minChunk10) return
    // Start from the rarest required skill.
    let candidates = allLendable
    for (const k of r.skills) {
      const list = bySkill.get(k.skill) ?? []
      if (list.length < candidates.length) candidates = list
    }
    for (const si of candidates) {
      if (!isEligible(model, si, ri) || committedPairs.has(ri * inst.staff.length + si)) continue
      const home = inst.staff[si].unit
      let upper = Math.min(model.spare10[si], roomInRequest)
      for (let t = r.start; t <= r.end && upper >= r.minChunk10; t++) {
        if (model.committedCount[si * H + t] >= K) upper = 0
        upper = Math.min(upper, model.spare10[si] - model.committedStaff10[si * H + t], model.lendable10[home * H + t] - model.committedLent10[home * H + t])
      }
      if (upper < r.minChunk10) continue
      pairStaff.push(si)
      pairRequest.push(ri)
      pairUpper.push(upper)
    }
  })
  return { staff: Int32Array.from(pairStaff), request: Int32Array.from(pairRequest), upper: Int32Array.from(pairUpper) }
}
