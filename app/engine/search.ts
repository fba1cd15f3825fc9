// Primal building blocks: the best weeks for a loan, a greedy by marginal
// relief per tenth, the exact re-planning of one person, and trimming of
// idle tenths and weeks (SPEC "No idle loans").
import { MaxHeap } from './heap'
import type { Model } from './model'
import type { Pairs } from './pairs'
import type { SearchState } from './state'
import type { Loan } from './types'

const EPS = 1e-9

/** A solution: each pair's tenths and weeks. */
export type Snapshot = { readonly x: Int32Array; readonly pa: Int32Array; readonly pb: Int32Array }

export function snapshot(state: SearchState): Snapshot {
  return { x: Int32Array.from(state.x), pa: Int32Array.from(state.pa), pb: Int32Array.from(state.pb) }
}

export function copyInto(target: Snapshot, state: SearchState) {
  target.x.set(state.x)
  target.pa.set(state.pa)
  target.pb.set(state.pb)
}

/** The loans a solution makes: version 2 with their weeks, version 1 without (they cover the request). */
export function loansOf(model: Model, pairs: Pairs, solution: Snapshot) {
  const loans: Loan[] = []
  const v2 = model.inst.version === 2
  for (let p = 0; p < solution.x.length; p++) {
    if (solution.x[p] === 0) continue
    const loan = { staffId: model.inst.staff[pairs.staff[p]].id, requestId: model.inst.requests[pairs.request[p]].id, fte10: solution.x[p] }
    loans.push(v2 ? { ...loan, startWeek: solution.pa[p], endWeek: solution.pb[p] } : loan)
  }
  return loans
}

/** Undo log of changes to a state: pair, tenths, first week, last week before the change… */
export type Journal = number[]

export function applyLogged(state: SearchState, journal: Journal, p: number, d: number) {
  journal.push(p, state.x[p], state.pa[p], state.pb[p])
  state.apply(p, d)
}

export function setLogged(state: SearchState, journal: Journal, p: number, x: number, a: number, b: number) {
  journal.push(p, state.x[p], state.pa[p], state.pb[p])
  state.set(p, x, a, b)
}

/** Undoes the logged changes, newest first, and empties the log. */
export function revert(state: SearchState, journal: Journal) {
  for (let i = journal.length - 4; i >= 0; i -= 4) state.set(journal[i], journal[i + 1], journal[i + 2], journal[i + 3])
  journal.length = 0
}

/** Puts the state back to a saved solution. */
export function restore(state: SearchState, target: Snapshot) {
  const P = target.x.length
  const same = (p: number) => state.x[p] === target.x[p] && (target.x[p] === 0 || (state.pa[p] === target.pa[p] && state.pb[p] === target.pb[p]))
  // Shrink first, so that every intermediate state stays valid.
  for (let p = 0; p < P; p++) {
    if (same(p)) continue
    if (state.x[p] > 0 && (state.x[p] > target.x[p] || state.pa[p] !== target.pa[p] || state.pb[p] !== target.pb[p])) state.set(p, 0, state.pa[p], state.pb[p])
  }
  for (let p = 0; p < P; p++) {
    if (same(p)) continue
    if (state.x[p] === 0) state.set(p, target.x[p], target.pa[p], target.pb[p])
    else state.apply(p, target.x[p] - state.x[p])
  }
  state.recompute()
}

// bestPeriod's working rows, reused: it ran for every pair at the greedy's
// start, and allocating two arrays each time cost a tenth of it.
let scratchPrefix = new Float64Array(0)
let scratchOk = new Uint8Array(0)

/**
 * The best weeks for a new loan of x tenths on pair p (which has none now):
 * the period with the largest relief that keeps every hard rule, the
 * shortest of equals (so no idle week at either end). Null when none fits or
 * none helps.
 */
