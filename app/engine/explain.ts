// Plain data that tells why each loan is suggested; the UI words it.
import { overloadTerm, recoveryAllows, type Model } from './model'
import type { SearchState } from './state'
import { hasSkills } from './model'
import type { GapReason, LendingWeekFigures, LoanExplanation, PeriodExplanation, RequestGap, UnitImpact, WeekFigures } from './types'

function weekFigures(model: Model, state: SearchState, unit: number, t: number): WeekFigures {
  const j = unit * model.H + t
  const F = model.F[j]
  const D = model.D[j]
  const before = D - model.gap[j]
  const after = before + state.help10[j] / 10
  const load = (e: number) => (e > 0 ? D / e : null)
  return {
    week: t,
    demand: D,
    staff: F,
    effectiveBefore: before,
    effectiveAfter: after,
    loadBefore: load(before),
    loadAfter: load(after),
    overloadBefore: overloadTerm(D, before, F),
    overloadAfter: overloadTerm(D, after, F),
  }
}

function lendingWeek(model: Model, state: SearchState, unit: number, t: number): LendingWeekFigures {
  const j = unit * model.H + t
  return { ...weekFigures(model, state, unit, t), lentBefore10: model.committedLent10[j], lentAfter10: state.lent[j], lendable10: model.lendable10[j] }
}

/** Why loan p covers the weeks it does, within its request's period. */
function explainPeriod(model: Model, state: SearchState, p: number): PeriodExplanation {
  const { H, inst } = model
  const s = state.pairs.staff[p]
  const ri = state.pairs.request[p]
  const r = inst.requests[ri]
  const a = state.pa[p]
  const b = state.pb[p]
  const awayWeeks: number[] = []
  const committedWeeks: number[] = []
  const recoveryWeeks: number[] = []
  const coveredByOthersWeeks: number[] = []
  const rec = model.recovery
  for (let t = r.start; t <= r.end; t++) {
    if (!model.present[s * H + t]) awayWeeks.push(t)
    if (model.committedCount[s * H + t] > 0) committedWeeks.push(t)
    if (t >= a && t <= b) continue
    if (state.requestUsed[ri * H + t] >= r.fte10) coveredByOthersWeeks.push(t)
    if (rec && model.present[s * H + t] && state.staffCount[s * H + t] === 0 && !recoveryAllows(rec, state.windowCount!, s, [t])) recoveryWeeks.push(t)
  }
  let recovery: PeriodExplanation['recovery']
  if (rec) {
    let fullest = 0
    for (let i = 0; i < rec.NW; i++) fullest = Math.max(fullest, state.windowCount![s * rec.NW + i])
    recovery = { lentWeeks: fullest, maxLentWeeks: rec.M, windowWeeks: rec.W }
  }
  return {
    startWeek: a,
    endWeek: b,
    requestStartWeek: r.start,
    requestEndWeek: r.end,
    minWeeks: r.minWeeks,
    awayWeeks,
    committedWeeks,
    recoveryWeeks,
    coveredByOthersWeeks,
    ...(recovery ? { recovery } : {}),
  }
}

export function explainLoans(model: Model, state: SearchState): LoanExplanation[] {
  const { inst, H } = model
  const { pairs } = state
  const out: LoanExplanation[] = []
  for (let p = 0; p < pairs.staff.length; p++) {
    const x = state.x[p]
    if (x === 0) continue
    const si = pairs.staff[p]
    const ri = pairs.request[p]
    const s = inst.staff[si]
    const r = inst.requests[ri]
    const a = state.pa[p]
    const b = state.pb[p]
    let usedBefore = 0
    let usedAfter = 0
    for (let t = a; t <= b; t++) {
      usedBefore = Math.max(usedBefore, model.committedStaff10[si * H + t])
      usedAfter = Math.max(usedAfter, state.staffUsed[si * H + t])
    }
    const weeks = (unit: number) => Array.from({ length: b - a + 1 }, (_, k) => weekFigures(model, state, unit, a + k))
    out.push({
      staffId: s.id,
      requestId: r.id,
      fte10: x,
      period: explainPeriod(model, state, p),
      person: {
        homeUnitId: inst.units[s.unit].id,
        skills: r.skills.map((k) => ({ skill: k.skill, level: s.skills.get(k.skill) ?? 0, minLevel: k.minLevel })),
        spareBefore10: model.spare10[si] - usedBefore,
        spareAfter10: model.spare10[si] - usedAfter,
        ownLoad: s.caseload / (inst.units[s.unit].casesPerFte * (s.fte10 / 10)),
      },
      receiving: { unitId: inst.units[r.unit].id, weeks: weeks(r.unit) },
      lending: {
        unitId: inst.units[s.unit].id,
        donorMaxLoad: inst.policy.donorMaxLoad,
        weeks: Array.from({ length: b - a + 1 }, (_, k) => lendingWeek(model, state, s.unit, a + k)),
      },
    })
  }
  return out
}

