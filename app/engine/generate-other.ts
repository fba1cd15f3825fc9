// A second instance generator, shaped differently from generate.ts on
// purpose, so the benchmark measures the engine on instances it was not tuned
// on: unit sizes from a heavy tail (a few units of 60–150 people, many of
// 3–8), absences as scattered single weeks, shared holiday weeks and a few
// long leaves (each for about a quarter of the staff), a long tail of skills where requests often ask for the rare
// ones at high levels, part-time staff, requests from 1 to 26 weeks in two
// groups (short bursts and long vacancies) and from 0.5 to 6 FTE, and
// pressure up to two and a half times the reasonable caseload.
import { rng } from './search'
import type { Instance, InstanceRequest, InstanceStaff, InstanceUnit } from './types'
import type { Shape } from './generate'

export function generateOtherInstance(shape: Shape, seed: number): Instance {
  const random = rng(seed * 7919 + 17)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const H = shape.weeks
  const U = Math.max(2, shape.units)
  // Thirty skills with Zipf-like shares: the first held by half the staff, the last by 1 %.
  const skills = Array.from({ length: 30 }, (_, k) => ({ key: `k${k + 1}`, share: Math.max(0.01, 0.5 / Math.pow(k + 1, 0.9)) }))
  // Heavy-tailed unit sizes (Pareto, shape 1.3), scaled to the staff count.
  const raw = Array.from({ length: U }, () => Math.min(40, Math.pow(1 - random(), -1 / 1.3)))
  const total = raw.reduce((a, b) => a + b, 0)
  const sizes = raw.map((r) => Math.max(3, Math.round((r / total) * shape.staff)))
  const casesPerFte = [10, 14, 18, 25, 32, 45]
  const units = sizes.map((size, u) => {
    const pressured = u % 4 === 0 || random() < 0.12
    return {
      id: `unit-${u + 1}`,
      size,
      cpf: pick(casesPerFte),
      pressured,
      load: pressured ? 1.05 + Math.pow(random(), 1.5) * 1.45 : 0.4 + random() * 0.45,
      members: [] as number[],
      fte: 0,
    }
  })
  // Holiday weeks most people share (Christmas, the summer).
  const holidays = [Math.min(H - 1, 1), Math.min(H - 1, Math.floor(H * 0.6)), Math.min(H - 1, Math.floor(H * 0.6) + 1)]
  const staff: InstanceStaff[] = []
  // Each unit filled to its size (rounding leaves a few over or short: those go anywhere).
  const seats = units.flatMap((x, i) => new Array<number>(x.size).fill(i))
  for (let s = 0; s < shape.staff; s++) {
    const unit = units[s < seats.length ? seats[s] : int(0, U - 1)]
    unit.members.push(s)
    const fte10 = random() < 0.6 ? 10 : pick([4, 5, 6, 7, 8, 9])
    unit.fte += fte10 / 10
    const held: Record<string, number> = {}
    for (const k of skills) if (random() < k.share) held[k.key] = random() < 0.3 ? 4 : int(1, 3)
    const away = new Set<number>()
    const kind = random()
    if (kind < 0.25) for (let n = int(1, 2); n > 0; n--) away.add(int(0, H - 1))
    else if (kind < 0.5) for (const t of holidays) if (random() < 0.6) away.add(t)
    else if (kind < 0.55) {
      const length = Math.min(H, int(8, 20))
      const start = int(0, H - length)
      for (let t = start; t < start + length; t++) away.add(t)
    }
    const ratio = Math.max(0.2, Math.min(1.1, Math.min(unit.load, 1) * (0.55 + random() * 0.45)))
    staff.push({
      id: `p-${s + 1}`,
      unitId: unit.id,
      fte10,
      caseload: Math.round(ratio * unit.cpf * (fte10 / 10)),
      lendable: random() < 0.8,
      skills: held,
      ...(away.size ? { unavailableWeeks: [...away].sort((a, b) => a - b) } : {}),
    })
  }
  const instanceUnits: InstanceUnit[] = units.map((x) => {
    const base = x.load * x.cpf * Math.max(x.fte, 0.5)
    const trend = (random() - 0.3) * 0.3
    return { id: x.id, casesPerFte: x.cpf, openCases: Array.from({ length: H }, (_, t) => Math.max(0, Math.round(base * (1 + (trend * t) / H + (random() - 0.5) * 0.2)))) }
  })
  const pressured = units.filter((x) => x.pressured)
  const requests: InstanceRequest[] = []
  for (let r = 0; r < shape.requests; r++) {
    const unit = pick(pressured)
    const long = random() < 0.4
    const length = Math.min(H, long ? int(8, 20) : int(1, 4))
    const start = int(0, H - length)
    const required = new Set<string>()
    // Often a rare skill at a high level, plus a common one.
    required.add(random() < 0.35 ? skills[int(8, 24)].key : skills[int(0, 7)].key)
    if (random() < 0.5) required.add(skills[int(0, 12)].key)
    const chunk = pick([1, 2, 5, 10])
    requests.push({
      id: `req-${r + 1}`,
      unitId: unit.id,
      fte10: Math.max(chunk, random() < 0.7 ? int(5, 20) : int(20, 60)),
      ...(chunk > 1 ? { minChunk10: chunk } : {}),
      startWeek: start,
      endWeek: start + length - 1,
      skills: [...required].map((skill) => ({ skill, minLevel: random() < 0.25 ? int(3, 4) : int(1, 2) })),
    })
  }
  return { version: 1, horizonWeeks: H, policy: { staffMaxLoad: 1, donorMaxLoad: 0.9, maxConcurrentLoans: 1 }, units: instanceUnits, staff, requests }
}
