import type { Resolvers } from '../generated/resolvers-types'
import { consultationResolvers } from './consultation'
import { loanLifecycleResolvers } from './loan-lifecycle'
import { loanResolvers } from './loans'
import { notificationResolvers } from './notifications'
import { meResolvers } from './me'
import { requestResolvers } from './requests'
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars'
import { staffResolvers } from './staff'
import { unitResolvers } from './units'
import { userResolvers } from './users'
import { workloadResolvers } from './workload'

const parts: Resolvers[] = [
  meResolvers,
  unitResolvers,
  staffResolvers,
  requestResolvers,
  loanResolvers,
  loanLifecycleResolvers,
  consultationResolvers,
  notificationResolvers,
  userResolvers,
  workloadResolvers,
]

/** Every type's resolvers, merged across the files (Query and Mutation span several). */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  ...Object.fromEntries(
    [...new Set(parts.flatMap((p) => Object.keys(p)))].map((type) => [
      type,
      Object.assign({}, ...parts.map((p) => (p as Record<string, object | undefined>)[type] ?? {})),
    ]),
  ),
}
