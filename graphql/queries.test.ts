// Every query with each role: what each may see, each refusal, each bad input.
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addWeeks, today, weekStart } from '~/utils/weeks'
import { createRequest, createRoles, createSkill, createStaff, createUnit, createUser } from '../tests/factories'
import { codes, credentialsFor, example, expectNothingWritten, gql, weekFromNow } from './test-helpers'

describe('me', () => {
  test('each role gets itself; staff their profile, managers their units', async () => {
    const { staff, staffUser, manager, central, unit } = await createRoles()
    const skill = await createSkill()
    await prisma.staffSkill.create({ data: { staffId: staff.id, skillId: skill.id, level: 2, evidence: 'CERTIFICATE', validUntil: new Date('2020-01-01') } })
    const own = await gql(example('me'), {}, await credentialsFor(staffUser.id))
    expect(own.data.me).toMatchObject({
      id: staffUser.id,
      role: 'STAFF',
      managedUnits: [],
      staff: { id: staff.id, unit: { name: unit.name }, skills: [{ skill: { key: skill.key }, level: 2, evidence: 'CERTIFICATE', validUntil: '2020-01-01', verified: false }] },
    })
    const boss = await gql(example('me'), {}, await credentialsFor(manager.id, 'cookie'))
    expect(boss.data.me).toMatchObject({ role: 'MANAGER', staff: null, managedUnits: [{ id: unit.id, name: unit.name, load: 5 }] })
    const centre = await gql('{ me { role email locale staff { id } } }', {}, await credentialsFor(central.id))
    expect(centre.data.me).toEqual({ role: 'CENTRAL', email: central.email, locale: 'sv', staff: null })
  })
})

describe('units, unit and situation', () => {
  test('every role sees every unit’s figures', async () => {
    const { staffUser, manager, central } = await createRoles()
    const area = await prisma.area.create({ data: { key: `a-${Date.now()}`, nameSv: 'Barn och unga', nameEn: 'Children and young people', casesPerFte: 20 } })
    const unit = await createUnit({ areaId: area.id, openCases: 90 })
    for (let i = 0; i < 3; i++) await createStaff({ unitId: unit.id })
    for (const userId of [staffUser.id, manager.id, central.id]) {
      const response = await gql('{ units { id name areaName openCases casesPerFte staffFte load loadWithLoans lentFte receivedFte openRequests trend } }', {}, await credentialsFor(userId))
      expect(response.errors).toEqual([])
      expect(response.data.units.find((u: { id: string }) => u.id === unit.id)).toEqual({
        id: unit.id,
        name: unit.name,
        areaName: 'Barn och unga',
        openCases: 90,
        casesPerFte: 20,
        staffFte: 3,
        load: 1.5,
        loadWithLoans: 1.5,
        lentFte: 0,
        receivedFte: 0,
        openRequests: 0,
        trend: [...Array(11).fill(null), 1.5],
      })
    }
  })

  test('unit(id) gives one unit, null for an unknown id; names follow the user’s language', async () => {
    const { central, unit } = await createRoles()
    await prisma.user.update({ where: { id: central.id }, data: { locale: 'en' } })
    const credentials = await credentialsFor(central.id)
    const response = await gql('query ($id: ID!) { unit(id: $id) { id openCases areaName } missing: unit(id: "nope") { id } }', { id: unit.id }, credentials)
    expect(response.data).toEqual({ unit: { id: unit.id, openCases: 100, areaName: expect.stringMatching(/^Area /) }, missing: null })
  })

  test('situation: highest load first, a trend of the asked weeks, for every role', async () => {
    const { staffUser, unit } = await createRoles()
    const monday = weekStart(today())
    await prisma.unitCaseload.create({ data: { unitId: unit.id, weekStart: addWeeks(monday, -2), openCases: 40, points: 40, staffFte: 1 } })
    const response = await gql('{ situation(weeks: 4) { week trendWeeks units { id load trend trendCarried } } }', {}, await credentialsFor(staffUser.id))
    expect(response.errors).toEqual([])
    const { week, trendWeeks, units } = response.data.situation
    expect(week).toBe(weekFromNow(0))
    expect(trendWeeks).toEqual([weekFromNow(-3), weekFromNow(-2), weekFromNow(-1), weekFromNow(0)])
    // The week nobody updated repeats the week before, and says so: no silent gap.
    expect(units.find((u: { id: string }) => u.id === unit.id)).toEqual({ id: unit.id, load: 5, trend: [null, 2, 2, 5], trendCarried: [false, false, true, false] })
    const loads = units.map((u: { load: number | null }) => u.load ?? Infinity)
    expect(loads).toEqual([...loads].sort((a, b) => b - a))
  })

  test('situation: weeks outside 1–52 is bad input', async () => {
    const { central } = await createRoles()
    const credentials = await credentialsFor(central.id)
    for (const weeks of [0, 53]) {
      const response = await gql('query ($weeks: Int) { situation(weeks: $weeks) { week } }', { weeks }, credentials)
      expect(response.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'weeks' }, message: 'Ange antalet veckor som ett heltal från 1 till 52.' }])
    }
  })
})

