import { z } from 'zod'
import { InputError } from '~/utils/errors'
import { parseDate, parseWeek, today, weekStart } from '~/utils/weeks'

/** Parses input for the domain layer; the first problem becomes an InputError naming its field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new InputError(issue.path.join('.') || '(input)', issue.message)
}

/** A decimal number that also accepts the Swedish comma ("0,5"). */
export function decimal(messages: { required: string; invalid: string }) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ required_error: messages.required, invalid_type_error: messages.invalid }).finite(messages.invalid),
  )
}

/** Working time in FTE with one decimal, as whole tenths. */
export function fteTenths(messages: { required: string; invalid: string; range: string }, max = 20) {
  return decimal(messages)
    .refine((v) => v >= 0.1 && v <= max, messages.range)
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, messages.invalid)
    .transform((v) => Math.round(v * 10))
}

/** A whole number in min..max; an empty form field is no value. */
export function wholeNumber(messages: { invalid: string }, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v === null ? undefined : v),
    z.number({ invalid_type_error: messages.invalid }).int(messages.invalid).min(min, messages.invalid).max(max, messages.invalid),
  )
}

/** An ISO week ("2026-W50") or a date inside it, as that week's Monday. */
export function isoWeekField(messages: { required: string; invalid: string }) {
  return z
    .string({ required_error: messages.required, invalid_type_error: messages.invalid })
    .trim()
    .min(1, messages.required)
    .transform((v, ctx) => {
      const monday = parseWeek(v)
      if (!monday) {
        ctx.addIssue({ code: 'custom', message: messages.invalid })
        return z.NEVER
      }
      return monday
    })
}

export function dateField(messages: { required: string; invalid: string }) {
  return z
    .string({ required_error: messages.required, invalid_type_error: messages.invalid })
    .trim()
    .min(1, messages.required)
    .transform((v, ctx) => {
      const date = parseDate(v.slice(0, 10))
      if (!date) {
        ctx.addIssue({ code: 'custom', message: messages.invalid })
        return z.NEVER
      }
      return date
    })
}

/** A period a person sets (a request, a booking, new weeks for a loan) starts this week or later: past weeks were never checked against the caps. */
export function refuseStartInPast(startWeek: Date, field = 'startWeek') {
  if (startWeek < weekStart(today())) throw new InputError(field, 'validation.startInPast')
}
