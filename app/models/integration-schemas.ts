import { z } from 'zod'
import { TOKEN_NAME_MAX } from './api-token-schema'
import { dateField } from './validation'

/** The longest an integration token may live, so forgotten ones run out. */
export const INTEGRATION_TOKEN_MAX_DAYS = 731

export const CreateIntegrationSchema = z.object({
  name: z
    .string({ required_error: 'accounts.integrations.nameRequired' })
    .trim()
    .min(1, 'accounts.integrations.nameRequired')
    .max(80, 'accounts.integrations.nameTooLong'),
  // Staff change only their own profile, which an integration does not have.
  role: z.enum(['MANAGER', 'CENTRAL'], { errorMap: () => ({ message: 'accounts.integrations.roleInvalid' }) }),
  managedUnitIds: z.array(z.string().trim().min(1).max(64)).max(200, 'accounts.errors.tooManyUnits').default([]),
})

export const CreateIntegrationTokenSchema = z.object({
  integrationId: z.string().trim().min(1).max(64),
  name: z.string({ required_error: 'api.tokens.nameRequired' }).trim().min(1, 'api.tokens.nameRequired').max(TOKEN_NAME_MAX, 'api.tokens.nameTooLong'),
  scope: z.enum(['READ_ONLY', 'ROLE'], { errorMap: () => ({ message: 'accounts.integrations.scopeInvalid' }) }),
  /** The last day the token works. */
  expiresOn: dateField({ required: 'accounts.integrations.expiryRequired', invalid: 'validation.dateInvalid' }),
})