describe('skills', () => {
  test('every role gets the catalogue in use, named in their language', async () => {
    const { staffUser } = await createRoles()
    const skill = await createSkill()
    const retired = await createSkill()
    await prisma.skill.update({ where: { id: retired.id }, data: { active: false } })
    const response = await gql('{ skills { id key name nameEn category active } }', {}, await credentialsFor(staffUser.id))
    expect(response.data.skills).toContainEqual({ id: skill.id, key: skill.key, name: skill.nameSv, nameEn: skill.nameEn, category: 'METHOD', active: true })
    expect(response.data.skills.map((s: { id: string }) => s.id)).not.toContain(retired.id)
  })
})

describe('staff', () => {
  const PAGE = `query ($filter: StaffFilter, $first: Int, $after: String) {
    staff(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id firstName lastName email fte caseload personalLoad hireDate lendable notLendableReasons unit { id } } }
    }
  }`
  const ids = (response: { data: { staff: { edges: { node: { id: string } }[] } } }) => response.data.staff.edges.map((e) => e.node.id)

  test('pages by name with cursors until the end', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const names = ['Öberg', 'Andersson', 'Berg', 'Lind', 'Ek']
    const staff = []
    for (const lastName of names) {
      const s = await createStaff({ unitId: unit.id })
      staff.push(await prisma.staff.update({ where: { id: s.id }, data: { lastName } }))
    }
    const credentials = await credentialsFor(central.id)
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 3; page++) {
      const response: any = await gql(PAGE, { filter: { unitId: unit.id }, first: 2, after }, credentials)
      expect(response.errors).toEqual([])
      expect(response.data.staff.totalCount).toBe(5)
      seen.push(...response.data.staff.edges.map((e: any) => e.node.lastName))
      expect(response.data.staff.pageInfo.hasNextPage).toBe(page < 2)
      after = response.data.staff.pageInfo.endCursor
    }
    expect(seen).toHaveLength(5)
    const [db] = [await prisma.staff.findMany({ where: { unitId: unit.id }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }], select: { lastName: true } })]
    expect(seen).toEqual(db.map((s) => s.lastName))
    const first = (await gql(PAGE, { filter: { unitId: unit.id }, first: 1 }, credentials)) as any
    expect(first.data.staff.edges[0]).toMatchObject({ cursor: first.data.staff.pageInfo.endCursor, node: { fte: 1, caseload: 10, personalLoad: 0.5, hireDate: '2018-01-01', unit: { id: unit.id } } })
  })

  test('filters by skill and minimum level; an expired certificate does not count, one valid to this day does', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const skill = await createSkill()
    const [expert, novice, expired, lastDay, none] = await Promise.all([0, 1, 2, 3, 4].map(() => createStaff({ unitId: unit.id })))
    await prisma.staffSkill.createMany({
      data: [
        { staffId: expert.id, skillId: skill.id, level: 4 },
        { staffId: novice.id, skillId: skill.id, level: 1 },
        { staffId: expired.id, skillId: skill.id, level: 4, evidence: 'CERTIFICATE', validUntil: new Date('2021-01-01') },
        { staffId: lastDay.id, skillId: skill.id, level: 3, evidence: 'CERTIFICATE', validUntil: today() },
      ],
    })
    const credentials = await credentialsFor(central.id)
    const atLeast3 = (await gql(PAGE, { filter: { skillId: skill.id, minLevel: 3 } }, credentials)) as any
    expect(ids(atLeast3).sort()).toEqual([expert.id, lastDay.id].sort())
    expect(atLeast3.data.staff.totalCount).toBe(2)
    const any = (await gql(PAGE, { filter: { skillId: skill.id } }, credentials)) as any
    expect(ids(any).sort()).toEqual([expert.id, novice.id, lastDay.id].sort())
    expect(ids(any)).not.toContain(none.id)
  })

  test('filters by lendability: consent, introduction period, recovery', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const other = await createUnit()
    const lendable = await createStaff({ unitId: unit.id })
    const noConsent = await createStaff({ unitId: unit.id, lendingConsent: false })
    const newcomer = await createStaff({ unitId: unit.id, hireDate: today() })
    const tired = await createStaff({ unitId: unit.id })
    const request = await createRequest({ unitId: other.id, startInWeeks: -15, weeks: 14 })
    await prisma.loan.create({ data: { staffId: tired.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status: 'COMPLETED' } })
    const credentials = await credentialsFor(central.id)
    const yes = (await gql(PAGE, { filter: { unitId: unit.id, lendable: true } }, credentials)) as any
    expect(ids(yes)).toEqual([lendable.id])
    const no = (await gql(PAGE, { filter: { unitId: unit.id, lendable: false } }, credentials)) as any
    const reasons = Object.fromEntries(no.data.staff.edges.map((e: any) => [e.node.id, e.node.notLendableReasons]))
    expect(reasons).toEqual({ [noConsent.id]: ['CONSENT'], [newcomer.id]: ['NEWCOMER'], [tired.id]: ['RECOVERY'] })
    expect(no.data.staff.edges.every((e: any) => e.node.lendable === false)).toBe(true)
  })

  test('the example page and count', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const skill = await createSkill()
    for (const level of [1, 2, 3]) {
      const s = await createStaff({ unitId: unit.id })
      await prisma.staffSkill.create({ data: { staffId: s.id, skillId: skill.id, level } })
    }
    const credentials = await credentialsFor(central.id)
    const page = await gql(example('staff-page'), { skillId: skill.id, minLevel: 2 }, credentials)
    expect(page.errors).toEqual([])
    expect(page.data.staff.pageInfo.hasNextPage).toBe(false)
    expect(page.data.staff.edges.map((e: any) => e.node.skills[0])).toEqual([
      { skill: { key: skill.key }, level: expect.any(Number), expired: false },
      { skill: { key: skill.key }, level: expect.any(Number), expired: false },
    ])
    const count = await gql(example('staff-count'), { skillId: skill.id, minLevel: 2, lendable: true }, credentials)
    expect(count.data).toEqual({ staff: { totalCount: 2 } })
  })

  test('skills come through fragments the same as written out', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const [a, b] = [await createSkill(), await createSkill()]
    const s = await createStaff({ unitId: unit.id })
    await prisma.staffSkill.createMany({ data: [{ staffId: s.id, skillId: a.id, level: 2 }, { staffId: s.id, skillId: b.id, level: 4 }] })
    const credentials = await credentialsFor(central.id)
    const plain = await gql('query ($u: ID) { staff(filter: { unitId: $u }) { edges { node { skills { level skill { id } } } } } }', { u: unit.id }, credentials)
    const fragments = await gql(
      `query ($u: ID) { staff(filter: { unitId: $u }) { edges { ...Edge } } }
       fragment Edge on StaffEdge { node { ... on StaffMember { ...Held } } }
       fragment Held on StaffMember { skills { level skill { id } } }`,
      { u: unit.id },
      credentials,
    )
    expect(plain.errors).toEqual([])
    expect(fragments.errors).toEqual([])
    expect(fragments.data).toEqual(plain.data)
    expect(plain.data.staff.edges[0].node.skills).toEqual(expect.arrayContaining([{ level: 2, skill: { id: a.id } }, { level: 4, skill: { id: b.id } }]))
  })

  test('a manager lists only the staff of their own units', async () => {
    const { manager, unit, otherUnit, staff } = await createRoles()
    const stranger = await createStaff({ unitId: otherUnit.id })
    const credentials = await credentialsFor(manager.id)
    const response = (await gql(PAGE, { first: 100 }, credentials)) as any
    expect(ids(response)).toEqual([staff.id])
    expect(ids(response)).not.toContain(stranger.id)
    const own = (await gql(PAGE, { filter: { unitId: unit.id } }, credentials)) as any
    expect(own.data.staff.totalCount).toBe(1)
  })

  test('refused: staff listing others, a manager asking for another unit', async () => {
    const { staffUser, manager, otherUnit } = await createRoles()
    for (const [userId, filter] of [
      [staffUser.id, {}],
      [manager.id, { unitId: otherUnit.id }],
    ] as const) {
      const response = await gql(PAGE, { filter }, await credentialsFor(userId))
      expect(codes(response.errors)).toEqual(['FORBIDDEN'])
      expect(response.errors[0].path).toEqual(['staff'])
    }
  })

  test('bad input names the argument', async () => {
    const { central } = await createRoles()
    const skill = await createSkill()
    const credentials = await credentialsFor(central.id)
    const cases = [
      [{ first: 0 }, 'first', 'api.errors.pageSize'],
      [{ first: 101 }, 'first', 'api.errors.pageSize'],
      [{ after: 'not-a-cursor' }, 'after', 'api.errors.cursorInvalid'],
      [{ filter: { skillId: skill.id, minLevel: 5 } }, 'filter.minLevel', 'validation.levelInvalid'],
      [{ filter: { minLevel: 2 } }, 'filter.skillId', 'validation.skillRequired'],
    ] as const
    for (const [variables, field, key] of cases) {
      const response = await gql(PAGE, variables, credentials)
      expect(response.errors, field).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field, key } }])
    }
  })

  test('who may see a person’s details: the receiving manager sees the name of a lent person, not the rest', async () => {
    const { staff, staffUser, manager, otherManager, otherUnit, central } = await createRoles()
    const request = await createRequest({ unitId: otherUnit.id })
    await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status: 'APPROVED' } })
    const query = '{ loans { staff { id firstName email skills { level } absences { id } } } }'
    const receiving = await gql(query, {}, await credentialsFor(otherManager.id))
    expect(receiving.data).toBeNull()
    expect(codes(receiving.errors)).toContain('FORBIDDEN')
    const nameOnly = await gql('{ loans { staff { firstName unit { id } } } }', {}, await credentialsFor(otherManager.id))
    expect(nameOnly.data.loans).toEqual([{ staff: { firstName: staff.firstName, unit: { id: staff.unitId } } }])
    for (const userId of [staffUser.id, manager.id, central.id]) {
      const response = await gql(query, {}, await credentialsFor(userId))
      expect(response.errors, userId).toEqual([])
      expect(response.data.loans.filter((l: any) => l.staff.id === staff.id)).toEqual([{ staff: { id: staff.id, firstName: staff.firstName, email: staff.email, skills: [], absences: [] } }])
    }
  })

  test('a person who has left, reached through an old loan, is not lendable: INACTIVE', async () => {
    const { central } = await createRoles()
    const unit = await createUnit()
    const other = await createUnit()
    const [left, stayed] = await Promise.all([createStaff({ unitId: unit.id }), createStaff({ unitId: unit.id })])
    const request = await createRequest({ unitId: other.id, startInWeeks: -15, weeks: 2 })
    for (const person of [left, stayed]) {
      await prisma.loan.create({ data: { staffId: person.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek, status: 'COMPLETED' } })
    }
    await prisma.staff.update({ where: { id: left.id }, data: { active: false } })
    const response = await gql('{ loans { staff { id lendable notLendableReasons } } }', {}, await credentialsFor(central.id))
    expect(response.errors).toEqual([])
    const byId = new Map(response.data.loans.map((l: any) => [l.staff.id, l.staff]))
    expect(byId.get(left.id)).toEqual({ id: left.id, lendable: false, notLendableReasons: ['INACTIVE'] })
    expect(byId.get(stayed.id)).toEqual({ id: stayed.id, lendable: true, notLendableReasons: [] })
  })
})

