import type { Instance, InstanceRequest, InstanceStaff, InstanceUnit } from './types'

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
