// A process killed (SIGKILL) in the middle of approving loans: every approval
// it confirmed is there with its audit entry, nothing is half written, and
// the database is intact.
import { spawn } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { createArea, createRequest, createStaff, createUnit, createUser } from '../factories'
import { random, ROOT } from './support'
import { getDatabaseProvider } from '~/utils/database-url'
import { prisma } from '~/utils/db.server'

/** Loans that can all be approved: each its own person from a unit with slack, into its own request. */
async function approvableLoans(count: number) {
  const area = await createArea({ casesPerFte: 20 })
  const donor = await createUnit({ areaId: area.id, openCases: 0 })
  const receiver = await createUnit({ areaId: area.id, openCases: 500 })
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const staff = await createStaff({ unitId: donor.id, caseload: 0 })
    const request = await createRequest({ unitId: receiver.id, fte10: 2, startInWeeks: 2, weeks: 3 })
    const loan = await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 2, startWeek: request.startWeek, endWeek: request.endWeek } })
    ids.push(loan.id)
  }
  return ids
}

/** Runs the approval loop in a child and kills it with SIGKILL a random moment after `afterConfirmed` confirmations. */
function approveThenKill(actorId: string, loanIds: string[], afterConfirmed: number, delayMs: number) {
  return new Promise<{ confirmed: string[]; killed: boolean }>((resolve, reject) => {
    // node itself (not the tsx wrapper, which runs the script in a grandchild), so SIGKILL hits the process doing the work.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/ops/fixtures/approve-loop.ts', actorId, ...loanIds], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const confirmed: string[] = []
    let buffer = ''
    let stderr = ''
    let killing = false
    child.stderr.on('data', (d) => (stderr += d))
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (line.startsWith('approved ')) confirmed.push(line.slice(9))
        if (!killing && confirmed.length >= afterConfirmed) {
          killing = true
          setTimeout(() => child.kill('SIGKILL'), delayMs)
        }
      }
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`approve loop failed (${code}): ${stderr}`))
      else resolve({ confirmed, killed: signal === 'SIGKILL' })
    })
  })
}

describe('a process killed during approvals', () => {
  test('loses nothing it confirmed and leaves nothing half written', async () => {
    const central = await createUser({ role: 'CENTRAL' })
    const loanIds = await approvableLoans(60)
    const rng = random(20261123)
    const confirmed: string[] = []
    let remaining = loanIds
    for (let round = 0; round < 3; round++) {
      const result = await approveThenKill(central.id, remaining, 3 + rng.int(6), rng.int(25))
      expect(result.killed).toBe(true)
      confirmed.push(...result.confirmed)
      const stillProposed = new Set((await prisma.loan.findMany({ where: { id: { in: remaining }, status: 'PROPOSED' }, select: { id: true } })).map((l) => l.id))
      // At most the approval in flight committed without being reported.
      expect(remaining.length - stillProposed.size - result.confirmed.length).toBeLessThanOrEqual(1)
      remaining = remaining.filter((id) => stillProposed.has(id))
    }
    expect(confirmed.length).toBeGreaterThanOrEqual(9)

    const loans = await prisma.loan.findMany({ where: { id: { in: loanIds } }, select: { id: true, status: true, decidedAt: true, decidedById: true } })
    const entries = await prisma.auditLog.findMany({ where: { action: 'loan.approve', entityId: { in: loanIds } }, select: { entityId: true } })
    const audited = new Map<string, number>()
    for (const e of entries) audited.set(e.entityId!, (audited.get(e.entityId!) ?? 0) + 1)
    const byId = new Map(loans.map((l) => [l.id, l]))

    // Every confirmed approval is there, decided by the user, with exactly one audit entry.
    for (const id of confirmed) {
      expect(byId.get(id)).toMatchObject({ status: 'APPROVED', decidedById: central.id })
      expect(audited.get(id)).toBe(1)
    }
    // No loan is half updated: approved ⇔ decided ⇔ audited, and proposed means untouched.
    for (const loan of loans) {
      const approved = loan.status === 'APPROVED'
      expect(loan.status === 'APPROVED' || loan.status === 'PROPOSED', loan.id).toBe(true)
      expect(loan.decidedAt !== null, loan.id).toBe(approved)
      expect(audited.get(loan.id) ?? 0, loan.id).toBe(approved ? 1 : 0)
    }

    if (getDatabaseProvider() === 'sqlite') {
      expect(await prisma.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
      expect(await prisma.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
    }
  }, 60_000)
})