export function bestPeriod(state: SearchState, p: number, x: number): { a: number; b: number; gain: number } | null {
  const { pairs, H } = state
  const r = pairs.request[p]
  const s = pairs.staff[p]
  const m = state.reqMinWeeks[r]
  const lo = pairs.lo[p]
  const hi = pairs.hi[p]
  if (x < state.reqChunk[r] || x > pairs.upper[p]) return null
  if (state.onePeriod[p] && state.x[p] === 0) {
    // One possible period (version 1): it fits or not.
    if (!state.fits(p, x, lo, hi)) return null
    const gain = -state.deltaTo(p, x, lo, hi)
    return gain > EPS ? { a: lo, b: hi, gain } : null
  }
  const recv = state.reqUnit[r] * H
  const lend = state.home[s] * H
  const spare = state.model.spare10[s]
  const cap = state.reqCap[r]
  if (scratchPrefix.length < hi - lo + 2) {
    scratchPrefix = new Float64Array(hi - lo + 2)
    scratchOk = new Uint8Array(hi - lo + 2)
  }
  const prefix = scratchPrefix
  const ok = scratchOk
  prefix[0] = 0
  for (let t = lo; t <= hi; t++) {
    const k = t - lo
    ok[k] =
      state.model.present[s * H + t] &&
      state.staffCount[s * H + t] + 1 <= state.K &&
      state.staffUsed[s * H + t] + x <= spare &&
      state.lent[lend + t] + x <= state.model.lendable10[lend + t] &&
      state.requestUsed[r * H + t] + x <= cap
        ? 1
        : 0
    prefix[k + 1] = prefix[k] - (ok[k] ? state.weekDelta(recv, lend, t, x) : 0)
  }
  let best: { a: number; b: number; gain: number } | null = null
  const better = (gain: number, a: number, b: number) =>
    gain > EPS && (!best || gain > best.gain + 1e-12 || (gain >= best.gain - 1e-12 && b - a < best.b - best.a))
  for (let u = 0; u <= hi - lo;) {
    if (!ok[u]) {
      u++
      continue
    }
    let v = u
    while (v + 1 <= hi - lo && ok[v + 1]) v++
    if (v - u + 1 >= m) {
      if (state.recoveryFits(p, lo + u, lo + v)) {
        // Max-sum period of at least m weeks: for each end, the lowest prefix among the allowed starts (the latest of equals).
        let minAt = u
        for (let b = u + m - 1; b <= v; b++) {
          const a = b - m + 1
          if (prefix[a] <= prefix[minAt] + 1e-12) minAt = a
          const gain = prefix[b + 1] - prefix[minAt]
          if (better(gain, lo + minAt, lo + b)) best = { a: lo + minAt, b: lo + b, gain }
        }
      } else {
        // Rule 6 binds. What fits is closed under shorter periods, so each
        // start's fitting ends are a range up to e, and e never falls as the
        // start moves on: one pass with two pointers, the best fitting end for each start.
        let e = u + m - 2
        for (let a = u; a + m - 1 <= v; a++) {
          e = Math.max(e, a + m - 2)
          while (e + 1 <= v && state.recoveryFits(p, lo + a, lo + e + 1)) e++
          for (let b = a + m - 1; b <= e; b++) {
            const gain = prefix[b + 1] - prefix[a]
            if (better(gain, lo + a, lo + b)) best = { a: lo + a, b: lo + b, gain }
          }
        }
      }
    }
    u = v + 1
  }
  return best
}

/** Relief per tenth of the next step of pair p (opening: at its best weeks), or −Infinity if no step fits. */
function stepGain(state: SearchState, p: number): [number, number] {
  const r = state.pairs.request[p]
  if (state.x[p] === 0) {
    const chunk = state.reqChunk[r]
    // One possible period (pa..pb already): the plain step.
    if (state.onePeriod[p]) return state.canChange(p, chunk) ? [-state.delta(p, chunk) / chunk, chunk] : [-Infinity, chunk]
    const found = bestPeriod(state, p, chunk)
    if (!found) return [-Infinity, chunk]
    state.set(p, 0, found.a, found.b)
    return [found.gain / chunk, chunk]
  }
  if (!state.canChange(p, 1)) return [-Infinity, 1]
  return [-state.delta(p, 1), 1]
}

/** Lazy greedy: a pair's gain mostly falls as others are added, so stale heap keys are re-checked before use. */
export function greedyFill(state: SearchState, candidates: Iterable<number>, deadline: number) {
  const heap = new MaxHeap()
  let seen = 0
  for (const p of candidates) {
    // The first pass alone takes a while on large instances: it keeps the limit too.
    if ((++seen & 255) === 0 && Date.now() > deadline) break
    const [gain] = stepGain(state, p)
    if (gain > EPS) heap.push(gain, p)
  }
  let steps = 0
  while (heap.size > 0) {
    if ((++steps & 63) === 0 && Date.now() > deadline) break
    const [, p] = heap.pop()!
    const [gain, step] = stepGain(state, p)
    if (!(gain > EPS)) continue
    if (heap.size > 0 && gain < heap.peekKey() - 1e-12) {
      heap.push(gain, p)
      continue
    }
    if (!state.canChange(p, step)) continue
    state.apply(p, step)
    const [next] = stepGain(state, p)
    if (next > EPS) heap.push(next, p)
  }
}

