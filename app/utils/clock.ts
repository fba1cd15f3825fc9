// The domain's "now". Production runs on the real clock. Tests move time in
// one of two ways: domain functions take an explicit `now` (unit tests), and,
// outside production, CLOCK_OFFSET_DAYS shifts a whole server's clock (the
// e2e test starts a second instance 15 days ahead). See
// docs/decisions/006-simulated-time.md.
let offsetMs = 0

export function now(): Date {
  return new Date(Date.now() + offsetMs)
}

/** Set once at start from the checked environment (env.server.ts). */
export function setClockOffsetDays(days: number) {
  offsetMs = Math.round(days * 86_400_000)
}

/** True on a test server whose clock is moved: it must not run the shared jobs. */
export function clockShifted() {
  return offsetMs !== 0
}
