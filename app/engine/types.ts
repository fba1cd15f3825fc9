// Public types of the matching engine (SPEC.md, versions 1 and 2).
import type { MipSolver } from './mip'

/** The limits every suggestion respects. */
export type Policy = {
  /** A person's own load may rise to at most this share of the reasonable caseload (default 1.0). */
  readonly staffMaxLoad: number
  /** A lending unit's load may rise to at most this (default 0.9). */
  readonly donorMaxLoad: number
  /** Loans one person may have in the same week (default 1). */
  readonly maxConcurrentLoans: number
  /** Version 2: at most `maxLentWeeks` lent weeks in any `windowWeeks` consecutive weeks (absent: no recovery rule). */
  readonly recovery?: RecoveryPolicy
}

/** SPEC version 2, rule 6. */
export type RecoveryPolicy = { readonly windowWeeks: number; readonly maxLentWeeks: number }

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
  /** Version 2: weeks before week 0 in which the person was lent (−1 is the week before week 0). */
  readonly pastLentWeeks?: readonly number[]
}

export type InstanceRequest = {
  readonly id: string
  readonly unitId: string
  readonly fte10: number
  readonly minChunk10?: number
  readonly startWeek: number
  readonly endWeek: number
  /** Version 2: the shortest loan, in weeks, that helps (default: the whole period). */
  readonly minWeeks?: number
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
  readonly version: 1 | 2
  readonly horizonWeeks: number
  readonly policy?: Partial<Policy>
  readonly units: readonly InstanceUnit[]
  readonly staff: readonly InstanceStaff[]
  readonly requests: readonly InstanceRequest[]
  readonly commitments?: readonly Commitment[]
  /**
   * App extension, not part of SPEC: (person, request) pairs to favour among
   * equal answers (people who volunteered). Only a tie-break: a loan on a
   * preferred pair replaces one on another pair of the same request, same
   * weeks and extent, when every rule holds and the score does not rise.
   * Ids that name nobody are ignored.
   */
  readonly preferred?: readonly PreferredPair[]
}

export type PreferredPair = { readonly staffId: string; readonly requestId: string }

/**
 * A suggested loan: `fte10` tenths of the person in every week
 * `startWeek..endWeek`. Version 1 loans cover their request's whole period
 * and carry no weeks; in version 2 a missing week means the request's.
 */
export type Loan = {
  readonly staffId: string
  readonly requestId: string
  readonly fte10: number
  readonly startWeek?: number
  readonly endWeek?: number
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
  /** Seed of the search's random choices (default fixed, so runs repeat given the same time). */
  readonly seed?: number
  /** A loaded HiGHS (`loadMipSolver()`): small instances are then also solved exactly. `solveAsync` loads one itself. */
  readonly mip?: MipSolver
  /**
   * Epoch ms the time limit counts from (default: when `solve` is called).
   * The command line passes its process's start, so the answer comes within
   * the limit of the command being started.
   */
  readonly startedAt?: number
  /**
   * `solveAsync` only: the file of the bound's thread (the bundle
   * build/match-bound.mjs of bound-worker.ts). With it, large instances
   * that HiGHS does not take get their Lagrangian bound from a second
   * thread while this one searches; without it, or if that thread cannot
   * start, both share this thread.
   */
  readonly boundWorker?: string | URL
}

/**
 * One unit in one week, before and after the suggested loans (commitments
 * count in both): D = `demand`, F = `staff`, E = `effectiveBefore/After`.
 */
export type WeekFigures = {
  readonly week: number
  /** D: work waiting, in FTE at the reasonable caseload. */
  readonly demand: number
  /** F: own staff at work, in FTE. */
  readonly staff: number
  /** E: effective staff (own − lent + received) before and after the suggested loans, in FTE. */
  readonly effectiveBefore: number
  readonly effectiveAfter: number
  /** Load = D / E (null without effective staff). */
  readonly loadBefore: number | null
  readonly loadAfter: number | null
  /** This unit-week's term of the score, max(0, D − E)² / max(F, 1), before and after. */
  readonly overloadBefore: number
  readonly overloadAfter: number
}

/** A lending unit's week: what it lends (tenths) against what it may lend and stay within donorMaxLoad. */
export type LendingWeekFigures = WeekFigures & {
  readonly lentBefore10: number
  readonly lentAfter10: number
  /** floor(10·(F − D/donorMaxLoad)): the most the unit may lend this week. */
  readonly lendable10: number
}

