// The naive coordinator the engine is measured against: requests of the most
// pressured units first, best-matching staff first, as much as fits, each
// for the request's whole period when possible, else the longest part that fits.
import { baselineScore, buildModel } from './model'
import { eligiblePairs } from './pairs'
import { loansOf } from './search'
import { SearchState } from './state'
import type { Loan } from './types'
import { validateInstance } from './validate'

export function greedyBaseline(raw: unknown): { loans: Loan[]; score: number; baselineScore: number } {
  const checked = validateInstance(raw)
  if (!checked.ok) throw new Error(`${checked.error.path}: ${checked.error.message}`)
  const model = buildModel(checked.instance)
  const pairs = eligiblePairs(model)
  const state = new SearchState(model, pairs)
  coordinatorGreedy(state)
  const loans: Loan[] = loansOf(model, pairs, state)
  return { loans, score: state.recompute(), baselineScore: baselineScore(model) }
}

/** The coordinator's choices, made on an empty state (the engine also starts from them, so it never ends worse). */
export function coordinatorGreedy(state: SearchState) {
  const { model, pairs } = state
  const { inst, H } = model
  const pressure = (r: number) => {
    const req = inst.requests[r]
    let peak = 0
    for (let t = req.start; t <= req.end; t++) {
      const j = req.unit * H + t
      peak = Math.max(peak, model.F[j] > 0 ? model.D[j] / model.F[j] : Infinity)
    }
    return peak
  }
  const byRequest = new Map<number, number[]>()
  for (let p = 0; p < pairs.staff.length; p++) {
    const list = byRequest.get(pairs.request[p]) ?? []
    list.push(p)
    byRequest.set(pairs.request[p], list)
  }
  // How far above the required levels each pair is (computed once: the sorts below compare it often).
  const match = Float64Array.from(pairs.staff, (si, p) => {
    const s = inst.staff[si]
    return inst.requests[pairs.request[p]].skills.reduce((sum, k) => sum + (s.skills.get(k.skill) ?? 0) - k.minLevel, 0)
  })
  const peak = Float64Array.from(inst.requests, (_, r) => pressure(r))
  const order = [...byRequest.keys()].sort((a, b) => peak[b] - peak[a])
  for (const r of order) {
    const candidates = byRequest.get(r)!.sort((a, b) => match[b] - match[a] || model.spare10[pairs.staff[b]] - model.spare10[pairs.staff[a]])
    for (const p of candidates) {
      const req = inst.requests[r]
      // The longest weeks that fit, earliest first.
      search: for (let length = pairs.hi[p] - pairs.lo[p] + 1; length >= req.minWeeks; length--) {
        for (let a = pairs.lo[p]; a + length - 1 <= pairs.hi[p]; a++) {
          const room = state.roomOver(p, a, a + length - 1)
          if (room >= state.reqChunk[r] && state.recoveryFits(p, a, a + length - 1)) {
            state.set(p, room, a, a + length - 1)
            break search
          }
        }
      }
    }
  }
  state.recompute()
}
