// Every kind of job and every recurring task, one line each. A job kind is
// made with defineJob() next to the code it serves and queued with enqueue();
// a recurring task runs once per period ('day' or 'week', from Monday) across
// all app instances, at start-up when its period has not run yet.
import { advanceLoanStatuses } from '~/models/loan-lifecycle.server'
import { deleteExpiredThrottleRows } from '~/models/login-throttle.server'
import { notificationMailJob } from '~/models/mail.server'
import { notifyExpiringCertificates, notifyStaleCaseFigures } from '~/models/notifications.server'
import { runWeeklySituation } from '~/models/weekly-snapshot.server'
import { deleteFinishedJobs, type JobDefinition } from './queue.server'
import type { RecurringTask } from './runner.server'

export const JOBS: readonly JobDefinition<never>[] = [notificationMailJob]

export const RECURRING_TASKS: readonly RecurringTask[] = [
  { name: 'jobs.retention', every: 'day', run: () => deleteFinishedJobs() },
  { name: 'loans.lifecycle', every: 'day', run: () => advanceLoanStatuses() },
  { name: 'login-throttle.retention', every: 'day', run: () => deleteExpiredThrottleRows() },
  // Once per certificate and expiry date, once per stale spell (dedupe keys), however often these run.
  { name: 'notifications.certificates', every: 'day', run: () => notifyExpiringCertificates() },
  { name: 'notifications.staleCaseFigures', every: 'day', run: () => notifyStaleCaseFigures() },
  // Mondays: each unit's figures for the week (carried forward and marked where nobody updated them), last week's report kept.
  { name: 'situation.weekly', every: 'week', run: () => runWeeklySituation(new Date()) },
]
