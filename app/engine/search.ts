// Primal search: a greedy by marginal relief per tenth, ruin-and-recreate
// around each loan, a large-neighbourhood search that keeps the best, and
// trimming of idle tenths (SPEC "No idle loans").
import { MaxHeap } from './heap'
import type { SearchState } from './state'

const EPS = 1e-9

/** Relief per tenth of the next step of pair p, or −Infinity if no step fits. */
function stepGain(state: SearchState, p: number): [number, number] {
  const r = state.pairs.request[p]
  const step = state.x[p] === 0 ? state.reqChunk[r] : 1
  if (!state.canChange(p, step)) return [-Infinity, step]
  return [-state.delta(p, step) / step, step]
}

/** Lazy greedy: the score is convex in help, so a pair's gain only falls as others are added. */
export function greedyFill(state: SearchState, candidates: Iterable<number>, deadline: number) {
  const heap = new MaxHeap()
  for (const p of candidates) {
    const [gain] = stepGain(state, p)
    if (gain > EPS) heap.push(gain, p)
  }
  let steps = 0
  while (heap.size > 0) {
    if ((++steps & 1023) === 0 && Date.now() > deadline) break
    const [, p] = heap.pop()!
    const [gain, step] = stepGain(state, p)
    if (!(gain > EPS)) continue
    if (heap.size > 0 && gain < heap.peekKey() - 1e-12) {
      heap.push(gain, p)
      continue
    }
    state.apply(p, step)
    const [next] = stepGain(state, p)
    if (next > EPS) heap.push(next, p)
  }
}

type Journal = { p: number; d: number }[]

function applyLogged(state: SearchState, journal: Journal, p: number, d: number) {
  state.apply(p, d)
  journal.push({ p, d })
}

function revert(state: SearchState, journal: Journal) {
  for (let i = journal.length - 1; i >= 0; i--) state.apply(journal[i].p, -journal[i].d)
  journal.length = 0
}

/** Best-gain insertion over a small set of pairs, one step at a time (gains re-evaluated exactly). */
function localFill(state: SearchState, candidates: number[], journal: Journal, noise = 0, random: () => number = Math.random) {
  for (;;) {
    let best = -1
    let bestGain = EPS
    let bestStep = 0
    for (const p of candidates) {
      const [raw, step] = stepGain(state, p)
      if (!(raw > EPS)) continue
      const gain = noise > 0 ? raw * (1 + noise * random()) : raw
      if (gain > bestGain) {
        bestGain = gain
        best = p
        bestStep = step
      }
    }
    if (best < 0) return
    applyLogged(state, journal, best, bestStep)
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

const HOME_UNIT_LIMIT = 400

/** Pairs that could use what removing pair q frees: its person, its request, its lending unit. */
function addNeighbours(set: Set<number>, state: SearchState, nb: Neighbourhoods, q: number, withHomeUnit = true) {
  const { pairs } = state
  for (const c of nb.byStaff[pairs.staff[q]]) set.add(c)
  for (const c of nb.byRequest[pairs.request[q]]) set.add(c)
  const unitPairs = nb.byHomeUnit[state.home[pairs.staff[q]]]
  if (withHomeUnit && unitPairs.length <= HOME_UNIT_LIMIT) for (const c of unitPairs) set.add(c)
}

/**
 * Ruin and recreate around each loan in turn: take back all or one tenth of
 * it, refill greedily from its neighbours; keep the change only if better.
 */
export function improve(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number) {
  const { pairs } = state
  const journal: Journal = []
  let passes = 0
  let moves = 0
  for (;;) {
    passes++
    let improved = false
    const loans: number[] = []
    for (let p = 0; p < pairs.staff.length; p++) if (state.x[p] > 0) loans.push(p)
    shuffle(loans, random)
    for (const p of loans) {
      if (Date.now() > deadline) return { passes, moves, timedOut: true }
      if (state.x[p] === 0) continue
      const candidates = new Set<number>()
      // Whether a lending unit is at its limit decides if its other pairs matter.
      addNeighbours(candidates, state, nb, p, unitAtLimit(state, p))
      const list = [...candidates]
      const without = list.filter((q) => q !== p)
      const chunk = state.reqChunk[pairs.request[p]]
      const sizes = state.x[p] > chunk ? [state.x[p], 1] : [state.x[p]]
      for (const size of sizes) {
        if (state.x[p] < size) continue
        const before = state.score
        applyLogged(state, journal, p, -size)
        // First without the loan itself: the point is to move those tenths.
        localFill(state, without, journal)
        localFill(state, list, journal)
        if (state.score < before - 1e-9 * Math.max(1, Math.abs(before))) {
          improved = true
          moves++
          journal.length = 0
          break
        }
        revert(state, journal)
      }
    }
    if (!improved) return { passes, moves, timedOut: false }
  }
}

function unitAtLimit(state: SearchState, p: number) {
  const r = state.pairs.request[p]
  const home = state.home[state.pairs.staff[p]] * state.H
  for (let t = state.reqStart[r]; t <= state.reqEnd[r]; t++) {
    if (state.lent[home + t] + 1 > state.model.lendable10[home + t]) return true
  }
  return false
}

function shuffle(list: number[], random: () => number) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = list[i]
    list[i] = list[j]
    list[j] = tmp
  }
}

