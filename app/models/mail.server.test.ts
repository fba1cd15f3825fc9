// E-mail for notifications against a real SMTP server on the loopback
// (smtp-server), read back with mailparser: what arrives, in Swedish; a server
// that refuses leaves the approval done and the message retried; with several
// app processes on one database each message arrives once.
import type { ChildProcess } from 'node:child_process'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, describe, expect, test } from 'vitest'

const received: ParsedMail[] = []
let refuse = false
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(_address, _session, callback) {
    if (!refuse) return callback()
    const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number }
    error.responseCode = 451
    callback(error)
  },
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => received.push(mail))
      .then(
        () => callback(),
        (error: Error) => callback(error),
      )
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
const port = (smtp.server.address() as { port: number }).port
// Before the app's modules read the environment (it is checked once).
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
process.env.MAIL_FROM = 'Avlast <avlast@kommun.test>'
process.env.APP_URL = 'https://avlast.kommun.test'

const { createArea, createSkill, createStaff, createUnit, createUser, createRequest } = await import('../../tests/factories')
const { JOBS } = await import('~/jobs/registry.server')
const { createJobRunner } = await import('~/jobs/runner.server')
const { getActorById } = await import('~/utils/auth.server')
const { prisma } = await import('~/utils/db.server')
const { isoWeek } = await import('~/utils/weeks')
const { approveLoan } = await import('./loan-lifecycle.server')
const { notify } = await import('./notifications.server')
const { startWorkerProcess } = await import('../../tests/ops/support')

const children: ChildProcess[] = []
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

const actorOf = async (id: string) => (await getActorById(id))!
const text = (mail: ParsedMail) => (mail.text ?? '').replace(/\s+/g, ' ')
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? [])

async function world() {
  const area = await createArea({ casesPerFte: 10 })
  const tag = Math.random().toString(36).slice(2, 6)
  const receiving = await createUnit({ areaId: area.id, openCases: 60, name: `Barn och familj ${tag}` })
  const lending = await createUnit({ areaId: area.id, openCases: 20, name: `Vuxen ${tag}` })
  for (let i = 0; i < 3; i++) await createStaff({ unitId: lending.id, caseload: 5 })
  const skill = await createSkill()
  const lender = await createStaff({ unitId: lending.id, caseload: 5, firstName: 'Åsa' })
  await prisma.staffSkill.create({ data: { staffId: lender.id, skillId: skill.id, level: 3 } })
  const person = await createUser({ role: 'STAFF', staffId: lender.id })
  const lendingManager = await createUser({ role: 'MANAGER', unitIds: [lending.id] })
  const receivingManager = await createUser({ role: 'MANAGER', unitIds: [receiving.id] })
  const central = await createUser({ role: 'CENTRAL' })
  const request = await createRequest({ unitId: receiving.id, fte10: 5, weeks: 3, skills: [{ skillId: skill.id, minLevel: 2 }] })
  const loan = await prisma.loan.create({
    data: { staffId: lender.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek },
  })
  return { receiving, lending, lender, person, lendingManager, receivingManager, central: await actorOf(central.id), request, loan }
}

const runner = createJobRunner({ jobs: JOBS, retryDelayMs: undefined })

