// Parents of the workload types (workload.graphql): the domain's own shapes.
import type { CaseType } from '~/models/case-types.server'
import type { FollowUp } from '~/models/follow-up.server'
import type { WeeklyReport } from '~/models/weekly-report.server'
import type { StaffParent } from './parents'

export type CaseTypeParent = CaseType
export type CaseCountParent = { caseType: CaseType; count: number }
export type WeeklyReportParent = WeeklyReport
export type FollowUpParent = FollowUp
export type StaffWeeksLentParent = { staff: StaffParent; weeksLent: number; fteWeeks: number }
