/** What central chooses between on the matching page: quick, normal, thorough ("grundligare"). Shared by the page and the server. */
export const MATCHING_TIMES_MS = [3000, 10_000, 30_000] as const
