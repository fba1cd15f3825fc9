import { prisma, type Tx } from '~/utils/db.server'
import { addWeeks, workdaysCovered } from '~/utils/weeks'
import { ABSENT_WORKDAYS_PER_WEEK } from './load'

/**
 * Staff away in the week starting `monday` (absent at least three of its
 * workdays), optionally limited to some staff.
 */
export async function staffAwayInWeek(monday: Date, staffIds?: string[], db: Tx = prisma): Promise<Set<string>> {
  const friday = new Date(monday.getTime() + 4 * 86_400_000)
  const absences = await db.absence.findMany({
    where: {
      startDate: { lte: friday },
      endDate: { gte: monday },
      ...(staffIds ? { staffId: { in: staffIds } } : {}),
    },
    select: { staffId: true, startDate: true, endDate: true },
  })
  const days = new Map<string, number>()
  for (const a of absences) {
    days.set(a.staffId, (days.get(a.staffId) ?? 0) + workdaysCovered(monday, a.startDate, a.endDate))
  }
  return new Set([...days].filter(([, d]) => d >= ABSENT_WORKDAYS_PER_WEEK).map(([id]) => id))
}

/** Each staff member's weeks away over `weeks` weeks from `firstMonday` (indexes 0..weeks-1). */
export async function weeksAway(firstMonday: Date, weeks: number, staffIds?: string[], db: Tx = prisma) {
  const last = addWeeks(firstMonday, weeks)
  const absences = await db.absence.findMany({
    where: {
      startDate: { lt: last },
      endDate: { gte: firstMonday },
      ...(staffIds ? { staffId: { in: staffIds } } : {}),
    },
    select: { staffId: true, startDate: true, endDate: true },
  })
  const perStaff = new Map<string, number[]>()
  for (const a of absences) {
    let days = perStaff.get(a.staffId)
    if (!days) perStaff.set(a.staffId, (days = new Array(weeks).fill(0)))
    for (let w = 0; w < weeks; w++) days[w] += workdaysCovered(addWeeks(firstMonday, w), a.startDate, a.endDate)
  }
  const away = new Map<string, number[]>()
  for (const [staffId, days] of perStaff) {
    const list = days.flatMap((d, w) => (d >= ABSENT_WORKDAYS_PER_WEEK ? [w] : []))
    if (list.length) away.set(staffId, list)
  }
  return away
}