/** Picks loans that interact: into one receiving unit, from one lending unit, or around one loan. */
function ruinSet(state: SearchState, nb: Neighbourhoods, loans: number[], random: () => number) {
  const { pairs } = state
  const seed = loans[Math.floor(random() * loans.length)]
  const s = pairs.staff[seed]
  const r = pairs.request[seed]
  const related = new Set<number>([seed])
  const mode = random()
  if (mode < 0.35) {
    const unit = state.reqUnit[r]
    for (const q of loans) if (state.reqUnit[pairs.request[q]] === unit && random() < 0.7) related.add(q)
  } else if (mode < 0.55) {
    for (const q of nb.byHomeUnit[state.home[s]]) if (state.x[q] > 0 && random() < 0.7) related.add(q)
  } else {
    const pool = [...nb.byRequest[r], ...nb.byHomeUnit[state.home[s]], ...nb.byStaff[s]].filter((q) => state.x[q] > 0)
    const k = 1 + Math.floor(random() * 4)
    for (let i = 0; i < k && pool.length; i++) related.add(pool[Math.floor(random() * pool.length)])
  }
  return related
}

/**
 * Large-neighbourhood search: ruin a few related loans and recreate them
 * greedily (sometimes with noise); accept improvements, ties half the time and
 * small worsenings early on (annealing); always return the best seen.
 */
export function perturb(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number, temperatureShare = 0.0005) {
  const { pairs } = state
  const P = pairs.staff.length
  const bestX = Int32Array.from(state.x)
  let bestScore = state.score
  const journal: Journal = []
  const startTime = Date.now()
  const span = Math.max(1, deadline - startTime)
  let iterations = 0
  let accepted = 0
  const loans: number[] = []
  while (Date.now() < deadline) {
    iterations++
    loans.length = 0
    for (let p = 0; p < P; p++) if (state.x[p] > 0) loans.push(p)
    if (loans.length === 0) break
    const related = ruinSet(state, nb, loans, random)
    const before = state.score
    const candidates = new Set<number>()
    for (const q of related) {
      applyLogged(state, journal, q, -state.x[q])
      addNeighbours(candidates, state, nb, q)
    }
    const list = [...candidates]
    const noise = random() < 0.5 ? 0 : 0.3 * random()
    localFill(state, list, journal, noise, random)
    localFill(state, list, journal)
    const progress = (Date.now() - startTime) / span
    const temperature = temperatureShare * Math.max(1, before) * (1 - progress) ** 2
    const worse = state.score - before
    const accept =
      worse < -1e-12 ||
      (worse <= 1e-12 && random() < 0.5) ||
      (temperature > 0 && worse > 0 && random() < Math.exp(-worse / temperature))
    if (accept) {
      accepted++
      journal.length = 0
      if (state.score < bestScore - 1e-12) {
        bestScore = state.score
        bestX.set(state.x)
      }
    } else revert(state, journal)
  }
  restore(state, bestX)
  return { iterations, accepted }
}

/** Puts the state back to a saved solution. */
export function restore(state: SearchState, target: Int32Array) {
  const P = target.length
  for (let p = 0; p < P; p++) if (state.x[p] > target[p]) state.apply(p, target[p] - state.x[p])
  for (let p = 0; p < P; p++) if (state.x[p] < target[p]) state.apply(p, target[p] - state.x[p])
  state.recompute()
}

