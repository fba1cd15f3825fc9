// The (person, request) pairs that can carry a loan, each with the weeks it
// could cover and the most tenths it could carry.
import { recoveryAllows, type Model } from './model'

export type Pairs = {
  readonly staff: Int32Array
  readonly request: Int32Array
  /** The most tenths a loan of the pair can carry in any of its possible periods. */
  readonly upper: Int32Array
  /** First and last week a loan of the pair could cover. */
  readonly lo: Int32Array
  readonly hi: Int32Array
  /** The period a loan of the pair starts from: its longest possible one. */
  readonly start: Int32Array
  readonly end: Int32Array
}

/**
 * Room for a new loan of person s to request r in week t after commitments:
 * the least of the person's spare, the lending unit's limit and the request's
 * size; −1 when the person is away or already has their loans that week.
 */
export function weekRoom(model: Model, s: number, r: number, t: number) {
  const { inst, H } = model
  if (!model.present[s * H + t] || model.committedCount[s * H + t] >= inst.policy.maxConcurrentLoans) return -1
  const home = inst.staff[s].unit
  return Math.min(
    model.spare10[s] - model.committedStaff10[s * H + t],
    model.lendable10[home * H + t] - model.committedLent10[home * H + t],
    inst.requests[r].fte10 - model.committedRequest10[r * H + t],
  )
}

/** Can some period of `minWeeks` weeks inside [from, to] be lent without breaking rule 6 on its own? */
function someShortPeriodRecovers(model: Model, s: number, from: number, to: number, minWeeks: number, added: Int32Array) {
  const rec = model.recovery
  if (!rec) return true
  for (let a = from; a + minWeeks - 1 <= to; a++) {
    let n = 0
    for (let t = a; t < a + minWeeks; t++) if (model.committedCount[s * model.H + t] === 0) added[n++] = t
    if (recoveryAllows(rec, rec.baseCount, s, added, n)) return true
  }
  return false
}

/**
 * Pairs worth considering: the person may be lent to the request (rule 1
 * without the weeks), is not committed to it already, and some period of at
 * least `minWeeks` weeks has room for the minimum chunk in every week
 * (presence, commitments, the person's spare, the lending unit's limit, the
 * request's size) and keeps rule 6 on its own.
 */
export function eligiblePairs(model: Model): Pairs {
  const { inst } = model
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
  // Skill levels as a flat table (skill index × staff): the check runs for every candidate of every request.
  const skillIndex = new Map<string, number>()
  for (const key of bySkill.keys()) skillIndex.set(key, skillIndex.size)
  const S = inst.staff.length
  const level = new Uint8Array(skillIndex.size * S)
  inst.staff.forEach((s, i) => {
    for (const [key, v] of s.skills) {
      const k = skillIndex.get(key)
      if (k !== undefined) level[k * S + i] = v
    }
  })
  const { H } = model
  const K = inst.policy.maxConcurrentLoans
  const out = { staff: [] as number[], request: [] as number[], upper: [] as number[], lo: [] as number[], hi: [] as number[], start: [] as number[], end: [] as number[] }
  // Scratch buffers (typed, reused: this runs for every candidate).
  const room = new Int32Array(model.H)
  const added = new Int32Array(model.H)
  inst.requests.forEach((r, ri) => {
    // Start from the rarest required skill.
    let candidates = allLendable
    for (const k of r.skills) {
      const list = bySkill.get(k.skill) ?? []
      if (list.length < candidates.length) candidates = list
    }
    const need = r.skills.map((k) => [skillIndex.get(k.skill) ?? -1, k.minLevel] as const)
    // A required skill nobody lendable has: no candidates.
    if (need.some(([k]) => k < 0)) return
    const reqRow = ri * H
    for (const si of candidates) {
      if (inst.staff[si].unit === r.unit) continue
      let skilled = true
      for (const [k, min] of need) if (level[k * S + si] < min) skilled = false
      if (!skilled || committedPairs.has(ri * S + si)) continue
      const home = inst.staff[si].unit * H
      const row = si * H
      const spare = model.spare10[si]
      let upper = 0
      let lo = -1
      let hi = -1
      let bestStart = -1
      let bestEnd = -1
      // Runs of weeks with room for the minimum chunk; those of at least minWeeks weeks can carry a loan.
      let length = 0
      for (let t = r.start; t <= r.end + 1; t++) {
        // weekRoom, inlined (this loop runs for every candidate week).
        const here =
          t > r.end || !model.present[row + t] || model.committedCount[row + t] >= K
            ? -1
            : Math.min(spare - model.committedStaff10[row + t], model.lendable10[home + t] - model.committedLent10[home + t], r.fte10 - model.committedRequest10[reqRow + t])
        if (here >= r.minChunk10) {
          room[length++] = here
          continue
        }
        const from = t - length
        if (length >= r.minWeeks && someShortPeriodRecovers(model, si, from, t - 1, r.minWeeks, added)) {
          // The most a period of minWeeks weeks (longer ones hold no more) can carry.
          for (let a = 0; a + r.minWeeks <= length; a++) {
            let least = Infinity
            for (let k = a; k < a + r.minWeeks; k++) least = Math.min(least, room[k])
            upper = Math.max(upper, least)
          }
          if (lo < 0) lo = from
          hi = t - 1
          if (bestStart < 0 || length > bestEnd - bestStart + 1) {
            bestStart = from
            bestEnd = t - 1
          }
        }
        length = 0
        // No run found and too few weeks left for one (version 1: the first week without room ends it).
        if (lo < 0 && r.end - t < r.minWeeks) break
      }
      if (lo < 0) continue
      out.staff.push(si)
      out.request.push(ri)
      out.upper.push(upper)
      out.lo.push(lo)
      out.hi.push(hi)
      out.start.push(bestStart)
      out.end.push(bestEnd)
    }
  })
  return {
    staff: Int32Array.from(out.staff),
    request: Int32Array.from(out.request),
    upper: Int32Array.from(out.upper),
    lo: Int32Array.from(out.lo),
    hi: Int32Array.from(out.hi),
    start: Int32Array.from(out.start),
    end: Int32Array.from(out.end),
  }
}
