import { z } from 'zod'

export const TOKEN_NAME_MAX = 60

/** A new personal API token: just a name for the system it is for. */
export const CreateApiTokenSchema = z.object({
  name: z.string({ required_error: 'api.tokens.nameRequired' }).trim().min(1, 'api.tokens.nameRequired').max(TOKEN_NAME_MAX, 'api.tokens.nameTooLong'),
})