export type Neighbourhoods = {
  byStaff: number[][]
  byRequest: number[][]
  byHomeUnit: number[][]
}

export function neighbourhoods(state: SearchState): Neighbourhoods {
  const { pairs } = state
  const byStaff: number[][] = state.model.inst.staff.map(() => [])
  const byRequest: number[][] = state.model.inst.requests.map(() => [])
  const byHomeUnit: number[][] = state.model.inst.units.map(() => [])
  for (let p = 0; p < pairs.staff.length; p++) {
    byStaff[pairs.staff[p]].push(p)
    byRequest[pairs.request[p]].push(p)
    byHomeUnit[state.home[pairs.staff[p]]].push(p)
  }
  return { byStaff, byRequest, byHomeUnit }
}

/** A small deterministic random source, so runs are repeatable. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle(list: number[], random: () => number) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = list[i]
    list[i] = list[j]
    list[j] = tmp
  }
}

/** The first or last week of loan p relieves nothing (and the loan is longer than minWeeks). */
function idleEndWeek(state: SearchState, p: number): number {
  const r = state.pairs.request[p]
  if (state.pb[p] - state.pa[p] + 1 <= state.reqMinWeeks[r]) return -1
  const H = state.H
  const recv = state.reqUnit[r] * H
  const lend = state.home[state.pairs.staff[p]] * H
  for (const t of [state.pb[p], state.pa[p]]) if (state.weekDelta(recv, lend, t, -state.x[p]) <= 1e-12) return t
  return -1
}

/**
 * SPEC "No idle loans": remove every tenth, and every week at either end,
 * whose removal does not raise the score (fewer tenth-weeks among equal scores).
 */
export function trimIdle(state: SearchState) {
  const { pairs } = state
  for (let changed = true; changed;) {
    changed = false
    for (let p = 0; p < pairs.staff.length; p++) {
      while (state.x[p] > 0) {
        const chunk = state.reqChunk[pairs.request[p]]
        const d = state.x[p] > chunk ? -1 : -state.x[p]
        const change = state.delta(p, d)
        if (change > 1e-12) break
        state.apply(p, d, change)
        changed = true
      }
      for (let t = state.x[p] > 0 ? idleEndWeek(state, p) : -1; t >= 0; t = idleEndWeek(state, p)) {
        state.set(p, state.x[p], t === state.pa[p] ? t + 1 : state.pa[p], t === state.pb[p] ? t - 1 : state.pb[p])
        changed = true
      }
    }
  }
}

/**
 * The app's last tie-break (not SPEC): a loan on a pair that is not
 * preferred moves to a preferred pair of the same request, with the same
 * weeks and tenths, when every rule holds and the score does not rise. The
 * request gets the same help, so only the lending side can change the score;
 * the tenth-weeks stay the same. Returns the number of loans moved.
 */
export function preferPreferred(state: SearchState) {
  const { pairs, model } = state
  const preferred = model.inst.preferred
  if (preferred.size === 0) return 0
  const S = model.inst.staff.length
  const isPreferred = (p: number) => preferred.has(pairs.request[p] * S + pairs.staff[p])
  const byRequest = new Map<number, number[]>()
  for (let p = 0; p < pairs.staff.length; p++) {
    if (!isPreferred(p)) continue
    const list = byRequest.get(pairs.request[p])
    if (list) list.push(p)
    else byRequest.set(pairs.request[p], [p])
  }
  let moved = 0
  for (let p = 0; p < pairs.staff.length; p++) {
    const x = state.x[p]
    if (x === 0 || isPreferred(p)) continue
    const candidates = byRequest.get(pairs.request[p])
    if (!candidates) continue
    const a = state.pa[p]
    const b = state.pb[p]
    const before = state.score
    state.apply(p, -x)
    let swapped = false
    for (const q of candidates) {
      if (state.x[q] !== 0 || !state.fits(q, x, a, b)) continue
      const change = state.deltaTo(q, x, a, b)
      // The score after the move against the score before it (rounding aside).
      if (state.score + change > before + 1e-12 * Math.max(1, Math.abs(before))) continue
      state.set(q, x, a, b)
      swapped = true
      moved++
      break
    }
    if (!swapped) state.apply(p, x)
  }
  state.recompute()
  return moved
}

type Plan = { p: number; x: number; a: number; b: number; value: number }