describe('requests', () => {
  const QUERY = 'query ($status: RequestStatus, $unitId: ID) { requests(status: $status, unitId: $unitId) { id status fte minChunk startWeek endWeek urgency motivation unit { id name } skills { skill { key name } minLevel } createdAt } }'

  test('central sees all, a manager their own units’ only, with a status filter', async () => {
    const { manager, central, unit, otherUnit } = await createRoles()
    const skill = await createSkill()
    const own = await createRequest({ unitId: unit.id, skills: [{ skillId: skill.id, minLevel: 3 }] })
    const others = await createRequest({ unitId: otherUnit.id })
    const cancelled = await createRequest({ unitId: unit.id })
    await prisma.reinforcementRequest.update({ where: { id: cancelled.id }, data: { status: 'CANCELLED' } })
    const mine = await gql(QUERY, { status: 'OPEN' }, await credentialsFor(manager.id))
    expect(mine.data.requests).toEqual([
      {
        id: own.id,
        status: 'OPEN',
        fte: 1,
        minChunk: 0.2,
        startWeek: weekFromNow(1),
        endWeek: weekFromNow(4),
        urgency: 'NORMAL',
        motivation: 'Hög belastning',
        unit: { id: unit.id, name: unit.name },
        skills: [{ skill: { key: skill.key, name: skill.nameSv }, minLevel: 3 }],
        createdAt: own.createdAt.toISOString(),
      },
    ])
    const all = await gql(QUERY, {}, await credentialsFor(central.id))
    expect(all.data.requests.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([own.id, others.id, cancelled.id]))
    const byUnit = await gql(QUERY, { unitId: otherUnit.id }, await credentialsFor(central.id))
    expect(byUnit.data.requests.map((r: { id: string }) => r.id)).toEqual([others.id])
  })

  test('refused: staff, and a manager asking for another unit', async () => {
    const { staffUser, manager, otherUnit } = await createRoles()
    for (const [userId, variables] of [
      [staffUser.id, {}],
      [manager.id, { unitId: otherUnit.id }],
    ] as const) {
      const response = await gql(QUERY, variables, await credentialsFor(userId))
      expect(codes(response.errors)).toEqual(['FORBIDDEN'])
    }
  })
})

