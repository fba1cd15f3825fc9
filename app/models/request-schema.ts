import { z } from 'zod'
import { fteTenths, isoWeekField, wholeNumber } from './validation'

export const URGENCIES = ['LOW', 'NORMAL', 'HIGH', 'CRITICAL'] as const
export const MAX_REQUEST_WEEKS = 52

/** Weeks from the Monday `start` to the Monday `end`, both counted. */
export const weeksOf = (start: Date, end: Date) => Math.round((end.getTime() - start.getTime()) / (7 * 86_400_000)) + 1

/** A reinforcement request as a manager enters it; shared by the form and the GraphQL input. */
export const ReinforcementRequestSchema = z
  .object({
    unitId: z.string({ required_error: 'validation.unitRequired' }).min(1, 'validation.unitRequired'),
    fte: fteTenths({ required: 'validation.fteRequired', invalid: 'validation.fteInvalid', range: 'validation.fteRange' }),
    minChunk: fteTenths({ required: 'validation.minChunkRequired', invalid: 'validation.minChunkInvalid', range: 'validation.minChunkRange' }).optional(),
    startWeek: isoWeekField({ required: 'validation.weekRequired', invalid: 'validation.weekInvalid' }),
    endWeek: isoWeekField({ required: 'validation.weekRequired', invalid: 'validation.weekInvalid' }),
    // The shortest loan, in weeks, that helps; left out: the whole period.
    minWeeks: wholeNumber({ invalid: 'validation.minWeeksInvalid' }, 1, MAX_REQUEST_WEEKS).optional(),
    urgency: z.enum(URGENCIES, { errorMap: () => ({ message: 'validation.urgencyInvalid' }) }).default('NORMAL'),
    motivation: z
      .string({ required_error: 'validation.motivationRequired' })
      .trim()
      .min(10, 'validation.motivationShort')
      .max(2000, 'validation.motivationLong'),
    skills: z
      .array(
        z.object({
          skillId: z.string({ required_error: 'validation.skillRequired' }).min(1, 'validation.skillRequired'),
          minLevel: z.coerce
            .number({ invalid_type_error: 'validation.levelInvalid' })
            .int('validation.levelInvalid')
            .min(1, 'validation.levelInvalid')
            .max(4, 'validation.levelInvalid'),
        }),
        { required_error: 'validation.skillsRequired' },
      )
      .min(1, 'validation.skillsRequired')
      .max(8, 'validation.skillsTooMany'),
  })
  .superRefine((value, ctx) => {
    // Runs even when a field failed: only compare what parsed.
    if (!(value.startWeek instanceof Date) || !(value.endWeek instanceof Date)) return
    if (value.endWeek < value.startWeek) {
      ctx.addIssue({ code: 'custom', path: ['endWeek'], message: 'validation.endBeforeStart' })
    } else if (weeksOf(value.startWeek, value.endWeek) > MAX_REQUEST_WEEKS) {
      ctx.addIssue({ code: 'custom', path: ['endWeek'], message: 'validation.periodTooLong' })
    } else if (value.minWeeks !== undefined && value.minWeeks > weeksOf(value.startWeek, value.endWeek)) {
      ctx.addIssue({ code: 'custom', path: ['minWeeks'], message: 'validation.minWeeksAbovePeriod' })
    }
    if (value.minChunk !== undefined && value.minChunk > value.fte) {
      ctx.addIssue({ code: 'custom', path: ['minChunk'], message: 'validation.chunkAboveFte' })
    }
    const seen = new Set<string>()
    ;(value.skills ?? []).forEach((s, i) => {
      if (seen.has(s.skillId)) ctx.addIssue({ code: 'custom', path: ['skills', i, 'skillId'], message: 'validation.skillDuplicate' })
      seen.add(s.skillId)
    })
  })

export type ReinforcementRequestInput = z.input<typeof ReinforcementRequestSchema>
export type ReinforcementRequestValues = z.output<typeof ReinforcementRequestSchema>
