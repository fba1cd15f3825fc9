// What each GraphQL object is made from: the shapes the domain functions
// return. Some arrive partial (a loan carries only its person's name and
// unit); the missing fields are loaded on demand, in batches (loaders.server.ts).
import type { RequestStatus } from '@prisma/client'
import type { LoanRow } from '~/models/loans.server'
import type { runMatching } from '~/models/matching.server'
import type { RequestSummary } from '~/models/requests.server'
import type { listSkills } from '~/models/skills.server'
import type { AbsenceRow, StaffDetails, StaffSkillRow } from '~/models/staff-directory.server'
import type { SituationRow } from '~/models/units.server'
import type { UserAccount } from '~/models/users.server'
import type { Actor } from '~/utils/permissions'

/** The signed-in user (`me`) or an account as central sees it (`users`). */
export type UserParent = Actor & Partial<Pick<UserAccount, 'active' | 'deactivatedAt' | 'hasPassword' | 'twoFactor'>>

export type UnitParent = { id: string } & Partial<Omit<SituationRow, 'id'>>

export type SituationParent = { week: Date; trendWeeks: Date[]; rows: SituationRow[] }

export type StaffParent = Pick<StaffDetails, 'id' | 'firstName' | 'lastName' | 'unitId'> &
  Partial<StaffDetails> & { skills?: StaffSkillParent[]; absences?: AbsenceParent[] }

export type StaffConnectionParent = {
  rows: StaffDetails[]
  hasNextPage: boolean
  endCursor: string | null
  cursorOf: (row: StaffDetails) => string
  count: () => Promise<number>
}

export type StaffSkillParent = Omit<StaffSkillRow, 'staffId'> & { skill?: SkillParent }

export type SkillParent = Awaited<ReturnType<typeof listSkills>>[number]

export type AbsenceParent = Pick<AbsenceRow, 'id' | 'startDate' | 'endDate'>

export type RequestParent = { id: string; unitId: string; fte10: number; status: RequestStatus; unit?: { id: string; name: string } } & Partial<RequestSummary>

export type RequiredSkillParent = { skillId: string; minLevel: number }

export type LoanParent = LoanRow

export type MatchingRunParent = Awaited<ReturnType<typeof runMatching>>['run']
