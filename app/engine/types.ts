// Public types of the matching engine (SPEC.md, version 1, plus `commitments`).

/** The limits every suggestion respects. */
export type Policy = {
  /** A person's own load may rise to at most this share of the reasonable caseload (default 1.0). */
  readonly staffMaxLoad: number
  /** A lending unit's load may rise to at most this (default 0.9). */
  readonly donorMaxLoad: number
  /** Loans one person may have in the same week (default 1). */
  readonly maxConcurrentLoans: number
}

export type InstanceUnit = {
  readonly id: string
  /** The reasonable caseload: open cases one full-time post can carry. */
  readonly casesPerFte: number
  /** Open cases, one number for every week or one per week. */
  readonly openCases: number | readonly number[]
}

export type InstanceStaff = {
  readonly id: string
  readonly unitId: string
  /** Working time in tenths of a full-time post. */
  readonly fte10: number
  /** The person's own open cases in the home unit. */
  readonly caseload: number
  readonly lendable: boolean
  /** Skill key → level 1..4. */
  readonly skills: Readonly<Record<string, number>>
  readonly unavailableWeeks?: readonly number[]
}

export type InstanceRequest = {
  readonly id: string
  readonly unitId: string
  readonly fte10: number
  readonly minChunk10?: number
  readonly startWeek: number
  readonly endWeek: number
  readonly skills: readonly { readonly skill: string; readonly minLevel: number }[]
}

/** An already decided loan (approved or active): fixed, never changed by the engine. */
export type Commitment = {
  readonly staffId: string
  readonly toUnitId: string
  readonly startWeek: number
  readonly endWeek: number
  readonly fte10: number
  readonly requestId?: string
}

export type Instance = {
  readonly version: 1
  readonly horizonWeeks: number
  readonly policy?: Partial<Policy>
  readonly units: readonly InstanceUnit[]
  readonly staff: readonly InstanceStaff[]
  readonly requests: readonly InstanceRequest[]
  readonly commitments?: readonly Commitment[]
}

/** A suggested loan: `fte10` tenths of the person for the whole period of the request. */
export type Loan = {
  readonly staffId: string
  readonly requestId: string
  readonly fte10: number
}

export type InstanceError = { readonly path: string; readonly message: string }

export type SolveStatus = 'optimal' | 'feasible' | 'invalid'

export type SolveOptions = {
  /** Wall-clock budget; the best valid solution so far is returned when it runs out. */
  readonly timeLimitMs?: number
  /** Stop once score − bound ≤ gapTolerance · max(score, 1). */
  readonly gapTolerance?: number
  /** Include explanations (default true). */
  readonly explain?: boolean
}

export type WeekFigures = {
  readonly week: number
  /** Work waiting, in FTE at the reasonable caseload. */
  readonly demand: number
  /** Own staff at work, in FTE. */
  readonly staff: number
  /** Effective staff before and after the suggested loans, in FTE. */
  readonly effectiveBefore: number
  readonly effectiveAfter: number
  /** Load = demand / effective staff (null without staff). */
  readonly loadBefore: number | null
  readonly loadAfter: number | null
}

export type LoanExplanation = {
  readonly staffId: string
  readonly requestId: string
  readonly fte10: number
  readonly person: {
    readonly homeUnitId: string
    readonly skills: readonly { readonly skill: string; readonly level: number; readonly minLevel: number }[]
    /** Tenths the person can lend without going over their cap, before and after the suggested loans. */
    readonly spareBefore10: number
    readonly spareAfter10: number
    /** The person's own load now, against the reasonable caseload. */
    readonly ownLoad: number
  }
  readonly receiving: { readonly unitId: string; readonly weeks: readonly WeekFigures[] }
  readonly lending: { readonly unitId: string; readonly donorMaxLoad: number; readonly weeks: readonly WeekFigures[] }
}

export type UnitImpact = {
  readonly unitId: string
  readonly receivedFteWeeks: number
  readonly lentFteWeeks: number
  readonly weeks: readonly WeekFigures[]
}

export type Solution = {
  readonly version: 1
  readonly status: SolveStatus
  readonly loans: readonly Loan[]
  readonly score: number
  readonly baselineScore: number
  /** A proven lower bound on the optimal score. */
  readonly bound: number
  readonly relief: number
  readonly explanations?: readonly LoanExplanation[]
  readonly impacts?: readonly UnitImpact[]
  readonly stats: { readonly eligiblePairs: number; readonly ms: number; readonly iterations: number; readonly timedOut: boolean }
  readonly error?: InstanceError
}

export type Violation = {
  readonly rule: 'reference' | 'eligibility' | 'size' | 'duplicate' | 'staffCap' | 'concurrency' | 'requestSize' | 'donor'
  readonly staffId?: string
  readonly requestId?: string
  readonly unitId?: string
  readonly week?: number
  readonly message: string
}
