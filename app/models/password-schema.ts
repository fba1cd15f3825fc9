import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '~/utils/limits'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = PASSWORD_MAX_LENGTH

/** A new password's length, checked in the browser too; how guessable it is only on the server (password-policy.server.ts). */
export const NewPasswordField = z
  .string({ required_error: 'accounts.password.required', invalid_type_error: 'accounts.password.required' })
  .min(1, 'accounts.password.required')
  .min(PASSWORD_MIN, 'accounts.password.tooShort')
  .max(PASSWORD_MAX, 'accounts.password.tooLong')

/** A new password typed twice. */
export const SetPasswordSchema = z
  .object({
    password: NewPasswordField,
    confirm: z.string({ required_error: 'accounts.password.confirmRequired' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'accounts.password.mismatch' })

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().max(PASSWORD_MAX, 'accounts.password.currentWrong').optional(),
    password: NewPasswordField,
    confirm: z.string({ required_error: 'accounts.password.confirmRequired' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'accounts.password.mismatch' })
