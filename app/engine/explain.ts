// Plain data that tells why each loan is suggested; the UI words it.
import { overloadTerm, type Model } from './model'
import type { SearchState } from './state'
import type { LendingWeekFigures, LoanExplanation, UnitImpact, WeekFigures } from './types'

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
    let usedBefore = 0
    let usedAfter = 0
    for (let t = r.start; t <= r.end; t++) {
      usedBefore = Math.max(usedBefore, model.committedStaff10[si * H + t])
      usedAfter = Math.max(usedAfter, state.staffUsed[si * H + t])
    }
    const weeks = (unit: number) => Array.from({ length: r.end - r.start + 1 }, (_, k) => weekFigures(model, state, unit, r.start + k))
    out.push({
      staffId: s.id,
      requestId: r.id,
      fte10: x,
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
        weeks: Array.from({ length: r.end - r.start + 1 }, (_, k) => lendingWeek(model, state, s.unit, r.start + k)),
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
    const weeks = r.end - r.start + 1
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