describe('notification e-mail over SMTP', () => {
  test('an approval sends the person, the lending and the receiving manager a Swedish e-mail naming the person, the unit, the weeks and the extent', async () => {
    const w = await world()
    received.length = 0
    await approveLoan(w.central, w.loan.id)
    expect(received).toHaveLength(0) // nothing is sent inside the action
    await runner.runDue()
    expect(received.flatMap(to).sort()).toEqual([w.person.email, w.lendingManager.email, w.receivingManager.email].sort())
    const weeks = `v. ${isoWeek(w.request.startWeek)}–${isoWeek(w.request.endWeek)}`
    for (const mail of received) {
      expect(mail.from?.value[0].address).toBe('avlast@kommun.test')
      expect(mail.subject).toBe(`Utlån godkänt: Åsa ${w.lender.lastName} till ${w.receiving.name}`)
      const body = text(mail)
      expect(body).toContain(`Utlånet av Åsa ${w.lender.lastName} (${w.lending.name}) till ${w.receiving.name} ${weeks}, 50 %, är godkänt.`)
      expect(body).toMatch(/Öppna i Avlast: https:\/\/avlast\.kommun\.test\/(profile#loans-heading|units\/\w+)/)
      expect(body).toContain('Stäng av dem under Mitt konto: https://avlast.kommun.test/account#notifications-heading')
    }
    const toPerson = received.find((m) => to(m).includes(w.person.email))!
    expect(text(toPerson)).toContain(`Hej ${w.person.name}!`)
    expect(text(toPerson)).toContain('https://avlast.kommun.test/profile#loans-heading')
  })

  test('a refusing SMTP server: the approval is done, the message is retried within a minute and then delivered once', async () => {
    const w = await world()
    received.length = 0
    refuse = true
    const approved = await approveLoan(w.central, w.loan.id)
    expect(approved.status).toBe('APPROVED')
    const started = Date.now()
    await runner.runDue()
    expect(received).toHaveLength(0)
    const jobs = await prisma.job.findMany({ where: { name: 'notification.mail', status: { not: 'DONE' } } })
    expect(jobs).toHaveLength(3)
    for (const job of jobs) {
      expect(job).toMatchObject({ status: 'PENDING', attempts: 1 })
      expect(job.lastError).toMatch(/451/)
      expect(job.runAt.getTime() - started).toBeGreaterThan(20_000)
      expect(job.runAt.getTime() - started).toBeLessThanOrEqual(60_000)
    }
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: w.loan.id } })).status).toBe('APPROVED')

    // The server is back; the retry falls due (moved forward instead of waiting half a minute).
    refuse = false
    await prisma.job.updateMany({ where: { id: { in: jobs.map((j) => j.id) } }, data: { runAt: new Date() } })
    await runner.runDue()
    expect(received).toHaveLength(3)
    expect(await prisma.job.count({ where: { id: { in: jobs.map((j) => j.id) }, status: 'DONE', attempts: 2 } })).toBe(3)
  })

  test('a message sent again, as after a crash between sending and marking its job done, carries the same Message-ID, so the copy can be dropped', async () => {
    const w = await world()
    received.length = 0
    await approveLoan(w.central, w.loan.id)
    await runner.runDue()
    const first = new Map(received.map((m) => [m.headers.get('x-avlast-notification') as string, m.messageId]))
    expect(first.size).toBe(3)
    for (const [id, messageId] of first) expect(messageId).toBe(`<notification-${id}@avlast.kommun.test>`)
    // These three jobs run again, as if never marked done.
    const jobs = (await prisma.job.findMany({ where: { name: 'notification.mail', status: 'DONE' } })).filter((j) => first.has(JSON.parse(j.payload).notificationId))
    expect(jobs).toHaveLength(3)
    await prisma.job.updateMany({ where: { id: { in: jobs.map((j) => j.id) } }, data: { status: 'PENDING', runAt: new Date() } })
    received.length = 0
    await runner.runDue()
    expect(received).toHaveLength(3)
    for (const mail of received) expect(mail.messageId).toBe(first.get(mail.headers.get('x-avlast-notification') as string))
  })

  // PostgreSQL: two app processes, each with its own Prisma client, claiming with SKIP LOCKED. SQLite
  // serves one instance (docs/operations.md), so there two job loops share this process's client.
  const postgres = process.env.DATABASE_URL!.startsWith('postgres')
  test(`${postgres ? 'two app processes with their own database clients' : 'two job loops'} on one database: each message arrives exactly once`, async () => {
    received.length = 0
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser({ role: 'STAFF' })))
    const workers = postgres ? [startWorker(), startWorker()] : [inProcessWorker(), inProcessWorker()]
    await Promise.all(workers.map((w) => w.ready))
    const MESSAGES = 60
    for (let batch = 0; batch < MESSAGES / 12; batch++) {
      await prisma.$transaction((tx) =>
        notify(
          tx,
          Array.from({ length: 12 }, (_, i) => ({
            userId: users[i % users.length].id,
            kind: 'caseFigure.stale' as const,
            params: { unit: `Enhet ${batch * 12 + i}`, date: new Date().toISOString() },
            link: '/situation',
          })),
        ),
      )
    }
    await expect.poll(() => received.length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(MESSAGES)
    await expect.poll(() => prisma.job.count({ where: { name: 'notification.mail', status: { not: 'DONE' } } }), { timeout: 20_000 }).toBe(0)
    await Promise.all(workers.map((w) => w.stop()))
    const ids = received.map((m) => m.headers.get('x-avlast-notification'))
    expect(ids).toHaveLength(MESSAGES)
    expect(new Set(ids).size).toBe(MESSAGES)
    if (postgres) {
      for (const w of workers) expect(w.output()).not.toMatch(/failed|Error/)
      // The work was shared, not done by one process that won every claim.
      expect(workers.every((w) => w.output().includes('mail sent'))).toBe(true)
    }
  }, 120_000)
})

function inProcessWorker() {
  const loop = createJobRunner({ jobs: JOBS, pollMs: 10, concurrency: 4 })
  loop.start()
  return { ready: Promise.resolve(), stop: () => loop.stop(), output: () => '' }
}

function startWorker() {
  return startWorkerProcess('tests/ops/fixtures/mail-worker.ts', children)
}
