// Inserts the demo municipality in one transaction, in bulk.
import bcrypt from 'bcryptjs'
import type { PrismaClient } from '@prisma/client'
import { newApiTokenSecret } from '../../app/models/api-tokens.server'
import { runMatching } from '../../app/models/matching.server'
import { archiveMissedWeeks, archiveWeeklyReport } from '../../app/models/weekly-report.server'
import { getActorById } from '../../app/utils/auth.server'
import { addWeeks, today, weekStart } from '../../app/utils/weeks'
import { buildMunicipality, type DemoData } from './municipality'
import { DEMO_MUNICIPALITY, DEMO_PASSWORD } from './taxonomy'

const CHUNK = 500

const withoutSecret = ({ tokenHash, prefix }: { tokenHash: string; prefix: string }) => ({ tokenHash, prefix })

async function insert<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await create(rows.slice(i, i + CHUNK))
}

export async function seedDatabase(prisma: PrismaClient, options: { staff?: number; seed?: number; match?: boolean } = {}) {
  const started = Date.now()
  const data: DemoData = buildMunicipality({
    ...options,
    today: today(),
    passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10),
  })
  await prisma.$transaction(
    async (tx) => {
      await tx.settings.upsert({
        where: { id: 'default' },
        create: { id: 'default', municipalityName: DEMO_MUNICIPALITY },
        update: { municipalityName: DEMO_MUNICIPALITY },
      })
      await insert(data.areas, (d) => tx.area.createMany({ data: d }))
      await insert(data.caseTypes, (d) => tx.caseType.createMany({ data: d }))
      await insert(data.skills, (d) => tx.skill.createMany({ data: d }))
      await insert(data.units, (d) => tx.unit.createMany({ data: d }))
      await insert(data.unitCaseCounts, (d) => tx.unitCaseCount.createMany({ data: d }))
      await insert(data.staff, (d) => tx.staff.createMany({ data: d }))
      await insert(data.staffCaseCounts, (d) => tx.staffCaseCount.createMany({ data: d }))
      await insert(data.caseloadProposals, (d) => tx.caseloadProposal.createMany({ data: d }))
      await insert(data.users, (d) => tx.user.createMany({ data: d }))
      await insert(data.passwords, (d) => tx.password.createMany({ data: d }))
      await insert(data.unitManagers, (d) => tx.unitManager.createMany({ data: d }))
      // A fresh random secret each seed, hashed and dropped: the demo token is listed but nobody can use it.
      await insert(data.integrationTokens, (d) => tx.apiToken.createMany({ data: d.map((t) => ({ ...t, ...withoutSecret(newApiTokenSecret()) })) }))
      await insert(data.staffSkills, (d) => tx.staffSkill.createMany({ data: d }))
      await insert(data.absences, (d) => tx.absence.createMany({ data: d }))
      await insert(data.caseloads, (d) => tx.unitCaseload.createMany({ data: d.map((row) => ({ ...row, counts: row.counts ?? undefined })) }))
      await insert(data.reportComments, (d) => tx.weeklyReport.createMany({ data: d }))
      await insert(data.requests, (d) => tx.reinforcementRequest.createMany({ data: d }))
      await insert(data.requestSkills, (d) => tx.requestSkill.createMany({ data: d }))
      await insert(data.matchingRuns, (d) => tx.matchingRun.createMany({ data: d }))
      await insert(data.loans, (d) => tx.loan.createMany({ data: d }))
      await tx.auditLog.create({
        data: {
          action: 'seed',
          entity: 'Database',
          after: { units: data.units.length, staff: data.staff.length, requests: data.requests.length, loans: data.loans.length },
        },
      })
    },
    { timeout: 600_000, maxWait: 60_000 },
  )
  // The demo has been running for a while: its ended weeks are kept, as the Monday job keeps them.
  const lastWeek = addWeeks(weekStart(today()), -1)
  await archiveWeeklyReport(lastWeek)
  await archiveMissedWeeks(lastWeek)
  // Today's suggestions come from the engine itself, with their explanations.
  if (options.match !== false) {
    const central = data.users.find((u) => u.role === 'CENTRAL')
    const actor = central ? await getActorById(central.id) : null
    if (actor) await runMatching(actor, { timeLimitMs: 1000 })
  }
  return { data, ms: Date.now() - started }
}
