/**
 * "The same suggestion": one person, one request, the same extent and weeks.
 * A matching run that makes it again keeps its answers (matching.server.ts)
 * and tells nobody again (notifications.server.ts); the key is stored in
 * notifications' dedupe keys, so its form stays.
 */
export const proposalTerms = { staffId: true, requestId: true, fte10: true, startWeek: true, endWeek: true } as const

export const proposalKey = (l: { staffId: string; requestId: string; fte10: number; startWeek: Date; endWeek: Date }) =>
  `${l.staffId}:${l.requestId}:${l.fte10}:${l.startWeek.toISOString()}:${l.endWeek.toISOString()}`