/** SPEC "No idle loans": remove every tenth whose removal does not raise the score. */
export function trimIdle(state: SearchState) {
  const { pairs } = state
  for (let p = 0; p < pairs.staff.length; p++) {
    while (state.x[p] > 0) {
      const chunk = state.reqChunk[pairs.request[p]]
      const d = state.x[p] > chunk ? -1 : -state.x[p]
      const change = state.delta(p, d)
      if (change > 1e-12) break
      state.apply(p, d, change)
    }
  }
}

/**
 * Re-plans one person exactly, all else fixed: their loans go, then the best
 * set of non-overlapping requests (with the best size for each) is chosen by
 * weighted interval scheduling. Non-overlapping requests touch different
 * weeks, so their values add up.
 */
export function optimizePerson(state: SearchState, nb: Neighbourhoods, s: number, journal: Journal = []) {
  const { pairs } = state
  const own = nb.byStaff[s]
  if (own.length === 0) return false
  const before = state.score
  for (const p of own) if (state.x[p] > 0) applyLogged(state, journal, p, -state.x[p])
  type Option = { p: number; amount: number; value: number; start: number; end: number }
  const options: Option[] = []
  for (const p of own) {
    const r = pairs.request[p]
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
    if (best > 0) options.push({ p, amount: best, value: bestValue, start: state.reqStart[r], end: state.reqEnd[r] })
  }
  if (state.K === 1) {
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
  } else {
    options.sort((a, b) => b.value / b.amount - a.value / a.amount)
    for (const o of options) {
      const room = state.room(o.p)
      if (room >= o.amount) applyLogged(state, journal, o.p, o.amount)
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

/**
 * Ejection chains: a person moves their loan to another request (r1 → r0);
 * someone else moves over from their own request to fill the gap (r2 → r1);
 * the freed capacity is refilled greedily. Single moves cannot see these
 * improvements because the first step alone makes things worse.
 */
export function ejectionChains(state: SearchState, nb: Neighbourhoods, deadline: number, random: () => number) {
  const { pairs } = state
  const journal: Journal = []
  let moves = 0
  const loans: number[] = []
  for (let p = 0; p < pairs.staff.length; p++) if (state.x[p] > 0) loans.push(p)
  shuffle(loans, random)
  for (const first of loans) {
    if (Date.now() > deadline) break
    if (state.x[first] === 0) continue
    const s1 = pairs.staff[first]
    const r1 = pairs.request[first]
    for (const target of nb.byStaff[s1]) {
      if (target === first || state.x[first] === 0) continue
      const before = state.score
      const amount = state.x[first]
      applyLogged(state, journal, first, -amount)
      const room = state.room(target)
      const move = Math.min(amount, room)
      if (move < state.reqChunk[pairs.request[target]] || state.delta(target, move) >= 0) {
        revert(state, journal)
        continue
      }
      applyLogged(state, journal, target, move)
      // Who could take over r1, leaving their own request?
      let improved = false
      for (const fill of nb.byRequest[r1]) {
        if (Date.now() > deadline) break
        const s2 = pairs.staff[fill]
        if (s2 === s1 || state.x[fill] > 0) continue
        for (const from of nb.byStaff[s2]) {
          if (state.x[from] === 0 || from === fill) continue
          const mark = journal.length
          const taken = state.x[from]
          applyLogged(state, journal, from, -taken)
          const give = Math.min(taken, state.room(fill))
          if (give >= state.reqChunk[r1]) {
            applyLogged(state, journal, fill, give)
            const refill = new Set<number>()
            addNeighbours(refill, state, nb, from, false)
            localFill(state, [...refill], journal)
            if (state.score < before - 1e-9 * Math.max(1, before)) {
              improved = true
              break
            }
          }
          // Undo this second step only.
          for (let i = journal.length - 1; i >= mark; i--) state.apply(journal[i].p, -journal[i].d)
          journal.length = mark
        }
        if (improved) break
      }
      if (!improved) {
        // The first step alone, refilled greedily, may also pay off.
        const refill = new Set<number>()
        addNeighbours(refill, state, nb, first, false)
        localFill(state, [...refill], journal)
        improved = state.score < before - 1e-9 * Math.max(1, before)
      }
      if (improved) {
        moves++
        journal.length = 0
        break
      }
      revert(state, journal)
    }
  }
  return { moves }
}
