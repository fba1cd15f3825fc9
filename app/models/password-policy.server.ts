// How guessable a new password is, with zxcvbn-ts and its list of common
// passwords (shipped in the package: works offline). Length is checked by
// the schema (password-schema.ts); this runs on the server only.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import { InputError } from '~/utils/errors'
import { PASSWORD_MAX, PASSWORD_MIN } from './password-schema'

// 3 of 4: "safely unguessable" (about 10^8 guesses or more), zxcvbn's own advice for accounts that matter.
const MIN_SCORE = 3

let estimator: ZxcvbnFactory | undefined
const getEstimator = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }))

/**
 * The reason a new password is refused, as an i18n key, or null when it is
 * good. `related` are the user's own e-mail and name: a password made of
 * them is easy to guess for anyone who knows the person.
 */
export async function passwordProblem(password: string, related: readonly string[] = []): Promise<string | null> {
  if (password.length < PASSWORD_MIN) return 'accounts.password.tooShort'
  if (password.length > PASSWORD_MAX) return 'accounts.password.tooLong'
  const words = related.flatMap((r) => r.toLowerCase().split(/[\s@.+_-]+/)).filter((w) => w.length >= 3)
  const result = await getEstimator().check(password, words)
  return result.score < MIN_SCORE ? 'accounts.password.tooCommon' : null
}

export async function assertGoodPassword(password: string, related: readonly string[], field = 'password') {
  const problem = await passwordProblem(password, related)
  if (problem) throw new InputError(field, problem)
}
