import { describe, expect, test } from 'vitest'
import { validateInstance } from './validate'
import { world } from './test-helpers'

function errorOf(raw: unknown) {
  const result = validateInstance(raw)
  return result.ok ? null : `${result.error.path}: ${result.error.message}`
}

function mutate(fn: (w: Record<string, any>) => void) {
  const w = JSON.parse(JSON.stringify(world())) as Record<string, any>
  fn(w)
  return errorOf(w)
}

describe('validateInstance', () => {
  test('a valid instance passes, with defaults filled in', () => {
    const result = validateInstance(world())
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.instance.policy).toEqual({ staffMaxLoad: 1, donorMaxLoad: 0.9, maxConcurrentLoans: 1 })
      expect(result.instance.units[0].openCases).toEqual([60, 60, 60, 60])
    }
  })

  test.each([
    ['version', (w: any) => (w.version = 3), 'version: must be 1 or 2'],
    ['minWeeks in version 1', (w: any) => (w.requests[0].minWeeks = 2), 'requests[0].minWeeks: is a version-2 field ("version" must be 2 to use it)'],
    ['pastLentWeeks in version 1', (w: any) => (w.staff[0].pastLentWeeks = [-1]), 'staff[0].pastLentWeeks: is a version-2 field ("version" must be 2 to use it)'],
    ['recovery in version 1', (w: any) => (w.policy = { recovery: { windowWeeks: 4, maxLentWeeks: 2 } }), 'policy.recovery: is a version-2 field ("version" must be 2 to use it)'],
    ['minWeeks above the period', (w: any) => ((w.version = 2), (w.requests[0].minWeeks = 5)), 'requests[0].minWeeks: must be an integer 1..4'],
    ['minWeeks zero', (w: any) => ((w.version = 2), (w.requests[0].minWeeks = 0)), 'requests[0].minWeeks: must be an integer 1..4'],
    ['pastLentWeeks not negative', (w: any) => ((w.version = 2), (w.staff[1].pastLentWeeks = [-2, 0])), 'staff[1].pastLentWeeks[1]: must be an integer -52..-1'],
    ['pastLentWeeks repeated', (w: any) => ((w.version = 2), (w.staff[1].pastLentWeeks = [-2, -2])), 'staff[1].pastLentWeeks[1]: duplicate week -2'],
    ['recovery window', (w: any) => ((w.version = 2), (w.policy = { recovery: { windowWeeks: 53, maxLentWeeks: 2 } })), 'policy.recovery.windowWeeks: must be an integer 1..52'],
    ['recovery limit', (w: any) => ((w.version = 2), (w.policy = { recovery: { windowWeeks: 4, maxLentWeeks: 5 } })), 'policy.recovery.maxLentWeeks: must be an integer 1..4'],
    ['recovery object', (w: any) => ((w.version = 2), (w.policy = { recovery: 3 })), 'policy.recovery: must be an object { windowWeeks, maxLentWeeks }'],
    ['horizon', (w: any) => (w.horizonWeeks = 0), 'horizonWeeks: must be an integer >= 1'],
    ['casesPerFte', (w: any) => (w.units[1].casesPerFte = 0), 'units[1].casesPerFte: must be a number > 0'],
    ['openCases negative', (w: any) => (w.units[0].openCases = -1), 'units[0].openCases: must be a number >= 0 or an array of numbers'],
    ['openCases length', (w: any) => (w.units[0].openCases = [1, 2]), 'units[0].openCases: must have exactly 4 numbers (one per week)'],
    ['openCases entry', (w: any) => (w.units[0].openCases = [1, 2, 'x', 4]), 'units[0].openCases[2]: must be a number >= 0'],
    ['staff fte10', (w: any) => (w.staff[2].fte10 = 0.5), 'staff[2].fte10: must be an integer >= 1'],
    ['caseload', (w: any) => (w.staff[0].caseload = -3), 'staff[0].caseload: must be a number >= 0'],
    ['lendable', (w: any) => delete w.staff[1].lendable, 'staff[1].lendable: must be a boolean'],
    ['skills', (w: any) => (w.staff[1].skills = ['bbic']), 'staff[1].skills: must be an object of skill levels'],
    ['skill level', (w: any) => (w.staff[1].skills = { bbic: 5 }), 'staff[1].skills.bbic: must be an integer 1..4'],
    ['unavailable', (w: any) => (w.staff[3].unavailableWeeks = [1, 4]), 'staff[3].unavailableWeeks[1]: must be an integer 0..3'],
    ['unit ref', (w: any) => (w.staff[0].unitId = 'nowhere'), 'staff[0].unitId: must name a unit (unknown "nowhere")'],
    ['duplicate id', (w: any) => (w.staff[1].id = 'need-1'), 'staff[1].id: duplicate id "need-1"'],
    ['empty id', (w: any) => (w.units[0].id = ''), 'units[0].id: must be a non-empty string'],
    ['request fte10', (w: any) => (w.requests[0].fte10 = 0), 'requests[0].fte10: must be an integer >= 1'],
    ['minChunk', (w: any) => (w.requests[0].minChunk10 = 0), 'requests[0].minChunk10: must be an integer >= 1'],
    ['weeks order', (w: any) => ((w.requests[0].startWeek = 3), (w.requests[0].endWeek = 1)), 'requests[0].endWeek: must not be before startWeek'],
    ['end beyond', (w: any) => (w.requests[0].endWeek = 4), 'requests[0].endWeek: must be an integer 0..3'],
    ['minLevel', (w: any) => (w.requests[0].skills[0].minLevel = 5), 'requests[0].skills[0].minLevel: must be an integer 1..4'],
    ['policy load', (w: any) => (w.policy = { donorMaxLoad: 0 }), 'policy.donorMaxLoad: must be a number > 0'],
    ['policy concurrency', (w: any) => (w.policy = { maxConcurrentLoans: 1.5 }), 'policy.maxConcurrentLoans: must be an integer >= 1'],
    ['commitment staff', (w: any) => (w.commitments = [{ staffId: 'x', toUnitId: 'u-need', startWeek: 0, endWeek: 1, fte10: 2 }]), 'commitments[0].staffId: must name a staff member (unknown "x")'],
    ['commitment unit', (w: any) => (w.commitments = [{ staffId: 'lender-1', toUnitId: 'u-x', startWeek: 0, endWeek: 1, fte10: 2 }]), 'commitments[0].toUnitId: must name a unit (unknown "u-x")'],
    ['commitment weeks', (w: any) => (w.commitments = [{ staffId: 'lender-1', toUnitId: 'u-need', startWeek: 2, endWeek: 1, fte10: 2 }]), 'commitments[0].endWeek: must not be before startWeek'],
    ['commitment size', (w: any) => (w.commitments = [{ staffId: 'lender-1', toUnitId: 'u-need', startWeek: 0, endWeek: 1, fte10: 0 }]), 'commitments[0].fte10: must be an integer >= 1'],
    ['commitment request', (w: any) => (w.commitments = [{ staffId: 'lender-1', toUnitId: 'u-need', startWeek: 0, endWeek: 1, fte10: 2, requestId: 7 }]), 'commitments[0].requestId: must be a string'],
    ['commitments list', (w: any) => (w.commitments = {}), 'commitments: must be an array'],
    ['request unit', (w: any) => (w.requests[0].unitId = 'u-x'), 'requests[0].unitId: must name a unit (unknown "u-x")'],
    ['request skills list', (w: any) => (w.requests[0].skills = 'bbic'), 'requests[0].skills: must be an array'],
    ['request skill name', (w: any) => (w.requests[0].skills[0].skill = ''), 'requests[0].skills[0].skill: must be a non-empty string'],
    ['request start', (w: any) => (w.requests[0].startWeek = -1), 'requests[0].startWeek: must be an integer 0..3'],
    ['skills required', (w: any) => delete w.staff[4].skills, 'staff[4].skills: must be an object of skill levels'],
    ['skill level fraction', (w: any) => (w.staff[2].skills = { bbic: 2.5 }), 'staff[2].skills.bbic: must be an integer 1..4'],
    ['unavailable not a list', (w: any) => (w.staff[3].unavailableWeeks = 2), 'staff[3].unavailableWeeks: must be an array of weeks'],
    ['staffMaxLoad', (w: any) => (w.policy = { staffMaxLoad: -1 }), 'policy.staffMaxLoad: must be a number > 0'],
    ['policy object', (w: any) => (w.policy = 3), 'policy: must be an object'],
    ['duplicate unit', (w: any) => (w.units[1].id = 'u-need'), 'units[1].id: duplicate id "u-need"'],
    ['duplicate request', (w: any) => w.requests.push({ ...w.requests[0] }), 'requests[1].id: duplicate id "r-1"'],
  ])('%s is refused, naming the field', (_name, change, message) => {
    expect(mutate(change)).toBe(message)
  })

  test('optional fields get their defaults: minChunk10 1, unavailableWeeks [], commitments []', () => {
    const raw = JSON.parse(JSON.stringify(world()))
    delete raw.requests[0].minChunk10
    const result = validateInstance(raw)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.instance.requests[0].minChunk10).toBe(1)
      expect(result.instance.staff[0].unavailable.size).toBe(0)
      expect(result.instance.commitments).toEqual([])
    }
  })

  test('version 2: minWeeks defaults to the whole period, pastLentWeeks to none, recovery to no rule', () => {
    const result = validateInstance({ ...world(), version: 2 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.instance.version).toBe(2)
    expect(result.instance.requests[0].minWeeks).toBe(4)
    expect(result.instance.staff[0].pastLent).toEqual([])
    expect(result.instance.recovery).toBeNull()
    const withRule = validateInstance({ ...world(), version: 2, policy: { recovery: { windowWeeks: 26, maxLentWeeks: 12 } } })
    expect(withRule.ok && withRule.instance.recovery).toEqual({ windowWeeks: 26, maxLentWeeks: 12 })
  })

  test('not an object at all', () => {
    expect(errorOf(null)).toBe('(root): must be a JSON object')
    expect(errorOf({ version: 1, horizonWeeks: 2, units: {}, staff: [], requests: [] })).toBe('units: must be an array')
  })
})
