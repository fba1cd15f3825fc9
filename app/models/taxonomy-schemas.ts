import { z } from 'zod'
import { decimal } from './validation'

export const SKILL_CATEGORIES = ['METHOD', 'ASSESSMENT', 'LEGAL_AREA', 'TARGET_GROUP', 'LANGUAGE', 'OTHER'] as const

const name = (required: string) => z.string({ required_error: required }).trim().min(2, required).max(120, 'validation.nameTooLong')

export const SkillSchema = z.object({
  key: z
    .string({ required_error: 'validation.keyRequired' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'validation.keyInvalid'),
  nameSv: name('validation.nameSvRequired'),
  nameEn: name('validation.nameEnRequired'),
  category: z.enum(SKILL_CATEGORIES, { errorMap: () => ({ message: 'validation.categoryInvalid' }) }),
  active: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(true),
})

export const AreaSchema = z.object({
  nameSv: name('validation.nameSvRequired'),
  nameEn: name('validation.nameEnRequired'),
  casesPerFte: decimal({ required: 'validation.casesPerFteRequired', invalid: 'validation.casesPerFteInvalid' }).refine(
    (v) => v > 0 && v <= 1000,
    'validation.casesPerFteInvalid',
  ),
})

const int = (min: number, max: number) =>
  z.coerce.number({ invalid_type_error: 'validation.numberInvalid' }).int('validation.numberInvalid').min(min, 'validation.numberRange').max(max, 'validation.numberRange')

export const PolicySchema = z.object({
  introductionMonths: int(0, 36),
  recoveryMaxWeeks: int(1, 52),
  // The engine's recovery window is at most 52 weeks (SPEC version 2).
  recoveryWindowWeeks: int(4, 52),
  horizonWeeks: int(1, 52),
  staffMaxLoad: decimal({ required: 'validation.numberInvalid', invalid: 'validation.numberInvalid' }).refine((v) => v > 0 && v <= 2, 'validation.numberRange'),
  donorMaxLoad: decimal({ required: 'validation.numberInvalid', invalid: 'validation.numberInvalid' }).refine((v) => v > 0 && v <= 2, 'validation.numberRange'),
  maxConcurrentLoans: int(1, 5),
})

export const NewAreaSchema = AreaSchema.extend({
  key: z
    .string({ required_error: 'validation.keyRequired' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'validation.keyInvalid'),
})