/**
 * One person's best plan with one loan at a time, all else fixed: loans in
 * disjoint weeks add up, so a sweep over the weeks finds the best set of
 * (pair, tenths, weeks), each period inside a run of weeks with room for its
 * tenths (weighted interval scheduling; the best start for each end comes from
 * a monotone queue). `weekPenalty` is subtracted per lent week (to respect
 * the recovery rule, see optimizePerson).
 */
function planPerson(state: SearchState, own: readonly number[], weekPenalty: number): Plan[] {
  const { pairs, H, model } = state
  type Candidate = {
    p: number
    x: number
    lo: number
    m: number
    gain: Float64Array
    ok: Uint8Array
    queue: Int32Array
    head: number
    tail: number
    runStart: number
  }
  const candidates: Candidate[] = []
  for (const p of own) {
    const r = pairs.request[p]
    const s = pairs.staff[p]
    const lo = pairs.lo[p]
    const hi = pairs.hi[p]
    const recv = state.reqUnit[r] * H
    const lend = state.home[s] * H
    const rooms = new Int32Array(hi - lo + 1)
    let most = 0
    for (let t = lo; t <= hi; t++) {
      const free = model.present[s * H + t] && state.staffCount[s * H + t] + 1 <= state.K
      rooms[t - lo] = free
        ? Math.min(
            pairs.upper[p],
            model.spare10[s] - state.staffUsed[s * H + t],
            model.lendable10[lend + t] - state.lent[lend + t],
            state.reqCap[r] - state.requestUsed[r * H + t],
          )
        : 0
      most = Math.max(most, rooms[t - lo])
    }
    for (let x = state.reqChunk[r]; x <= most; x++) {
      const gain = new Float64Array(hi - lo + 2)
      const ok = new Uint8Array(hi - lo + 1)
      for (let t = lo; t <= hi; t++) {
        ok[t - lo] = rooms[t - lo] >= x ? 1 : 0
        gain[t - lo + 1] = gain[t - lo] + (ok[t - lo] ? -state.weekDelta(recv, lend, t, x) - weekPenalty : 0)
      }
      candidates.push({ p, x, lo, m: state.reqMinWeeks[r], gain, ok, queue: new Int32Array(hi - lo + 1), head: 0, tail: 0, runStart: -1 })
    }
  }
  const f = new Float64Array(H + 1)
  const choice: (null | { c: Candidate; a: number })[] = new Array(H + 1).fill(null)
  for (let t = 0; t < H; t++) {
    f[t + 1] = f[t]
    for (const c of candidates) {
      const k = t - c.lo
      if (k < 0 || k >= c.ok.length) continue
      if (!c.ok[k]) {
        c.head = c.tail = 0
        c.runStart = -1
        continue
      }
      if (c.runStart < 0) c.runStart = k
      const a = k - c.m + 1
      if (a >= c.runStart) {
        // Start a (local index) competes by f[start] − gain before it.
        const key = f[c.lo + a] - c.gain[a]
        while (c.tail > c.head && f[c.lo + c.queue[c.tail - 1]] - c.gain[c.queue[c.tail - 1]] <= key + 1e-12) c.tail--
        c.queue[c.tail++] = a
      }
      if (c.tail > c.head) {
        const best = c.queue[c.head]
        const value = f[c.lo + best] - c.gain[best] + c.gain[k + 1]
        if (value > f[t + 1] + 1e-12) {
          f[t + 1] = value
          choice[t + 1] = { c, a: best }
        }
      }
    }
  }
  const plan: Plan[] = []
  for (let t = H; t > 0;) {
    const pick = choice[t]
    if (!pick || f[t] <= f[t - 1] + 1e-12) {
      t--
      continue
    }
    const a = pick.c.lo + pick.a
    plan.push({ p: pick.c.p, x: pick.c.x, a, b: t - 1, value: pick.c.gain[t - pick.c.lo] - pick.c.gain[pick.a] })
    t = a
  }
  return plan
}

/** Applies a plan, best loans first, skipping any that no longer fits (a pair twice, rule 6). */
function applyPlan(state: SearchState, journal: Journal, plan: Plan[]) {
  let skipped = false
  for (const o of plan.sort((u, v) => v.value - u.value)) {
    if (state.x[o.p] === 0 && state.fits(o.p, o.x, o.a, o.b)) setLogged(state, journal, o.p, o.x, o.a, o.b)
    else skipped = true
  }
  return skipped
}

/**
 * optimizePerson with one period per pair and no recovery rule (version 1):
 * each pair's best size over its one period, then weighted interval
 * scheduling over the pairs sorted by last week. Loans in disjoint weeks add
 * up, so this is exact, and far cheaper than the sweep over every week.
 */
