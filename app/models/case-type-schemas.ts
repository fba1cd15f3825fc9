import { z } from 'zod'
import { MAX_CAPACITY_MONTHS } from './capacity'
import { decimal } from './validation'

const name = (required: string) => z.string({ required_error: required }).trim().min(2, required).max(120, 'validation.nameTooLong')

/** A case type and its weight: the points one open case of it counts for. */
export const CaseTypeSchema = z.object({
  nameSv: name('validation.nameSvRequired'),
  nameEn: name('validation.nameEnRequired'),
  weight: decimal({ required: 'workload.errors.weightRequired', invalid: 'workload.errors.weightInvalid' }).refine(
    (v) => v > 0 && v <= 100,
    'workload.errors.weightInvalid',
  ),
})
export type CaseTypeValues = z.output<typeof CaseTypeSchema>

export const MAX_CASE_TYPES_PER_AREA = 30

const count = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? 0 : v),
  z.coerce
    .number({ invalid_type_error: 'workload.errors.countInvalid' })
    .int('workload.errors.countInvalid')
    .min(0, 'workload.errors.countNegative')
    .max(100_000, 'workload.errors.countTooLarge'),
)

/** Open cases per case type, for a unit or a person. */
export const CaseCountsSchema = z.object({
  counts: z
    .array(z.object({ caseTypeId: z.string({ required_error: 'workload.errors.caseTypeUnknown' }).min(1, 'workload.errors.caseTypeUnknown').max(100), count }))
    .min(1, 'workload.errors.countsRequired')
    .max(MAX_CASE_TYPES_PER_AREA, 'workload.errors.countsRequired'),
})
export type CaseCounts = z.output<typeof CaseCountsSchema>['counts']

/** Per cent of a full load in months 1–12; blank means a full load. */
export const CapacitySharesSchema = z.object({
  shares: z
    .array(
      z.preprocess(
        (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? 100 : v),
        z.coerce
          .number({ invalid_type_error: 'workload.errors.shareInvalid' })
          .int('workload.errors.shareInvalid')
          .min(1, 'workload.errors.shareInvalid')
          .max(100, 'workload.errors.shareAbove100'),
      ),
    )
    .max(MAX_CAPACITY_MONTHS, 'workload.errors.shareInvalid')
    .default([]),
})

export const MatchingDemandSchema = z.object({
  matchingDemand: z.enum(['FORECAST', 'CURRENT'], { errorMap: () => ({ message: 'workload.errors.demandInvalid' }) }),
})

export const ReportCommentSchema = z.object({
  comment: z.string().trim().max(4000, 'workload.report.commentTooLong').default(''),
})

export const MunicipalitySchema = z.object({
  municipalityName: z.string({ required_error: 'workload.errors.municipalityName' }).trim().min(2, 'workload.errors.municipalityName').max(120, 'workload.errors.municipalityName'),
})
