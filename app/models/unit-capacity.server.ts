// Each unit's staff at work in a week: in FTE as employed, and as capacity,
// where a newcomer counts at their share of a full load (capacity.ts).
import { prisma, type Tx } from '~/utils/db.server'
import { capacityCutoff, capacityShare, parseCapacityShares } from './capacity'
import { staffAwayInWeek } from './presence.server'
import { getPolicy } from './settings.server'

export type UnitCapacity = {
  /** FTE at work this week, as employed. */
  staffFte: number
  /** FTE at work, each newcomer at their share: F in the SPEC. */
  capacityFte: number
  /** People at work counted below a full share. */
  reducedStaff: number
}

/**
 * Staff at work in the week of `monday`, per unit (all units, or `unitIds`).
 * Reads the FTE sums in one grouped query and only the newcomers and the
 * absent one by one, so it stays cheap with 10,000 staff.
 */
export async function unitCapacities(monday: Date, today: Date, unitIds?: string[], db: Tx = prisma): Promise<Map<string, UnitCapacity>> {
  const shares = parseCapacityShares((await getPolicy(db)).capacityShares)
  const inUnits = unitIds ? { unitId: { in: unitIds } } : {}
  const [sums, away] = await Promise.all([
    db.staff.groupBy({ by: ['unitId'], where: { active: true, ...inUnits }, _sum: { fte10: true } }),
    staffAwayInWeek(monday, undefined, db),
  ])
  const special = await db.staff.findMany({
    where: { active: true, ...inUnits, OR: [{ hireDate: { gt: capacityCutoff(today, shares) } }, { id: { in: [...away] } }] },
    select: { id: true, unitId: true, fte10: true, hireDate: true },
  })
  const result = new Map<string, UnitCapacity>()
  for (const g of sums) {
    const fte = (g._sum.fte10 ?? 0) / 10
    result.set(g.unitId, { staffFte: fte, capacityFte: fte, reducedStaff: 0 })
  }
  for (const s of special) {
    const unit = result.get(s.unitId)
    if (!unit) continue
    const fte = s.fte10 / 10
    if (away.has(s.id)) {
      unit.staffFte -= fte
      unit.capacityFte -= fte
      continue
    }
    const share = capacityShare(s.hireDate, today, shares)
    if (share < 1) {
      unit.capacityFte -= fte * (1 - share)
      unit.reducedStaff++
    }
  }
  for (const unit of result.values()) {
    unit.staffFte = Math.max(0, Math.round(unit.staffFte * 1e6) / 1e6)
    unit.capacityFte = Math.max(0, Math.round(unit.capacityFte * 1e6) / 1e6)
  }
  return result
}
