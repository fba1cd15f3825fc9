import { z } from 'zod'
import { dateField } from './validation'

export const EVIDENCE_KINDS = ['LICENCE', 'CERTIFICATE', 'TRAINING', 'EXPERIENCE'] as const

const optionalDate = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  dateField({ required: 'validation.dateRequired', invalid: 'validation.dateInvalid' }).optional(),
)

/** One skill on a person's profile: level 1–4 and its evidence. */
export const StaffSkillSchema = z.object({
  skillId: z.string({ required_error: 'validation.skillRequired' }).min(1, 'validation.skillRequired'),
  level: z.coerce
    .number({ required_error: 'validation.levelInvalid', invalid_type_error: 'validation.levelInvalid' })
    .int('validation.levelInvalid')
    .min(1, 'validation.levelInvalid')
    .max(4, 'validation.levelInvalid'),
  evidence: z.enum(EVIDENCE_KINDS, { errorMap: () => ({ message: 'validation.evidenceInvalid' }) }).default('EXPERIENCE'),
  validUntil: optionalDate,
})
export type StaffSkillValues = z.output<typeof StaffSkillSchema>

/** A period away. Only the dates: Avlast never stores why. */
export const AbsenceSchema = z
  .object({
    startDate: dateField({ required: 'validation.dateRequired', invalid: 'validation.dateInvalid' }),
    endDate: dateField({ required: 'validation.dateRequired', invalid: 'validation.dateInvalid' }),
  })
  .superRefine((v, ctx) => {
    if (!(v.startDate instanceof Date) || !(v.endDate instanceof Date)) return
    if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' })
    else if (v.endDate.getTime() - v.startDate.getTime() > 2 * 366 * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.absenceTooLong' })
    }
  })
export type AbsenceValues = z.output<typeof AbsenceSchema>

export const OpenCasesSchema = z.object({
  openCases: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ required_error: 'validation.openCasesRequired', invalid_type_error: 'validation.openCasesInvalid' })
      .int('validation.openCasesInvalid')
      .min(0, 'validation.openCasesInvalid')
      .max(100_000, 'validation.openCasesInvalid'),
  ),
})