function planOnePeriod(state: SearchState, own: readonly number[], journal: Journal) {
  type Option = { p: number; amount: number; value: number; start: number; end: number }
  const options: Option[] = []
  for (const p of own) {
    const r = state.pairs.request[p]
    const room = state.room(p)
    if (room < state.reqChunk[r]) continue
    let best = 0
    let bestValue = EPS
    for (let a = state.reqChunk[r]; a <= room; a++) {
      const value = -state.delta(p, a)
      if (value > bestValue + 1e-12) {
        bestValue = value
        best = a
      }
    }
    if (best > 0) options.push({ p, amount: best, value: bestValue, start: state.pa[p], end: state.pb[p] })
  }
  options.sort((a, b) => a.end - b.end)
  const n = options.length
  const dp = new Float64Array(n + 1)
  const prev = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let k = i - 1
    while (k >= 0 && options[k].end >= options[i].start) k--
    prev[i] = k
    dp[i + 1] = Math.max(dp[i], options[i].value + dp[k + 1])
  }
  for (let i = n - 1; i >= 0; ) {
    if (options[i].value + dp[prev[i] + 1] >= dp[i + 1] - 1e-12 && options[i].value + dp[prev[i] + 1] > dp[i] + 1e-12) {
      applyLogged(state, journal, options[i].p, options[i].amount)
      i = prev[i]
    } else i--
  }
}

/**
 * Re-plans one person exactly, all else fixed: their loans go, then the best
 * set of loans in disjoint weeks is chosen (planPerson). Where the recovery
 * rule cuts the plan, it is planned again with a price on each lent week.
 * With more than one loan at a time, the best loans are added one by one.
 */
export function optimizePerson(state: SearchState, nb: Neighbourhoods, s: number, journal: Journal = []) {
  const own = nb.byStaff[s]
  if (own.length === 0) return false
  const before = state.score
  for (const p of own) if (state.x[p] > 0) setLogged(state, journal, p, 0, state.pa[p], state.pb[p])
  const cleared = journal.length
  if (state.K === 1 && state.allOnePeriod) {
    planOnePeriod(state, own, journal)
  } else if (state.K === 1) {
    let penalty = 0
    let bestScore = Infinity
    let bestPlan: Plan[] = []
    for (let attempt = 0; attempt < 4; attempt++) {
      const plan = planPerson(state, own, penalty)
      const skipped = applyPlan(state, journal, plan.slice())
      if (state.score < bestScore - 1e-12) {
        bestScore = state.score
        bestPlan = plan
      }
      // Undo this attempt's loans (the cleared state stays).
      for (let i = journal.length - 4; i >= cleared; i -= 4) state.set(journal[i], journal[i + 1], journal[i + 2], journal[i + 3])
      journal.length = cleared
      if (!skipped || !state.windowCount || plan.length === 0) break
      const weeks = plan.reduce((sum, o) => sum + o.b - o.a + 1, 0)
      penalty = (penalty > 0 ? 2 * penalty : 0.25 * plan.reduce((sum, o) => sum + o.value, 0)) / Math.max(1, weeks)
    }
    applyPlan(state, journal, bestPlan)
  } else {
    for (const p of own.slice().sort((u, v) => state.pairs.upper[v] - state.pairs.upper[u])) {
      let best: { x: number; a: number; b: number; gain: number } | null = null
      for (let x = state.pairs.upper[p]; x >= state.reqChunk[state.pairs.request[p]]; x--) {
        const found = bestPeriod(state, p, x)
        if (found && (!best || found.gain / x > best.gain / best.x)) best = { x, ...found }
      }
      if (best) setLogged(state, journal, p, best.x, best.a, best.b)
    }
  }
  if (state.score < before - 1e-9 * Math.max(1, Math.abs(before))) {
    journal.length = 0
    return true
  }
  revert(state, journal)
  return false
}

/** Re-plans every person in turn until nobody can do better alone. */
export function optimizeEveryone(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number) {
  const people = nb.byStaff.flatMap((list, s) => (list.length ? [s] : []))
  let rounds = 0
  let moves = 0
  for (;;) {
    rounds++
    shuffle(people, random)
    let improved = false
    for (const s of people) {
      if (Date.now() > deadline) return { rounds, moves, timedOut: true }
      if (optimizePerson(state, nb, s)) {
        improved = true
        moves++
      }
    }
    if (!improved) return { rounds, moves, timedOut: false }
  }
}
