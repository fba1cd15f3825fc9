// Seeded instances shaped like the shared examples, for benchmarks and
// property tests: areas with their own skills and reasonable caseloads, units
// under pressure and with slack, part-time staff, absences, multi-skill requests.
import type { Instance, InstanceRequest, InstanceStaff, InstanceUnit } from './types'
import { rng } from './search'

const AREAS = [
  { key: 'eb', casesPerFte: [30, 35], skills: ['forsorjningsstod', 'mi', 'fredav'] },
  { key: 'mott', casesPerFte: [35, 40], skills: ['forsorjningsstod', 'mi', 'bbic', 'asi'] },
  { key: 'lss', casesPerFte: [30, 40], skills: ['lss-utredning', 'ibic', 'barnsamtal'] },
  { key: 'bou', casesPerFte: [12, 20], skills: ['bbic', 'barnsamtal', 'signs-of-safety', 'lvu', 'familjeratt'] },
  { key: 'vux', casesPerFte: [20, 30], skills: ['asi', 'mi', 'lvm', 'fredav'] },
] as const
const LANGUAGES = ['arabiska', 'engelska', 'persiska', 'finska', 'somaliska', 'tigrinja', 'bks']

export type Shape = { units: number; staff: number; requests: number; weeks: number }
export const SHAPES = {
  small: { units: 10, staff: 120, requests: 12, weeks: 12 },
  medium: { units: 40, staff: 1000, requests: 60, weeks: 16 },
  large: { units: 400, staff: 10_000, requests: 500, weeks: 26 },
} satisfies Record<string, Shape>

export function generateInstance(shape: Shape, seed: number): Instance {
  const random = rng(seed)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const H = shape.weeks
  const units: (InstanceUnit & { area: (typeof AREAS)[number]; pressure: number; fte: number })[] = []
  for (let u = 0; u < shape.units; u++) {
    const area = AREAS[u % AREAS.length]
    units.push({ id: `u-${area.key}-${u + 1}`, casesPerFte: pick(area.casesPerFte), openCases: 0, area, pressure: random() < 0.45 ? 1.05 + random() * 0.6 : 0.62 + random() * 0.36, fte: 0 })
  }
  const staff: InstanceStaff[] = []
  for (let s = 0; s < shape.staff; s++) {
    const unit = units[s < shape.units ? s : int(0, shape.units - 1)]
    const fte10 = pick([10, 10, 10, 10, 10, 10, 10, 10, 10, 8, 8, 6, 5])
    unit.fte += fte10 / 10
    const skills: Record<string, number> = {}
    for (const key of unit.area.skills) if (random() < 0.5) skills[key] = int(1, 4)
    if (random() < 0.3) {
      const other = pick(AREAS)
      skills[pick(other.skills)] = int(1, 3)
    }
    if (random() < 0.25) skills[pick(LANGUAGES)] = int(2, 4)
    const unavailableWeeks: number[] = []
    if (random() < 0.23) {
      const start = int(0, H - 1)
      for (let t = start; t < Math.min(H, start + int(1, 4)); t++) unavailableWeeks.push(t)
    }
    const load = Math.min(unit.pressure, 1.05) * (0.7 + random() * 0.3)
    staff.push({
      id: `s-${s + 1}`,
      unitId: unit.id,
      fte10,
      caseload: Math.round(unit.casesPerFte * (fte10 / 10) * load),
      lendable: random() < 0.84,
      skills,
      unavailableWeeks,
    })
  }
  for (const unit of units) {
    const base = unit.pressure * unit.casesPerFte * unit.fte
    const trend = unit.pressure > 1 ? (random() - 0.3) * 0.15 : (random() - 0.5) * 0.1
    ;(unit as { openCases: number | number[] }).openCases =
      random() < 0.35 ? Math.round(base) : Array.from({ length: H }, (_, t) => Math.max(0, Math.round(base * (1 + (trend * t) / H + (random() - 0.5) * 0.04))))
  }
  const pressured = units.filter((u) => u.pressure > 1)
  const requests: InstanceRequest[] = []
  for (let r = 0; r < shape.requests; r++) {
    const unit = pick(pressured.length ? pressured : units)
    const length = int(2, Math.min(10, H))
    const start = int(0, H - length)
    const required: string[] = [...unit.area.skills].sort(() => random() - 0.5).slice(0, int(1, 3))
    if (random() < 0.25) required.push(pick(AREAS.filter((a) => a !== unit.area)).skills[0])
    if (random() < 0.1) required.push(pick(LANGUAGES))
    requests.push({
      id: `r-${r + 1}`,
      unitId: unit.id,
      fte10: int(5, 30),
      minChunk10: pick([1, 2, 2, 2, 3, 3, 5]),
      startWeek: start,
      endWeek: start + length - 1,
      skills: required.map((skill) => ({ skill, minLevel: pick([1, 2, 2, 3, 3, 3]) })),
    })
  }
  return {
    version: 1,
    horizonWeeks: H,
    policy: { staffMaxLoad: 1, donorMaxLoad: 0.9, maxConcurrentLoans: 1 },
    units: units.map(({ id, casesPerFte, openCases }) => ({ id, casesPerFte, openCases })),
    staff,
    requests,
  }
}
