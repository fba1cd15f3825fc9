// Derived quantities of SPEC.md ("Derived quantities") for a normalized
// instance, in flat typed arrays indexed [unit * H + week], [staff * H + week]
// or [request * H + week].
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
  /** Already committed (fixed) tenths: per person-week, loans per person-week, per unit-week lent, per request-week. */
  readonly committedStaff10: Int32Array
  readonly committedCount: Int32Array
  readonly committedLent10: Int32Array
  readonly committedRequest10: Int32Array
  /** Whether person s is at work in week t. */
  readonly present: Uint8Array
  /** Weeks away before week t: absentBefore[s * (H + 1) + t]. */
  readonly absentBefore: Int32Array
  /** Rule 6, or null without a recovery rule. */
  readonly recovery: RecoveryModel | null
}

/**
 * Rule 6 (SPEC version 2) before any new loan. Windows are indexed
 * i = k + W − 1 for the window starting at week k = −(W−1) .. H−1, so window
 * i covers weeks i−W+1 .. i; NW = H + W − 1 of them per person.
 */
export type RecoveryModel = {
  readonly W: number
  readonly M: number
  readonly NW: number
  /** Lent weeks per person-window from past lending and commitments alone. */
  readonly baseCount: Int32Array
  /** max(M, baseCount): what new loans may fill each window up to. */
  readonly cap: Int32Array
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

function recoveryModel(inst: Normalized, committedCount: Int32Array): RecoveryModel | null {
  if (!inst.recovery) return null
  const { H } = inst
  const { windowWeeks: W, maxLentWeeks: M } = inst.recovery
  const NW = H + W - 1
  const S = inst.staff.length
  const baseCount = new Int32Array(S * NW)
  const cap = new Int32Array(S * NW)
  const line = new Uint8Array(W - 1 + H)
  for (let s = 0; s < S; s++) {
    line.fill(0)
    // line[t + W − 1] = 1 when the person is lent in week t (t ≥ −(W−1)).
    for (const w of inst.staff[s].pastLent) if (w >= -(W - 1)) line[w + W - 1] = 1
    for (let t = 0; t < H; t++) if (committedCount[s * H + t] > 0) line[t + W - 1] = 1
    let count = 0
    for (let i = 0; i < NW; i++) {
      // Window i covers line indexes i .. i + W − 1 (weeks i−W+1 .. i), cut at the horizon.
      if (i === 0) for (let k = 0; k < Math.min(W, line.length); k++) count += line[k]
      else {
        count -= line[i - 1]
        if (i + W - 1 < line.length) count += line[i + W - 1]
      }
      baseCount[s * NW + i] = count
      cap[s * NW + i] = Math.max(M, count)
    }
  }
  return { W, M, NW, baseCount, cap }
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
  const absentBefore = new Int32Array(S * (H + 1))
  const spare10 = new Int32Array(S)
  const lendable10 = new Int32Array(U * H)
  const committedStaff10 = new Int32Array(S * H)
  const committedCount = new Int32Array(S * H)
  const committedLent10 = new Int32Array(U * H)
  const committedReceived10 = new Int32Array(U * H)
  const committedRequest10 = new Int32Array(inst.requests.length * H)

  inst.staff.forEach((s, i) => {
    const unit = inst.units[s.unit]
    spare10[i] = spareTenths(s.fte10, s.caseload, unit.casesPerFte, inst.policy.staffMaxLoad)
    for (let t = 0; t < H; t++) {
      const here = s.unavailable.has(t) ? 0 : 1
      present[i * H + t] = here
      absentBefore[i * (H + 1) + t + 1] = absentBefore[i * (H + 1) + t] + 1 - here
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
      if (c.request >= 0) committedRequest10[c.request * H + t] += c.fte10
    }
  }
  for (let j = 0; j < U * H; j++) {
    gap[j] = D[j] - (F[j] - committedLent10[j] / 10 + committedReceived10[j] / 10)
  }
  return {
    inst,
    H,
    F,
    D,
    W,
    gap,
    spare10,
    lendable10,
    committedStaff10,
    committedCount,
    committedLent10,
    committedRequest10,
    present,
    absentBefore,
    recovery: recoveryModel(inst, committedCount),
  }
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
  const row = staff * (model.H + 1)
  return model.absentBefore[row + end + 1] - model.absentBefore[row + start] === 0
}

/**
 * Hard rule 1 (eligibility) without the weeks: lendable, from another unit,
 * every skill at the level.
 */
export function mayBeLent(model: Model, staff: number, request: number) {
  const s = model.inst.staff[staff]
  const r = model.inst.requests[request]
  return s.lendable && s.unit !== r.unit && hasSkills(s.skills, r.skills)
}

/**
 * Lent weeks per window if person s also got the weeks `added` (weeks not
 * lent before, ascending): false when some window would go over its cap.
 * `count` is the current count per window (the state's, or the base).
 */
export function recoveryAllows(rec: RecoveryModel, count: Int32Array, s: number, added: readonly number[] | Int32Array, n = added.length) {
  if (n === 0) return true
  const { W, NW, cap } = rec
  const row = s * NW
  // Window i gets the added weeks t with i − W + 1 ≤ t ≤ i.
  let lo = 0
  let hi = 0
  const first = added[0]
  const last = added[n - 1]
  for (let i = first; i <= Math.min(NW - 1, last + W - 1); i++) {
    while (hi < n && added[hi] <= i) hi++
    while (lo < hi && added[lo] < i - W + 1) lo++
    if (hi - lo > 0 && count[row + i] + hi - lo > cap[row + i]) return false
  }
  return true
}
