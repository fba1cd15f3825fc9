// A suggestion central rejected for a request is not proposed again for that
// request. The engine knows no per-pair exclusion, so it is expressed in the
// SPEC's own terms: such a request also requires a skill of its own, which
// everyone holds except the people central rejected for it. The key never
// leaves the instance (storeRun drops it from the explanations).

/** The prefix of the skill that stands for "not rejected for this request". */
export const NOT_REJECTED_SKILL = 'avlast:not-rejected:'

export const isNotRejectedSkill = (key: string) => key.startsWith(NOT_REJECTED_SKILL)

type Pair = { readonly staffId: string; readonly requestId: string }
type StaffLike = { readonly id: string; readonly skills: Readonly<Record<string, number>> }
type RequestLike = { readonly id: string; readonly skills: readonly { readonly skill: string; readonly minLevel: number }[] }

/** The instance with every pair in `excluded` made ineligible; other pairs as they were. */
export function excludePairs<I extends { staff: readonly StaffLike[]; requests: readonly RequestLike[] }>(instance: I, excluded: readonly Pair[]): I {
  const byRequest = new Map<string, Set<string>>()
  for (const p of excluded) byRequest.set(p.requestId, (byRequest.get(p.requestId) ?? new Set()).add(p.staffId))
  const requests = instance.requests.filter((r) => byRequest.has(r.id))
  if (!requests.length) return instance
  return {
    ...instance,
    requests: instance.requests.map((r) => (byRequest.has(r.id) ? { ...r, skills: [...r.skills, { skill: NOT_REJECTED_SKILL + r.id, minLevel: 1 }] } : r)),
    staff: instance.staff.map((s) => {
      const extra = Object.fromEntries(requests.filter((r) => !byRequest.get(r.id)!.has(s.id)).map((r) => [NOT_REJECTED_SKILL + r.id, 1]))
      return { ...s, skills: { ...s.skills, ...extra } }
    }),
  }
}
