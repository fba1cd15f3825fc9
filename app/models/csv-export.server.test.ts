import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { createRequest, createRoles, createSkill, createStaff, createUnit, createUser } from '../../tests/factories'
import { getActorById } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { ForbiddenError } from '~/utils/errors'
import { isoWeekId } from '~/utils/weeks'
import { exportCsv } from './csv-export.server'
import { applyHrImport, previewHrImport } from './hr-import.server'

async function centralActor() {
  return (await getActorById((await createUser({ role: 'CENTRAL' })).id))!
}

function rowsOf(csv: string) {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  return parse(csv.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[]
}

describe('CSV export', () => {
  test('staff come out in the import format, so the file goes back in with no changes', async () => {
    const central = await centralActor()
    const unit = await createUnit({ name: 'Barn och unga; Norr' })
    const skill = await createSkill({ key: 'bbic-x' })
    const anna = await createStaff({ unitId: unit.id, fte10: 8, caseload: 12, firstName: '=Anna' })
    await prisma.staffSkill.create({ data: { staffId: anna.id, skillId: skill.id, level: 3 } })
    // Anna is also her unit's manager: her login and units come out and go back in unchanged.
    const login = await createUser({ role: 'MANAGER', staffId: anna.id, unitIds: [unit.id] })
    const csv = await exportCsv(central, 'staff')
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFFörnamn;Efternamn;E-post;Befattning;Enhet;Enhetskod;Område;Tjänstgöringsgrad;Ärenden;Anställningsdatum;Samtycke till utlån;Kompetenser;Aktiv;Inloggning;Chef för',
    )
    const row = rowsOf(csv).find((r) => r['E-post'] === anna.email)
    expect(row).toMatchObject({
      Förnamn: "'=Anna",
      Enhet: 'Barn och unga; Norr',
      Enhetskod: unit.code,
      Tjänstgöringsgrad: '0,8',
      Ärenden: '12',
      Anställningsdatum: '2018-01-01',
      'Samtycke till utlån': 'ja',
      Kompetenser: 'bbic-x:3',
      Aktiv: 'ja',
      Inloggning: login.email,
      'Chef för': unit.code,
    })
    const preview = await previewHrImport(central, csv)
    expect(preview.errors).toEqual([])
    expect(preview.newStaff).toEqual([])
    expect(preview.changedStaff).toEqual([])
    expect(preview.logins).toEqual([])
    expect(preview.managers).toEqual([])
    expect(preview.unchanged).toBe(await prisma.staff.count())
    await applyHrImport(central, csv)
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: anna.id } })).firstName).toBe('=Anna')
  })

  test('skills and loans list what central follows up, and every export is logged', async () => {
    const central = await centralActor()
    const { unit, otherUnit, staff } = await createRoles()
    const skill = await createSkill()
    await prisma.staffSkill.create({ data: { staffId: staff.id, skillId: skill.id, level: 2, evidence: 'TRAINING' } })
    const request = await createRequest({ unitId: otherUnit.id, fte10: 5 })
    await prisma.loan.create({
      data: {
        staffId: staff.id,
        requestId: request.id,
        fte10: 5,
        startWeek: request.startWeek,
        endWeek: request.endWeek,
        status: 'APPROVED',
        note: 'Rad 1\nRad 2',
      },
    })

    const skills = rowsOf(await exportCsv(central, 'skills')).filter((r) => r['E-post'] === staff.email)
    expect(skills).toEqual([expect.objectContaining({ Kompetens: skill.key, Nivå: '2', Underlag: 'TRAINING', Enhetskod: unit.code })])

    const loans = rowsOf(await exportCsv(central, 'loans'))
    expect(loans).toEqual([
      expect.objectContaining({
        Status: 'APPROVED',
        'E-post': staff.email,
        'Utlånande enhetskod': unit.code,
        'Mottagande enhetskod': otherUnit.code,
        Omfattning: '0,5',
        'Första vecka': isoWeekId(request.startWeek),
        'Sista vecka': isoWeekId(request.endWeek),
        Anteckning: 'Rad 1\nRad 2',
      }),
    ])
    const logged = await prisma.auditLog.findMany({ where: { action: 'export.csv', actorEmail: central.email }, orderBy: { at: 'asc' } })
    expect(logged.map((e) => e.entityId).sort()).toEqual(['loans', 'skills'])
  })

  test('is for central only', async () => {
    const { manager, staffUser } = await createRoles()
    for (const id of [manager.id, staffUser.id]) {
      await expect(exportCsv((await getActorById(id))!, 'staff')).rejects.toBeInstanceOf(ForbiddenError)
    }
  })
})
