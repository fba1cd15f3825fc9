// How long a failed job waits before its next attempt: 30 s, then doubling,
// never more than five minutes. A little jitter keeps jobs that failed
// together (an SMTP server down) from all retrying in the same second.
export const FIRST_RETRY_MS = 30_000
export const MAX_RETRY_MS = 5 * 60_000

/** The wait after the `attempt`-th failed attempt (1 = the first). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1))
  return Math.min(MAX_RETRY_MS, Math.round(base * (1 + 0.2 * random())))
}
