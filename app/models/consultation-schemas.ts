// The forms of consultation, volunteering and manual bookings (conform + zod);
// the domain functions check the same rules again, naming the field.
import { z } from 'zod'

export const AnswerSchema = z.object({
  loanId: z.string().min(1),
  answer: z.enum(['OK', 'OBJECTION'], { errorMap: () => ({ message: 'consult.errors.answer' }) }),
  comment: z.string().max(1000, 'consult.errors.commentTooLong').optional(),
})

export const VolunteerSchema = z.object({ requestId: z.string().min(1) })

const week = z.string({ required_error: 'consult.errors.week' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'consult.errors.week')

export const BookingSchema = z.object({
  requestId: z.string({ required_error: 'consult.errors.noRequest' }).min(1),
  staffId: z.string({ required_error: 'consult.errors.chooseStaff' }).min(1, 'consult.errors.chooseStaff'),
  fte: z.string({ required_error: 'consult.errors.fte' }).max(10),
  startWeek: week,
  endWeek: week,
  note: z.string().max(1000, 'validation.noteTooLong').optional(),
})

export const ApproveChangedSchema = z.object({
  loanId: z.string().min(1),
  fte: z.string().max(10).optional(),
  startWeek: week.optional(),
  endWeek: week.optional(),
  note: z.string().max(1000).optional(),
})
