// Batching per request against N+1 queries: however many loans, staff or
// units a query touches, each kind of data is read once.
import DataLoader from 'dataloader'
import { listRequests, type RequestSummary } from '~/models/requests.server'
import { listSkills } from '~/models/skills.server'
import { getStaffAbsences, getStaffDetails, getStaffSkills, type AbsenceRow, type StaffDetails, type StaffSkillRow } from '~/models/staff-directory.server'
import { getSituation, type SituationRow } from '~/models/units.server'
import { cached } from '~/utils/cache.server'
import { ForbiddenError, NotFoundError } from '~/utils/errors'
import type { Actor } from '~/utils/permissions'
import type { SkillParent } from './parents'

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= load())
}

/** A loader over one read of a whole collection (every unit's figures, every skill). */
function fromCollection<T extends { id: string }>(load: () => Promise<readonly T[]>, missing: () => Error) {
  return new DataLoader<string, T>(async (ids) => {
    const byId = new Map((await load()).map((row) => [row.id, row]))
    return ids.map((id) => byId.get(id) ?? missing())
  })
}

/** A loader over a domain function that returns only what the actor may see. */
function fromMap<T>(load: (ids: readonly string[]) => Promise<Map<string, T>>) {
  return new DataLoader<string, T>(async (ids) => {
    const byId = await load(ids)
    return ids.map((id) => byId.get(id) ?? new ForbiddenError())
  })
}

export function createLoaders(actor: Actor) {
  // The catalogue is a read model: taxonomy changes are audited, which empties the cache.
  const skills = once(() => cached('graphql:skill-catalogue', () => listSkills({ includeInactive: true })))
  return {
    unitFigures: fromCollection<SituationRow>(once(() => getSituation(actor)), () => new NotFoundError()),
    skill: fromCollection<SkillParent>(skills, () => new NotFoundError()),
    skillCatalogue: once(async () => new Map((await skills()).map((s) => [s.id, s]))),
    request: fromMap<RequestSummary>(async (ids) => new Map((await listRequests(actor, { ids })).map((r) => [r.id, r]))),
    staffDetails: fromMap<StaffDetails>(async (ids) => new Map((await getStaffDetails(actor, ids)).map((s) => [s.id, s]))),
    staffSkills: fromMap<StaffSkillRow[]>((ids) => getStaffSkills(actor, ids)),
    staffAbsences: fromMap<AbsenceRow[]>((ids) => getStaffAbsences(actor, ids)),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
