// The Monday task: every unit gets its figures for the new week (carried
// forward where nobody entered any, and marked), and the week that just ended
// keeps its report as it stood.
import { dataChanged } from '~/utils/data-version.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { snapshotWeek } from './unit-history.server'
import { archiveMissedWeeks, archiveWeeklyReport } from './weekly-report.server'

export async function runWeeklySituation(now: Date) {
  const monday = weekStart(today(now))
  // The report first: the ended week's figures as they stood before this week's rows exist.
  const archived = await archiveWeeklyReport(addWeeks(monday, -1))
  // Weeks before it that nobody kept (the job was not running then): rebuilt from history and kept now.
  const caughtUp = await archiveMissedWeeks(addWeeks(monday, -1))
  const snapshot = await snapshotWeek(now)
  // Written outside an audited change: the read models must still learn of it.
  await dataChanged()
  return { ...snapshot, archived, caughtUp }
}