/** Every unit the suggestions touch, with its weeks before and after. */
export function unitImpacts(model: Model, state: SearchState): UnitImpact[] {
  const { inst, H } = model
  const received = new Float64Array(inst.units.length)
  const lent = new Float64Array(inst.units.length)
  const { pairs } = state
  for (let p = 0; p < pairs.staff.length; p++) {
    const x = state.x[p]
    if (!x) continue
    const r = inst.requests[pairs.request[p]]
    const weeks = state.pb[p] - state.pa[p] + 1
    received[r.unit] += (x / 10) * weeks
    lent[inst.staff[pairs.staff[p]].unit] += (x / 10) * weeks
  }
  const out: UnitImpact[] = []
  inst.units.forEach((u, k) => {
    if (!received[k] && !lent[k]) return
    out.push({
      unitId: u.id,
      receivedFteWeeks: received[k],
      lentFteWeeks: lent[k],
      weeks: Array.from({ length: H }, (_, t) => weekFigures(model, state, k, t)),
    })
  })
  return out
}

/** Does some run of `minWeeks` weeks in start..end pass `ok` in every week? */
function someRun(start: number, end: number, minWeeks: number, ok: (t: number) => boolean) {
  let run = 0
  for (let t = start; t <= end; t++) {
    run = ok(t) ? run + 1 : 0
    if (run >= minWeeks) return true
  }
  return false
}

/**
 * For each request that gets no new loan, its qualified people (every skill
 * at its level, from another unit) by the first rule that keeps them out:
 * the rules in the order a coordinator would check them.
 */
export function explainGaps(model: Model, state: SearchState): RequestGap[] {
  const { inst, H } = model
  const K = inst.policy.maxConcurrentLoans
  const served = new Set<number>()
  for (let p = 0; p < state.x.length; p++) if (state.x[p] > 0) served.add(state.pairs.request[p])
  const rec = model.recovery
  // People by skill, so each request looks only at holders of its first skill.
  const bySkill = new Map<string, number[]>()
  inst.staff.forEach((s, si) => {
    for (const key of s.skills.keys()) {
      const list = bySkill.get(key)
      if (list) list.push(si)
      else bySkill.set(key, [si])
    }
  })
  const everyone = inst.staff.map((_, si) => si)
  const out: RequestGap[] = []
  inst.requests.forEach((r, ri) => {
    if (served.has(ri)) return
    const groups = new Map<GapReason, string[]>()
    let qualified = 0
    for (const si of r.skills.length ? (bySkill.get(r.skills[0].skill) ?? []) : everyone) {
      const s = inst.staff[si]
      if (s.unit === r.unit || !hasSkills(s.skills, r.skills)) continue
      qualified++
      const home = s.unit * H
      const present = (t: number) => model.present[si * H + t] === 1
      const free = (t: number) => present(t) && model.committedCount[si * H + t] < K
      let reason: GapReason = 'usedElsewhere'
      if (!s.lendable) reason = 'notLendable'
      else if (model.spare10[si] < r.minChunk10) reason = 'noSpare'
      else if (!someRun(r.start, r.end, r.minWeeks, present)) reason = 'away'
      else if (!someRun(r.start, r.end, r.minWeeks, free)) reason = 'committed'
      else if (rec && !someRecoveringRun(model, si, r.start, r.end, r.minWeeks, free)) reason = 'recovery'
      else if (!someRun(r.start, r.end, r.minWeeks, (t) => free(t) && model.lendable10[home + t] - model.committedLent10[home + t] >= r.minChunk10)) reason = 'lendingUnit'
      const list = groups.get(reason) ?? []
      list.push(s.id)
      groups.set(reason, list)
    }
    out.push({ requestId: r.id, qualified, reasons: [...groups].map(([reason, ids]) => ({ reason, count: ids.length, staffIds: ids.slice(0, 20) })) })
  })
  return out
}

/** Some period of minWeeks free weeks that rule 6 allows with past lending and commitments alone. */
function someRecoveringRun(model: Model, s: number, start: number, end: number, minWeeks: number, free: (t: number) => boolean) {
  const rec = model.recovery!
  const weeks: number[] = []
  for (let a = start; a + minWeeks - 1 <= end; a++) {
    weeks.length = 0
    let ok = true
    for (let t = a; t < a + minWeeks && ok; t++) {
      ok = free(t)
      if (model.committedCount[s * model.H + t] === 0) weeks.push(t)
    }
    if (ok && recoveryAllows(rec, rec.baseCount, s, weeks)) return true
  }
  return false
}
