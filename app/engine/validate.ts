import type { Commitment, Instance, InstanceError, Policy, RecoveryPolicy } from './types'

export const DEFAULT_POLICY: Policy = { staffMaxLoad: 1, donorMaxLoad: 0.9, maxConcurrentLoans: 1 }

/** The instance with defaults filled in and every reference resolved to an index. */
export type Normalized = {
  readonly version: 1 | 2
  readonly H: number
  readonly policy: Policy
  /** Version 2, rule 6; null without a recovery rule. */
  readonly recovery: RecoveryPolicy | null
  readonly units: { id: string; casesPerFte: number; openCases: number[] }[]
  readonly staff: {
    id: string
    unit: number
    fte10: number
    caseload: number
    lendable: boolean
    skills: Map<string, number>
    unavailable: Set<number>
    /** Weeks before week 0 the person was lent (negative, distinct). */
    pastLent: number[]
  }[]
  readonly requests: {
    id: string
    unit: number
    fte10: number
    minChunk10: number
    start: number
    end: number
    /** The shortest useful loan in weeks (version 1: the whole period). */
    minWeeks: number
    skills: { skill: string; minLevel: number }[]
  }[]
  readonly commitments: { staff: number; toUnit: number; start: number; end: number; fte10: number; request: number }[]
  /** App extension (not SPEC): preferred pairs as request · staff count + staff; unknown ids dropped. */
  readonly preferred: Set<number>
  readonly staffIndex: Map<string, number>
  readonly requestIndex: Map<string, number>
  readonly unitIndex: Map<string, number>
}

class Invalid extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isInt = (v: unknown): v is number => Number.isInteger(v)

function need(ok: boolean, path: string, message: string): asserts ok {
  if (!ok) throw new Invalid(path, message)
}

function ids(list: unknown[], name: string) {
  const index = new Map<string, number>()
  list.forEach((item, i) => {
    need(isObject(item), `${name}[${i}]`, 'must be an object')
    need(typeof item.id === 'string' && item.id.length > 0, `${name}[${i}].id`, 'must be a non-empty string')
    need(!index.has(item.id as string), `${name}[${i}].id`, `duplicate id "${item.id}"`)
    index.set(item.id as string, i)
  })
  return index
}

function week(v: unknown, H: number, path: string) {
  need(isInt(v) && v >= 0 && v < H, path, `must be an integer 0..${H - 1}`)
  return v
}