describe('loans', () => {
  test('staff see their own, managers those into and out of their units, central all; by status', async () => {
    const { staff, staffUser, manager, otherManager, central, otherUnit } = await createRoles()
    const third = await createUnit()
    const thirdManager = await createUser({ role: 'MANAGER', unitIds: [third.id] })
    const colleague = await createStaff({ unitId: third.id })
    const request = await createRequest({ unitId: otherUnit.id })
    const mine = await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status: 'APPROVED', explanation: { why: 'test' } } })
    const theirs = await prisma.loan.create({ data: { staffId: colleague.id, requestId: request.id, fte10: 3, startWeek: request.startWeek, endWeek: request.endWeek, status: 'PROPOSED' } })
    const query = 'query ($status: LoanStatus) { loans(status: $status) { id status fte startWeek endWeek explanation staff { id } request { id unit { id } } } }'
    // Central also sees the loans other tests in this file made.
    const ours = new Set([mine.id, theirs.id])
    const seen = async (userId: string, status?: string) =>
      ((await gql(query, { status }, await credentialsFor(userId))).data.loans as { id: string }[])
        .map((l) => l.id)
        .filter((id) => userId !== central.id || ours.has(id))
        .sort()
    expect(await seen(staffUser.id)).toEqual([mine.id])
    expect(await seen(manager.id)).toEqual([mine.id])
    expect(await seen(otherManager.id)).toEqual([mine.id, theirs.id].sort())
    expect(await seen(thirdManager.id)).toEqual([theirs.id])
    expect(await seen(central.id)).toEqual([mine.id, theirs.id].sort())
    expect(await seen(central.id, 'PROPOSED')).toEqual([theirs.id])
    const full = await gql(query, { status: 'APPROVED' }, await credentialsFor(central.id))
    expect(full.data.loans.filter((l: { id: string }) => ours.has(l.id))).toEqual([
      { id: mine.id, status: 'APPROVED', fte: 0.5, startWeek: weekFromNow(1), endWeek: weekFromNow(4), explanation: { why: 'test' }, staff: { id: staff.id }, request: { id: request.id, unit: { id: otherUnit.id } } },
    ])
  })

  test('the explanation, which describes the person, goes to central, the person and their own manager, not to the receiving unit’s manager', async () => {
    const { staff, staffUser, manager, otherManager, central, otherUnit } = await createRoles()
    const request = await createRequest({ unitId: otherUnit.id })
    const why = { person: { skills: [{ skill: 'barnsamtal', level: 2 }], ownLoad: 0.73 }, period: { awayWeeks: ['2026-12-21'] } }
    const loan = await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, status: 'PROPOSED', explanation: why } })
    const explanationFor = async (userId: string) => {
      const response = await gql('{ loans(status: PROPOSED) { id explanation } }', {}, await credentialsFor(userId))
      expect(response.errors).toEqual([])
      return response.data.loans.find((l: { id: string }) => l.id === loan.id)
    }
    for (const userId of [central.id, staffUser.id, manager.id]) expect(await explanationFor(userId)).toEqual({ id: loan.id, explanation: why })
    // The receiving manager sees the loan into their unit, without the person's details.
    expect(await explanationFor(otherManager.id)).toEqual({ id: loan.id, explanation: null })
  })

  test('reading never writes', async () => {
    const { central } = await createRoles()
    const credentials = await credentialsFor(central.id)
    await expectNothingWritten(async () => {
      for (const name of ['me', 'situation', 'loans']) expect((await gql(example(name), {}, credentials)).errors).toEqual([])
    })
  })
})
