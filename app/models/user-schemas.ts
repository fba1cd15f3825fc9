// Input for user administration: one schema per form, shared by the pages,
// the GraphQL mutations and the command line (`user:create`).
import { z } from 'zod'

export const ROLES = ['STAFF', 'MANAGER', 'CENTRAL'] as const

const email = (required: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .trim()
    .toLowerCase()
    .min(1, required)
    .max(254, 'accounts.errors.emailInvalid')
    .email('accounts.errors.emailInvalid')

const name = z
  .string({ required_error: 'accounts.errors.nameRequired', invalid_type_error: 'accounts.errors.nameRequired' })
  .trim()
  .min(1, 'accounts.errors.nameRequired')
  .max(120, 'accounts.errors.nameTooLong')
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), 'accounts.errors.nameInvalid')

const role = z.enum(ROLES, { errorMap: () => ({ message: 'accounts.errors.roleInvalid' }) })

const unitIds = z.array(z.string().trim().min(1).max(64), { invalid_type_error: 'accounts.errors.unitUnknown' }).max(200, 'accounts.errors.tooManyUnits')

/** The staff record the login belongs to, by its e-mail in the staff register. Empty: none. */
const staffEmail = z.preprocess((v) => (v === '' ? null : v), email('accounts.errors.emailInvalid').nullable())

export const CreateUserSchema = z.object({
  email: email('accounts.errors.emailRequired'),
  name,
  role,
  managedUnitIds: unitIds.default([]),
  staffEmail: staffEmail.optional(),
})
export type CreateUserValues = z.input<typeof CreateUserSchema>

/** What changes; a missing field stays as it is (`staffEmail: null` unlinks). */
export const UpdateUserSchema = z.object({
  name: name.optional(),
  role: role.optional(),
  managedUnitIds: unitIds.optional(),
  staffEmail: staffEmail.optional(),
})
export type UpdateUserValues = z.input<typeof UpdateUserSchema>

/** The edit form sends every field; an empty list of units or an empty staff e-mail means none. */
export const EditUserFormSchema = z.object({
  name,
  role,
  managedUnitIds: unitIds.default([]),
  staffEmail: staffEmail.default(null),
})

export const UserSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: role.optional().catch(undefined),
  status: z.enum(['active', 'inactive', 'all']).catch('active').default('active'),
})