function parse(raw: unknown): Normalized {
  need(isObject(raw), '(root)', 'must be a JSON object')
  need(raw.version === 1 || raw.version === 2, 'version', 'must be 1 or 2')
  const version = raw.version as 1 | 2
  // The fields version 2 adds (commitments excepted) need "version": 2.
  const v2only = (present: boolean, path: string) => need(!present || version === 2, path, 'is a version-2 field ("version" must be 2 to use it)')
  const H = raw.horizonWeeks
  need(isInt(H) && H >= 1, 'horizonWeeks', 'must be an integer >= 1')

  const policy = { ...DEFAULT_POLICY }
  if (raw.policy !== undefined) {
    need(isObject(raw.policy), 'policy', 'must be an object')
    for (const key of ['staffMaxLoad', 'donorMaxLoad'] as const) {
      const v = raw.policy[key]
      if (v !== undefined) {
        need(isNumber(v) && v > 0, `policy.${key}`, 'must be a number > 0')
        policy[key] = v
      }
    }
    const k = raw.policy.maxConcurrentLoans
    if (k !== undefined) {
      need(isInt(k) && k >= 1, 'policy.maxConcurrentLoans', 'must be an integer >= 1')
      policy.maxConcurrentLoans = k
    }
  }
  let recovery: RecoveryPolicy | null = null
  if (isObject(raw.policy) && raw.policy.recovery !== undefined) {
    v2only(true, 'policy.recovery')
    const rc = raw.policy.recovery
    need(isObject(rc), 'policy.recovery', 'must be an object { windowWeeks, maxLentWeeks }')
    need(isInt(rc.windowWeeks) && rc.windowWeeks >= 1 && rc.windowWeeks <= 52, 'policy.recovery.windowWeeks', 'must be an integer 1..52')
    const W = rc.windowWeeks as number
    need(isInt(rc.maxLentWeeks) && rc.maxLentWeeks >= 1 && rc.maxLentWeeks <= W, 'policy.recovery.maxLentWeeks', `must be an integer 1..${W}`)
    recovery = { windowWeeks: W, maxLentWeeks: rc.maxLentWeeks as number }
  }
  for (const key of ['units', 'staff', 'requests'] as const) need(Array.isArray(raw[key]), key, 'must be an array')
  const rawUnits = raw.units as Record<string, unknown>[]
  const rawStaff = raw.staff as Record<string, unknown>[]
  const rawRequests = raw.requests as Record<string, unknown>[]
  const unitIndex = ids(rawUnits, 'units')
  const staffIndex = ids(rawStaff, 'staff')
  const requestIndex = ids(rawRequests, 'requests')

  const units = rawUnits.map((u, i) => {
    const p = `units[${i}]`
    need(isNumber(u.casesPerFte) && u.casesPerFte > 0, `${p}.casesPerFte`, 'must be a number > 0')
    let openCases: number[]
    if (Array.isArray(u.openCases)) {
      need(u.openCases.length === H, `${p}.openCases`, `must have exactly ${H} numbers (one per week)`)
      u.openCases.forEach((v, t) => need(isNumber(v) && v >= 0, `${p}.openCases[${t}]`, 'must be a number >= 0'))
      openCases = [...(u.openCases as number[])]
    } else {
      need(isNumber(u.openCases) && u.openCases >= 0, `${p}.openCases`, 'must be a number >= 0 or an array of numbers')
      openCases = new Array(H).fill(u.openCases)
    }
    return { id: u.id as string, casesPerFte: u.casesPerFte, openCases }
  })

  const unitOf = (v: unknown, path: string) => {
    need(typeof v === 'string' && unitIndex.has(v), path, `must name a unit (unknown "${String(v)}")`)
    return unitIndex.get(v)!
  }

  const staff = rawStaff.map((s, i) => {
    const p = `staff[${i}]`
    const unit = unitOf(s.unitId, `${p}.unitId`)
    need(isInt(s.fte10) && s.fte10 >= 1, `${p}.fte10`, 'must be an integer >= 1')
    need(isNumber(s.caseload) && s.caseload >= 0, `${p}.caseload`, 'must be a number >= 0')
    need(typeof s.lendable === 'boolean', `${p}.lendable`, 'must be a boolean')
    need(isObject(s.skills), `${p}.skills`, 'must be an object of skill levels')
    const skills = new Map<string, number>()
    for (const [key, level] of Object.entries(s.skills)) {
      need(isInt(level) && level >= 1 && level <= 4, `${p}.skills.${key}`, 'must be an integer 1..4')
      skills.set(key, level)
    }
    const unavailable = new Set<number>()
    if (s.unavailableWeeks !== undefined) {
      need(Array.isArray(s.unavailableWeeks), `${p}.unavailableWeeks`, 'must be an array of weeks')
      s.unavailableWeeks.forEach((w, k) => unavailable.add(week(w, H, `${p}.unavailableWeeks[${k}]`)))
    }
    const pastLent: number[] = []
    if (s.pastLentWeeks !== undefined) {
      v2only(true, `${p}.pastLentWeeks`)
      need(Array.isArray(s.pastLentWeeks), `${p}.pastLentWeeks`, 'must be an array of negative week numbers')
      const seen = new Set<number>()
      s.pastLentWeeks.forEach((w, k) => {
        need(isInt(w) && w >= -52 && w <= -1, `${p}.pastLentWeeks[${k}]`, 'must be an integer -52..-1')
        need(!seen.has(w), `${p}.pastLentWeeks[${k}]`, `duplicate week ${w}`)
        seen.add(w)
        pastLent.push(w)
      })
    }
    return { id: s.id as string, unit, fte10: s.fte10, caseload: s.caseload, lendable: s.lendable, skills, unavailable, pastLent }
  })

  const requests = rawRequests.map((r, i) => {
    const p = `requests[${i}]`
    const unit = unitOf(r.unitId, `${p}.unitId`)
    need(isInt(r.fte10) && r.fte10 >= 1, `${p}.fte10`, 'must be an integer >= 1')
    const minChunk10 = r.minChunk10 ?? 1
    need(isInt(minChunk10) && minChunk10 >= 1, `${p}.minChunk10`, 'must be an integer >= 1')
    const start = week(r.startWeek, H, `${p}.startWeek`)
    const end = week(r.endWeek, H, `${p}.endWeek`)
    need(start <= end, `${p}.endWeek`, 'must not be before startWeek')
    const length = end - start + 1
    let minWeeks = length
    if (r.minWeeks !== undefined) {
      v2only(true, `${p}.minWeeks`)
      need(isInt(r.minWeeks) && r.minWeeks >= 1 && r.minWeeks <= length, `${p}.minWeeks`, `must be an integer 1..${length}`)
      minWeeks = r.minWeeks
    }
    need(Array.isArray(r.skills), `${p}.skills`, 'must be an array')
    const skills = (r.skills as unknown[]).map((k, j) => {
      need(isObject(k), `${p}.skills[${j}]`, 'must be an object')
      need(typeof k.skill === 'string' && k.skill.length > 0, `${p}.skills[${j}].skill`, 'must be a non-empty string')
      need(isInt(k.minLevel) && k.minLevel >= 1 && k.minLevel <= 4, `${p}.skills[${j}].minLevel`, 'must be an integer 1..4')
      return { skill: k.skill, minLevel: k.minLevel }
    })
    return { id: r.id as string, unit, fte10: r.fte10, minChunk10, start, end, minWeeks, skills }
  })

  const commitments: Normalized['commitments'] = []
  if (raw.commitments !== undefined) {
    need(Array.isArray(raw.commitments), 'commitments', 'must be an array')
    ;(raw.commitments as unknown[]).forEach((c, i) => {
      const p = `commitments[${i}]`
      need(isObject(c), p, 'must be an object')
      const cm = c as Partial<Commitment>
      need(typeof cm.staffId === 'string' && staffIndex.has(cm.staffId), `${p}.staffId`, `must name a staff member (unknown "${String(cm.staffId)}")`)
      const toUnit = unitOf(cm.toUnitId, `${p}.toUnitId`)
      const start = week(cm.startWeek, H, `${p}.startWeek`)
      const end = week(cm.endWeek, H, `${p}.endWeek`)
      need(start <= end, `${p}.endWeek`, 'must not be before startWeek')
      need(isInt(cm.fte10) && cm.fte10 >= 1, `${p}.fte10`, 'must be an integer >= 1')
      let request = -1
      if (cm.requestId !== undefined) {
        need(typeof cm.requestId === 'string', `${p}.requestId`, 'must be a string')
        request = requestIndex.get(cm.requestId) ?? -1
      }
      commitments.push({ staff: staffIndex.get(cm.staffId)!, toUnit, start, end, fte10: cm.fte10, request })
    })
  }
  const preferred = new Set<number>()
  if (raw.preferred !== undefined) {
    need(Array.isArray(raw.preferred), 'preferred', 'must be an array of { staffId, requestId }')
    ;(raw.preferred as unknown[]).forEach((item, i) => {
      const p = `preferred[${i}]`
      need(isObject(item), p, 'must be an object { staffId, requestId }')
      need(typeof item.staffId === 'string', `${p}.staffId`, 'must be a string')
      need(typeof item.requestId === 'string', `${p}.requestId`, 'must be a string')
      const s = staffIndex.get(item.staffId as string)
      const r = requestIndex.get(item.requestId as string)
      if (s !== undefined && r !== undefined) preferred.add(r * staff.length + s)
    })
  }
  return {
    version,
    H,
    policy: recovery ? { ...policy, recovery } : policy,
    recovery,
    units,
    staff,
    requests,
    commitments,
    preferred,
    staffIndex,
    requestIndex,
    unitIndex,
  }
}

/** Checks an instance against SPEC.md; the first problem names its field. */
export function validateInstance(raw: unknown): { ok: true; instance: Normalized } | { ok: false; error: InstanceError } {
  try {
    return { ok: true, instance: parse(raw) }
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: { path: error.path, message: error.message } }
    throw error
  }
}

export function formatInstanceError(error: InstanceError) {
  return `${error.path}: ${error.message}`
}

export type { Instance }
