// Builds a believable municipality as plain rows (no database access), so the
// seed can insert 150 or 10,000 staff in bulk and tests can check the data.
import { Faker, sv, en, base } from '@faker-js/faker'
import type {
  Absence,
  Area,
  CaseType,
  EvidenceKind,
  Loan,
  LoanStatus,
  MatchingRun,
  ReinforcementRequest,
  RequestSkill,
  Skill,
  Staff,
  StaffSkill,
  Unit,
  UnitCaseload,
  Urgency,
  User,
} from '@prisma/client'
import { capacityShare, DEFAULT_CAPACITY_SHARES, parseCapacityShares } from '../../app/models/capacity'
import { addWeeks, isoWeek, weekStart } from '../../app/utils/weeks'
import { AREA_SKILLS, AREAS, CASE_TYPES, DEMO_FORMER_USER, DEMO_UNITS, DEMO_USERS, LANGUAGES, SKILLS, TITLES, type AreaKey } from './taxonomy'

type Row<T, Omitted extends keyof T = never> = Omit<T, 'createdAt' | 'updatedAt' | Omitted>

export type DemoData = {
  areas: Row<Area>[]
  units: Row<Unit>[]
  users: (Omit<Row<User>, 'locale' | 'kind' | 'active' | 'deactivatedAt' | 'emailNotifications' | 'calendarTokenHash'> & Partial<Pick<User, 'kind' | 'active' | 'deactivatedAt'>>)[]
  passwords: { userId: string; hash: string }[]
  unitManagers: { userId: string; unitId: string }[]
  skills: Row<Skill, 'active'>[]
  staff: Row<Staff, 'active'>[]
  staffSkills: Row<StaffSkill>[]
  absences: Row<Absence>[]
  caseloads: UnitCaseload[]
  requests: (Row<ReinforcementRequest> & { createdAt?: Date })[]
  requestSkills: RequestSkill[]
  matchingRuns: Omit<MatchingRun, 'summary'>[]
  loans: Row<Loan, 'explanation'>[]
  caseTypes: Row<CaseType>[]
  unitCaseCounts: { unitId: string; caseTypeId: string; count: number }[]
  staffCaseCounts: { staffId: string; caseTypeId: string; count: number }[]
  caseloadProposals: { staffId: string; counts: Record<string, number> }[]
  reportComments: { weekStart: Date; comment: string; commentedById: string; commentedAt: Date }[]
  /** Integration tokens without their secret: seed-database.ts makes a random one for each, which nobody is shown. */
  integrationTokens: { userId: string; name: string; scope: 'READ_ONLY' | 'ROLE'; expiresAt: Date; createdById: string; lastUsedAt: Date | null }[]
}

/** Weeks of caseload history in the demo: a year, so the forecast has seasons to learn from. */
export const DEMO_HISTORY_WEEKS = 52

export type BuildOptions = {
  /** Number of staff; about 150 gives the ten demo units. */
  staff?: number
  seed?: number
  today: Date
  passwordHash: string
}

const DISTRICTS = ['Norr', 'Syd', 'Öst', 'Väst', 'Centrum', 'Hamnen', 'Åsen', 'Dalen', 'Backa', 'Lunden', 'Strand', 'Berga', 'Torp', 'Viken', 'Holmen', 'Bro']

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '')

const DAY = 86_400_000

