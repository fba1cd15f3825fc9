import { buildModel } from './model'
import { eligiblePairs } from './pairs'
import { SearchState } from './state'
import { scoreLoans } from './rules'
import type { Instance, InstanceRequest, InstanceStaff, InstanceUnit, Loan } from './types'
import { validateInstance } from './validate'

/** A tiny two-unit world: `u-need` is overloaded, `u-slack` has room to lend. */
export function world(overrides: { units?: InstanceUnit[]; staff?: InstanceStaff[]; requests?: InstanceRequest[]; horizonWeeks?: number; policy?: Instance['policy']; commitments?: Instance['commitments'] } = {}): Instance {
  return {
    version: 1,
    horizonWeeks: overrides.horizonWeeks ?? 4,
    policy: overrides.policy,
    units: overrides.units ?? [
      { id: 'u-need', casesPerFte: 10, openCases: 60 },
      { id: 'u-slack', casesPerFte: 10, openCases: 20 },
    ],
    staff: overrides.staff ?? [
      { id: 'need-1', unitId: 'u-need', fte10: 10, caseload: 10, lendable: true, skills: { bbic: 3 } },
      { id: 'need-2', unitId: 'u-need', fte10: 10, caseload: 10, lendable: true, skills: { bbic: 3 } },
      { id: 'lender-1', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: { bbic: 3 } },
      { id: 'lender-2', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: { bbic: 2 } },
      { id: 'lender-3', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: { bbic: 3 } },
      { id: 'lender-4', unitId: 'u-slack', fte10: 10, caseload: 5, lendable: true, skills: {} },
    ],
    requests: overrides.requests ?? [{ id: 'r-1', unitId: 'u-need', fte10: 20, minChunk10: 2, startWeek: 0, endWeek: 3, skills: [{ skill: 'bbic', minLevel: 2 }] }],
    ...(overrides.commitments ? { commitments: overrides.commitments } : {}),
  }
}

/** The model and eligible pairs of an instance that must be valid. */
export function prepared(instance: Instance) {
  const checked = validateInstance(instance)
  if (!checked.ok) throw new Error(checked.error.message)
  const model = buildModel(checked.instance)
  return { model, pairs: eligiblePairs(model) }
}

/** Exhaustive optimum for tiny instances, tenth by tenth and period by period: an independent check of the engine. */
export function bruteForceOptimum(instance: Instance) {
  const { model, pairs } = prepared(instance)
  const state = new SearchState(model, pairs)
  const periods = Array.from(pairs.staff, (_, p) => {
    const out: [number, number][] = []
    for (let a = pairs.lo[p]; a <= pairs.hi[p]; a++) for (let b = a; b <= pairs.hi[p]; b++) out.push([a, b])
    return out
  })
  let best = state.score
  const visit = (p: number) => {
    if (p === pairs.staff.length) return void (best = Math.min(best, state.score))
    visit(p + 1)
    for (const [a, b] of periods[p]) {
      for (let x = state.reqChunk[pairs.request[p]]; x <= pairs.upper[p]; x++) {
        if (!state.fits(p, x, a, b)) continue
        state.set(p, x, a, b)
        visit(p + 1)
        state.set(p, 0, a, b)
      }
    }
  }
  visit(0)
  return best
}

/**
 * SPEC "No idle loans", checked from outside the engine: the loans (by index)
 * from which a tenth (or the whole loan at its minimum chunk), or one week at
 * either end beyond minWeeks, can be removed without raising the score.
 */
export function idleLoans(instance: Instance, loans: readonly Loan[]) {
  const score = scoreLoans(instance, loans)
  const requests = new Map(instance.requests.map((r) => [r.id, r]))
  const idle: number[] = []
  loans.forEach((l, i) => {
    const r = requests.get(l.requestId)!
    const others = loans.filter((_, k) => k !== i)
    const chunk = r.minChunk10 ?? 1
    const smaller = [l.fte10 > chunk ? [...others, { ...l, fte10: l.fte10 - 1 }] : others]
    const start = l.startWeek ?? r.startWeek
    const end = l.endWeek ?? r.endWeek
    if (instance.version === 2 && end - start + 1 > (r.minWeeks ?? r.endWeek - r.startWeek + 1)) {
      smaller.push([...others, { ...l, startWeek: start + 1, endWeek: end }], [...others, { ...l, startWeek: start, endWeek: end - 1 }])
    }
    if (smaller.some((less) => scoreLoans(instance, less) <= score + 1e-12)) idle.push(i)
  })
  return idle
}