/**
 * Why a loan covers the weeks it does (weeks of the horizon): the request's
 * period, and within it the weeks the person is away, already committed
 * elsewhere, or could not be lent without breaking the recovery rule, and
 * the weeks the request is already covered by others (a relay).
 */
export type PeriodExplanation = {
  readonly startWeek: number
  readonly endWeek: number
  readonly requestStartWeek: number
  readonly requestEndWeek: number
  readonly minWeeks: number
  readonly awayWeeks: readonly number[]
  readonly committedWeeks: readonly number[]
  /** Weeks of the request the person could have covered had the recovery rule allowed it. */
  readonly recoveryWeeks: readonly number[]
  /** Weeks of the request outside the loan that other loans (or commitments) fill completely. */
  readonly coveredByOthersWeeks: readonly number[]
  /** Lent weeks of the person in the fullest recovery window with this loan, and the limit (absent without a recovery rule). */
  readonly recovery?: { readonly lentWeeks: number; readonly maxLentWeeks: number; readonly windowWeeks: number }
}

/**
 * Why one loan is suggested, as plain data (the UI words it): why this person
 * (each required skill's level against the minimum, spare tenths before and
 * after, home unit), why these weeks, why this unit (its weeks of the loan,
 * before and after all the suggested loans) and what the lending unit's load
 * becomes.
 */
export type LoanExplanation = {
  readonly staffId: string
  readonly requestId: string
  readonly fte10: number
  readonly period: PeriodExplanation
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
  readonly lending: { readonly unitId: string; readonly donorMaxLoad: number; readonly weeks: readonly LendingWeekFigures[] }
}

/** Why a qualified person (every skill at its level, from another unit) got no loan to a request. */
export type GapReason =
  /** The instance says the person is not lendable. */
  | 'notLendable'
  /** No spare tenths at all. */
  | 'noSpare'
  /** Away in too many of the request's weeks to cover minWeeks in a row. */
  | 'away'
  /** Committed elsewhere (loans already decided) in too many of its weeks. */
  | 'committed'
  /** The recovery rule (rule 6) allows no period of minWeeks weeks. */
  | 'recovery'
  /** Their lending unit cannot lend the minimum chunk in enough weeks. */
  | 'lendingUnit'
  /** Could have been lent, but the suggestions use them, their unit or the request better elsewhere. */
  | 'usedElsewhere'

/** A request that gets no new loan, with its qualified people grouped by why (at most 20 ids per reason). */
export type RequestGap = {
  readonly requestId: string
  readonly qualified: number
  readonly reasons: readonly { readonly reason: GapReason; readonly count: number; readonly staffIds: readonly string[] }[]
}

/** A unit the suggestions touch, with every week of the horizon before and after. */
export type UnitImpact = {
  readonly unitId: string
  readonly receivedFteWeeks: number
  readonly lentFteWeeks: number
  readonly weeks: readonly WeekFigures[]
}

export type Solution = {
  /** The instance's version (1 when the instance was invalid and said none). */
  readonly version: 1 | 2
  readonly status: SolveStatus
  readonly loans: readonly Loan[]
  readonly score: number
  readonly baselineScore: number
  /** A proven lower bound on the optimal score. */
  readonly bound: number
  readonly relief: number
  readonly explanations?: readonly LoanExplanation[]
  readonly impacts?: readonly UnitImpact[]
  /** Requests without a new loan, and why their qualified people were not proposed. */
  readonly gaps?: readonly RequestGap[]
  readonly stats: {
    /** (person, request) pairs left after eligibility and room checks. */
    readonly eligiblePairs: number
    readonly ms: number
    /** Annealing moves tried. */
    readonly iterations: number
    /** Lagrangian price updates. */
    readonly boundIterations: number
    /** How long the exact model ran with HiGHS (absent when it did not run). */
    readonly mipMs?: number
    /** True when the bound ran on a thread of its own (`boundWorker`). */
    readonly boundThread?: boolean
    readonly timedOut: boolean
  }
  readonly error?: InstanceError
}

/** One broken hard rule (SPEC "Hard constraints"), for the approval re-check. */
export type Violation = {
  readonly rule: 'instance' | 'reference' | 'eligibility' | 'period' | 'size' | 'duplicate' | 'staffCap' | 'concurrency' | 'requestSize' | 'donor' | 'recovery'
  readonly staffId?: string
  readonly requestId?: string
  readonly unitId?: string
  readonly week?: number
  readonly message: string
}