export function buildMunicipality(options: BuildOptions): DemoData {
  const faker = new Faker({ locale: [sv, en, base] })
  faker.seed(options.seed ?? 2026)
  const id = () => faker.string.uuid()
  const today = options.today
  const monday = weekStart(today)
  const chance = (p: number) => faker.number.float({ min: 0, max: 1 }) < p
  const pick = <T>(list: readonly T[]) => list[faker.number.int({ min: 0, max: list.length - 1 })]
  const between = (min: number, max: number) => faker.number.float({ min, max })
  const daysAgo = (days: number) => new Date(today.getTime() - Math.round(days) * DAY)

  const data: DemoData = {
    areas: [],
    units: [],
    users: [],
    passwords: [],
    unitManagers: [],
    skills: [],
    staff: [],
    staffSkills: [],
    absences: [],
    caseloads: [],
    requests: [],
    requestSkills: [],
    matchingRuns: [],
    loans: [],
    caseTypes: [],
    unitCaseCounts: [],
    staffCaseCounts: [],
    caseloadProposals: [],
    reportComments: [],
    integrationTokens: [],
  }
  // The workload figures draw from their own sequence, so the rest of the municipality stays as it was.
  const wl = new Faker({ locale: [sv, en, base] })
  wl.seed((options.seed ?? 2026) + 14)
  const wlBetween = (min: number, max: number) => wl.number.float({ min, max })
  const typesByArea = new Map<AreaKey, { id: string; weight: number; share: number }[]>()
  /** Counts per case type that add up to about `points` points, in the area's usual mix. */
  const countsFor = (area: AreaKey, points: number) => {
    const types = typesByArea.get(area)!
    const perCase = types.reduce((sum, t) => sum + t.share * t.weight, 0)
    const cases = points / perCase
    return types.map((t) => ({ caseTypeId: t.id, count: Math.max(0, Math.round(cases * t.share)), weight: t.weight }))
  }
  const pointsOf = (counts: { count: number; weight: number }[]) => counts.reduce((sum, c) => sum + c.count * c.weight, 0)

  const areaIds = new Map<AreaKey, string>()
  for (const a of AREAS) {
    const areaId = id()
    areaIds.set(a.key, areaId)
    data.areas.push({ id: areaId, ...a })
    const types = CASE_TYPES[a.key].map((t, position) => ({ id: wl.string.uuid(), ...t, position }))
    typesByArea.set(a.key, types)
    for (const t of types) data.caseTypes.push({ id: t.id, areaId, nameSv: t.nameSv, nameEn: t.nameEn, weight: t.weight, position: t.position })
  }
  const skillIds = new Map<string, string>()
  for (const s of SKILLS) {
    const skillId = id()
    skillIds.set(s.key, skillId)
    data.skills.push({ id: skillId, key: s.key, nameSv: s.nameSv, nameEn: s.nameEn, category: s.category })
  }
  const skillDef = new Map(SKILLS.map((s) => [s.key, s]))

  // Units: the ten demo units, scaled, plus generated ones for large data.
  const wanted = options.staff ?? 148
  const demoTotal = DEMO_UNITS.reduce((sum, u) => sum + u.staff, 0)
  type UnitPlan = { code: string; name: string; area: AreaKey; staff: number; pressure: number; casesPerFte?: number }
  const plans: UnitPlan[] = []
  if (wanted <= demoTotal * 1.5) {
    for (const u of DEMO_UNITS) plans.push({ ...u, staff: Math.max(2, Math.round((u.staff * wanted) / demoTotal)) })
  } else {
    plans.push(...DEMO_UNITS)
    let left = wanted - demoTotal
    for (let n = 1; left > 0; n++) {
      const area = AREAS[n % AREAS.length]
      const size = Math.min(left, faker.number.int({ min: 15, max: 35 }))
      const district = `${pick(DISTRICTS)} ${Math.ceil(n / AREAS.length)}`
      plans.push({
        code: `${area.key}-${n}`,
        name: `${area.nameSv} ${district}`,
        area: area.key,
        staff: size,
        pressure: chance(0.35) ? between(1.05, 1.45) : between(0.65, 0.98),
      })
      left -= size
    }
  }

  const emails = new Set<string>()
  const uniqueEmail = (first: string, last: string, domain: string) => {
    const stem = `${ascii(first)}.${ascii(last)}`
    let email = `${stem}@${domain}`
    for (let n = 2; emails.has(email); n++) email = `${stem}${n}@${domain}`
    emails.add(email)
    return email
  }

  const addUser = (email: string, name: string, role: User['role'], staffId: string | null = null) => {
    const userId = id()
    data.users.push({ id: userId, email, name, role, staffId })
    data.passwords.push({ userId, hash: options.passwordHash })
    return userId
  }

  const centralId = addUser(DEMO_USERS.central, 'Maria Lindqvist', 'CENTRAL')
  addUser('central2@demo.avlast.se', 'Johan Berglund', 'CENTRAL')

  type PlannedUnit = UnitPlan & { id: string; casesPerFte: number; managerId: string; staffIds: string[] }
  const units: PlannedUnit[] = []
  for (const [i, plan] of plans.entries()) {
    const area = AREAS.find((a) => a.key === plan.area)!
    const unitId = id()
    const managerEmail = i === 0 ? DEMO_USERS.manager : `chef.${plan.code}@demo.avlast.se`
    const managerName = i === 0 ? 'Anders Holm' : `${faker.person.firstName()} ${faker.person.lastName()}`
    const managerId = addUser(managerEmail, managerName, 'MANAGER')
    data.unitManagers.push({ userId: managerId, unitId })
    units.push({ ...plan, id: unitId, casesPerFte: plan.casesPerFte ?? area.casesPerFte, managerId, staffIds: [] })
  }

  // Staff and their skills.
  const staffById = new Map<string, DemoData['staff'][number] & { areaKey: AreaKey }>()
  const held = new Set<string>()
  const addSkill = (staffId: string, key: string, level: number, managerId: string, years: number) => {
    if (held.has(`${staffId}|${key}`)) return
    held.add(`${staffId}|${key}`)
    const def = skillDef.get(key)!
    const evidence: EvidenceKind = def.evidence ?? 'EXPERIENCE'
    const validUntil = def.validYears
      ? new Date(daysAgo(between(0, Math.min(years, def.validYears * 1.15) * 365)).getTime() + def.validYears * 365 * DAY)
      : null
    const verified = chance(0.65)
    data.staffSkills.push({
      id: id(),
      staffId,
      skillId: skillIds.get(key)!,
      level,
      evidence,
      validUntil,
      verifiedById: verified ? managerId : null,
      verifiedAt: verified ? daysAgo(between(5, 365)) : null,
    })
  }

  let demoStaffPlaced = false
  for (const unit of units) {
    for (let n = 0; n < unit.staff; n++) {
      const isDemoStaff = !demoStaffPlaced && unit.code === 'eb-vaster' && n === 0
      const sex = chance(0.8) ? 'female' : 'male'
      const firstName = isDemoStaff ? 'Sara' : faker.person.firstName(sex)
      const lastName = isDemoStaff ? 'Nilsson' : faker.person.lastName()
      const email = isDemoStaff ? DEMO_USERS.staff : uniqueEmail(firstName, lastName, 'kommun.example.se')
      const newcomer = !isDemoStaff && chance(0.08)
      const years = isDemoStaff ? 6 : newcomer ? between(0.05, 0.45) : between(0.6, 25)
      const fte10 = isDemoStaff ? 10 : pick([10, 10, 10, 10, 10, 10, 10, 8, 8, 9, 5, 7, 6])
      const load = isDemoStaff ? 0.6 : Math.min(unit.pressure, 1.08) * between(0.75, 1.12)
      const staffId = id()
      const ownCounts = countsFor(unit.area, unit.casesPerFte * (fte10 / 10) * load)
      for (const c of ownCounts) data.staffCaseCounts.push({ staffId, caseTypeId: c.caseTypeId, count: c.count })
      const row = {
        id: staffId,
        firstName,
        lastName,
        email,
        title: isDemoStaff ? 'Socialsekreterare' : pick(TITLES[unit.area]),
        unitId: unit.id,
        fte10,
        caseload: ownCounts.reduce((sum, c) => sum + c.count, 0),
        caseloadPoints: pointsOf(ownCounts),
        // Most managers confirmed their staff's cases this month; some figures are older.
        caseloadUpdatedAt: daysAgo(wl.number.float({ min: 0, max: 1 }) < 0.8 ? wlBetween(1, 25) : wlBetween(35, 120)),
        hireDate: daysAgo(years * 365),
        lendingConsent: isDemoStaff || chance(0.6),
      }
      data.staff.push(row)
      staffById.set(staffId, { ...row, areaKey: unit.area })
      unit.staffIds.push(staffId)

      if (isDemoStaff) {
        demoStaffPlaced = true
        addSkill(staffId, 'forsorjningsstod', 3, unit.managerId, years)
        addSkill(staffId, 'sol', 3, unit.managerId, years)
        addSkill(staffId, 'mi', 2, unit.managerId, years)
        addSkill(staffId, 'bbic', 2, unit.managerId, 1)
        addSkill(staffId, 'barnsamtal', 2, unit.managerId, years)
        continue
      }
      const experienceLevel = 1 + Math.min(3, Math.floor(years / 4))
      const level = () => Math.max(1, Math.min(4, experienceLevel + pick([-1, 0, 0, 0, 1])))
      const own = AREA_SKILLS[unit.area]
      own.forEach((key, index) => {
        if (chance(Math.max(0.15, 0.92 - index * 0.09))) addSkill(staffId, key, level(), unit.managerId, years)
      })
      // Earlier jobs in another area: what makes cross-area loans possible.
      if (chance(0.22)) {
        const other = pick(AREAS.filter((a) => a.key !== unit.area)).key
        for (const key of AREA_SKILLS[other].slice(0, faker.number.int({ min: 1, max: 3 }))) {
          if (!own.includes(key)) addSkill(staffId, key, Math.max(1, level() - 1), unit.managerId, years)
        }
      }
      if (chance(0.22)) addSkill(staffId, pick(LANGUAGES), pick([3, 4, 4]), unit.managerId, years)
    }
  }

  const medarbetare = data.staff.find((s) => s.email === DEMO_USERS.staff)
  if (medarbetare) addUser(DEMO_USERS.staff, `${medarbetare.firstName} ${medarbetare.lastName}`, 'STAFF', medarbetare.id)

  // Absences: periods only, never a reason.
  for (const s of data.staff) {
    if (s.email === DEMO_USERS.staff || !chance(0.12)) continue
    const start = addWeeks(monday, faker.number.int({ min: -3, max: 10 }))
    const weeks = faker.number.int({ min: 1, max: 3 })
    data.absences.push({ id: id(), staffId: s.id, startDate: start, endDate: new Date(addWeeks(start, weeks).getTime() - 3 * DAY) })
  }

  // Units' open cases per case type now, and a year of history: a trend
  // towards today's pressure, a season (spring peak, summer and Christmas
  // dips) and noise. One unit has not updated its figures for 17 days, so its
  // last two weeks were carried forward and it shows as stale.
  const shares = parseCapacityShares(DEFAULT_CAPACITY_SHARES)
  const season = (date: Date) => {
    const week = isoWeek(date)
    return 1 + 0.05 * Math.sin((2 * Math.PI * (week - 6)) / 52) - (week >= 28 && week <= 32 ? 0.06 : 0) - (week >= 52 || week === 1 ? 0.05 : 0)
  }
  for (const unit of units) {
    const capacity = unit.staffIds.reduce((sum, sid) => {
      const s = staffById.get(sid)!
      return sum + (s.fte10 / 10) * capacityShare(s.hireDate, today, shares)
    }, 0)
    const counts = countsFor(unit.area, unit.pressure * unit.casesPerFte * capacity)
    const openCases = counts.reduce((sum, c) => sum + c.count, 0)
    const casePoints = pointsOf(counts)
    const area = AREAS.find((a) => a.key === unit.area)!
    const stale = unit.code === 'vuxen-psykiatri'
    const updatedAt = stale ? daysAgo(17) : daysAgo(wlBetween(0, 6))
    data.units.push({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      areaId: areaIds.get(unit.area)!,
      casesPerFte: unit.casesPerFte === area.casesPerFte ? null : unit.casesPerFte,
      openCases,
      casePoints,
      openCasesUpdatedAt: updatedAt,
    })
    for (const c of counts) data.unitCaseCounts.push({ unitId: unit.id, caseTypeId: c.caseTypeId, count: c.count })
    const week = (weekStart: Date, rowId: string, factor: number, staffFte: number) => {
      const past = countsFor(unit.area, casePoints * factor * (season(weekStart) / season(monday)))
      return {
        id: rowId,
        unitId: unit.id,
        weekStart,
        openCases: past.reduce((sum, c) => sum + c.count, 0),
        points: pointsOf(past),
        counts: Object.fromEntries(past.map((c) => [c.caseTypeId, c.count])),
        staffFte,
        carriedForward: false,
        figuresAt: new Date(weekStart.getTime() + DAY),
      }
    }
    const drift = unit.pressure > 1 ? between(0.12, 0.25) : between(-0.08, 0.08)
    for (let w = DEMO_HISTORY_WEEKS - 1; w >= 12; w--) {
      const factor = 1 - drift - (drift * 0.3 * (w - 11)) / 40 + wlBetween(-0.03, 0.03)
      data.caseloads.push(week(addWeeks(monday, -w), wl.string.uuid(), factor, Math.round(capacity * wlBetween(0.88, 1) * 10) / 10))
    }
    for (let w = 11; w >= 1; w--) {
      const factor = 1 - (drift * w) / 11 + between(-0.03, 0.03)
      data.caseloads.push(week(addWeeks(monday, -w), id(), factor, Math.round(capacity * between(0.88, 1) * 10) / 10))
    }
    data.caseloads.push({
      ...week(monday, id(), 1, capacity),
      openCases,
      points: casePoints,
      counts: Object.fromEntries(counts.map((c) => [c.caseTypeId, c.count])),
      figuresAt: updatedAt,
    })
    if (stale) {
      // The figures entered 17 days ago stand for every week since: carried forward, as the Monday job does.
      const entered = weekStart(updatedAt).getTime()
      const current = Object.fromEntries(counts.map((c) => [c.caseTypeId, c.count]))
      for (const r of data.caseloads) {
        if (r.unitId !== unit.id || r.weekStart.getTime() < entered) continue
        Object.assign(r, { openCases, points: casePoints, counts: current, carriedForward: r.weekStart.getTime() > entered, figuresAt: updatedAt })
      }
    }
  }

  // A correction proposed by a person in the demo manager's unit, and central's comment on last week's report.
  const proposer = units[0].staffIds.map((sid) => staffById.get(sid)!).find((s) => s.email !== DEMO_USERS.staff)
  if (proposer) {
    const current = data.staffCaseCounts.filter((c) => c.staffId === proposer.id)
    data.caseloadProposals.push({ staffId: proposer.id, counts: Object.fromEntries(current.map((c, i) => [c.caseTypeId, c.count + (i === 1 ? 2 : 0)])) })
  }
  data.reportComments.push({
    weekStart: addWeeks(monday, -1),
    comment: 'Trycket inom barn och unga fortsätter att öka. Två förstärkningsbehov är delvis tillsatta genom lån från ekonomiskt bistånd.',
    commentedById: centralId,
    commentedAt: daysAgo(3),
  })

  // Reinforcement requests from the units under pressure.
  const URGENCY: Urgency[] = ['NORMAL', 'HIGH', 'CRITICAL']
  const MOTIVATIONS = [
    'Många nya anmälningar och två vakanta tjänster. Utredningar riskerar att överskrida lagstadgad tid.',
    'Ökat inflöde av ansökningar och sjukfrånvaro i gruppen. Behöver stöd med nybesök och uppföljningar.',
    'Flera långtidsfrånvarande och en ökning av ärenden med skyddsbedömningar.',
    'Hög belastning efter omorganisation. Ärenden väntar på fördelning.',
    'Säsongstopp i ansökningar och pågående rekrytering. Behöver avlastning under introduktionen av nya medarbetare.',
  ]
  const openRequestIds: string[] = []
  const perPressuredUnit = wanted > 1000 ? 2 : 1
  for (const unit of units) {
    if (unit.pressure <= 1.1) continue
    const count = unit === units[0] ? 2 : perPressuredUnit
    for (let r = 0; r < count; r++) {
      const requestId = id()
      const skillsPool = AREA_SKILLS[unit.area]
      const start = addWeeks(monday, faker.number.int({ min: 1, max: 3 }))
      data.requests.push({
        id: requestId,
        unitId: unit.id,
        createdById: unit.managerId,
        fte10: pick([5, 10, 10, 15, 20]),
        // The demo manager's unit asks for parts anyone with a day a week to spare can give.
        minChunk10: unit === units[0] ? 2 : pick([2, 2, 3, 5]),
        startWeek: start,
        endWeek: addWeeks(start, faker.number.int({ min: 3, max: 9 })),
        // Most requests take help for part of their period (two weeks at least); the demo manager's only for all of it.
        minWeeks: unit === units[0] ? null : 2,
        urgency: unit.pressure > 1.3 ? 'CRITICAL' : pick(URGENCY),
        motivation: pick(MOTIVATIONS),
        status: 'OPEN',
      })
      openRequestIds.push(requestId)
      const required = [skillsPool[0], ...(r === 1 || chance(0.5) ? [skillsPool[2]] : [])]
      for (const key of required) {
        data.requestSkills.push({ requestId, skillId: skillIds.get(key)!, minLevel: unit === units[0] ? 2 : pick([2, 2, 3]) })
      }
    }
  }

  // Loans in every status, from staff in units with slack.
  const slack = units.filter((u) => u.pressure < 0.85)
  const lenders = slack
    .flatMap((u) => u.staffIds.map((sid) => staffById.get(sid)!))
    .filter((s) => s.lendingConsent && s.email !== DEMO_USERS.staff && s.hireDate < daysAgo(365))
  const runId = id()
  data.matchingRuns.push({
    id: runId,
    startedById: centralId,
    startedAt: daysAgo(1),
    durationMs: 420,
    horizonStart: monday,
    horizonWeeks: 12,
    status: 'feasible',
    score: 0,
    baselineScore: 0,
    bound: null,
  })
  const pressured = units.filter((u) => u.pressure > 1.1)
  const pastRequest = (unit: PlannedUnit, startOffset: number, weeks: number, status: ReinforcementRequest['status']) => {
    const requestId = id()
    const start = addWeeks(monday, startOffset)
    data.requests.push({
      id: requestId,
      unitId: unit.id,
      createdById: unit.managerId,
      fte10: 10,
      minChunk10: 2,
      startWeek: start,
      endWeek: addWeeks(start, weeks - 1),
      minWeeks: null,
      urgency: 'HIGH',
      motivation: pick(MOTIVATIONS),
      status,
    })
    data.requestSkills.push({ requestId, skillId: skillIds.get(AREA_SKILLS[unit.area][1])!, minLevel: 2 })
    return data.requests[data.requests.length - 1]
  }
  const plan: { status: LoanStatus; request: () => DemoData['requests'][number] }[] = [
    { status: 'COMPLETED', request: () => pastRequest(pressured[1 % pressured.length], -12, 6, 'CLOSED') },
    { status: 'COMPLETED', request: () => pastRequest(pressured[2 % pressured.length], -10, 5, 'CLOSED') },
    { status: 'ACTIVE', request: () => pastRequest(pressured[1 % pressured.length], -2, 7, 'OPEN') },
    { status: 'ACTIVE', request: () => pastRequest(pressured[2 % pressured.length], -1, 6, 'OPEN') },
    { status: 'APPROVED', request: () => pastRequest(pressured[3 % pressured.length], 2, 5, 'OPEN') },
    { status: 'APPROVED', request: () => pastRequest(pressured[1 % pressured.length], 3, 4, 'OPEN') },
    { status: 'REJECTED', request: () => pastRequest(pressured[2 % pressured.length], 1, 4, 'OPEN') },
    { status: 'CANCELLED', request: () => pastRequest(pressured[3 % pressured.length], -6, 4, 'CLOSED') },
    // Ended after three of its eight weeks: those three stay in follow-up and recovery.
    { status: 'ENDED_EARLY', request: () => pastRequest(pressured[3 % pressured.length], -5, 8, 'OPEN') },
  ]
  const used = new Set<string>()
  const decided = (status: LoanStatus) => status !== 'PROPOSED'
  for (const [i, p] of plan.entries()) {
    const lender = lenders.find((s) => !used.has(s.id) && s.fte10 === 10)
    if (!lender) break
    used.add(lender.id)
    const request = p.request()
    data.loans.push({
      id: id(),
      staffId: lender.id,
      requestId: request.id,
      fte10: 2 + (i % 2),
      startWeek: request.startWeek,
      endWeek: p.status === 'ENDED_EARLY' ? addWeeks(request.startWeek, 2) : request.endWeek,
      plannedEndWeek: p.status === 'ENDED_EARLY' ? request.endWeek : null,
      status: p.status,
      matchingRunId: runId,
      decidedById: decided(p.status) && p.status !== 'CANCELLED' ? centralId : null,
      decidedAt: decided(p.status) ? daysAgo(between(1, 60)) : null,
      manual: false,
      note:
        p.status === 'REJECTED'
          ? 'Personen behövs på hemmaenheten under perioden.'
          : p.status === 'CANCELLED'
            ? 'Behovet upphörde.'
            : p.status === 'ENDED_EARLY'
              ? 'Personen behövdes tillbaka på hemmaenheten.'
              : null,
    })
  }
  // Suggestions from the latest matching run, waiting for central's decision.
  for (const requestId of openRequestIds.slice(0, 2)) {
    const request = data.requests.find((r) => r.id === requestId)!
    const lender = lenders.find((s) => !used.has(s.id))
    if (!lender) break
    used.add(lender.id)
    data.loans.push({
      id: id(),
      staffId: lender.id,
      requestId,
      fte10: Math.max(request.minChunk10, 2),
      startWeek: request.startWeek,
      endWeek: request.endWeek,
      plannedEndWeek: null,
      status: 'PROPOSED',
      matchingRunId: runId,
      decidedById: null,
      decidedAt: null,
      note: null,
      manual: false,
    })
  }
  // Each request was made before its first loan was decided, so follow-up's time to the first approved loan reads true.
  const firstDecided = new Map<string, number>()
  for (const l of data.loans) {
    if (!l.decidedAt || l.status === 'REJECTED' || l.status === 'CANCELLED') continue
    firstDecided.set(l.requestId, Math.min(firstDecided.get(l.requestId) ?? Infinity, l.decidedAt.getTime()))
  }
  for (const r of data.requests) {
    const decided = firstDecided.get(r.id)
    r.createdAt = new Date(decided ? decided - wlBetween(1, 9) * DAY : Math.min(today.getTime(), r.startWeek.getTime() - wlBetween(3, 14) * DAY))
  }

  // Accounts beyond the demo sign-ins, so the admin pages show what a municipality has: someone who
  // left (deactivated, kept so the audit log still names them) and the HR system's integration, which
  // reads nightly with a read-only token. Own ids, so the rest of the municipality stays as it was.
  const accounts = new Faker({ locale: [base] })
  accounts.seed((options.seed ?? 2026) + 11)
  data.users.push({
    id: accounts.string.uuid(),
    email: DEMO_FORMER_USER,
    name: 'Karin Ekholm',
    role: 'CENTRAL',
    staffId: null,
    active: false,
    deactivatedAt: daysAgo(40),
  })
  const hrSystemId = accounts.string.uuid()
  data.users.push({ id: hrSystemId, email: 'hr-systemet@integration.avlast.invalid', name: 'HR-systemet', role: 'CENTRAL', staffId: null, kind: 'INTEGRATION' })
  data.integrationTokens.push({
    userId: hrSystemId,
    name: 'Personallista varje natt',
    scope: 'READ_ONLY',
    expiresAt: new Date(today.getTime() + 300 * DAY),
    createdById: centralId,
    lastUsedAt: new Date(daysAgo(1).getTime() + 2 * 3600_000),
  })
  return data
}
