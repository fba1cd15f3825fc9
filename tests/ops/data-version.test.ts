// Finding 10: a decision is seen at once by every worker and every instance.
// One server with two workers (connections alternate between them) and a
// second instance, caches that would otherwise live a minute: after
// "Lånet är godkänt." no page on any of them still lists the suggestion.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createArea, createRequest, createStaff, createUnit, createUser, sessionCookie } from '../factories'
import { ensureBuild, startServer, type AppServer } from './support'
import { prisma } from '~/utils/db.server'

let twoWorkers: AppServer
let other: AppServer

beforeAll(async () => {
  ensureBuild()
  const env = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: '3', READ_MODEL_TTL_MS: '60000' }
  ;[twoWorkers, other] = await Promise.all([startServer({ ...env, WEB_CONCURRENCY: '2' }), startServer(env)])
}, 120_000)

afterAll(async () => {
  await Promise.all([twoWorkers?.stop(), other?.stop()])
})

/** A page on a new connection each time, so the cluster hands it to the next worker. */
const page = (server: AppServer, path: string, cookie: string) =>
  fetch(`${server.url}${path}`, { headers: { Cookie: cookie, Connection: 'close' } }).then((r) => r.text())

describe('the shared data version', () => {
  test('after an approval through one worker, both workers and the other instance stop listing the suggestion', async () => {
    const area = await createArea({ casesPerFte: 20 })
    const lender = await createUnit({ areaId: area.id, openCases: 0 })
    const borrower = await createUnit({ areaId: area.id, openCases: 400 })
    const request = await createRequest({ unitId: borrower.id, fte10: 10, startInWeeks: 2, weeks: 4 })
    const staff = await createStaff({ unitId: lender.id, caseload: 0 })
    const run = await prisma.matchingRun.create({ data: { durationMs: 1, horizonStart: new Date(), horizonWeeks: 12, status: 'optimal', score: 1, baselineScore: 0 } })
    const loan = await prisma.loan.create({ data: { staffId: staff.id, requestId: request.id, fte10: 5, startWeek: request.startWeek, endWeek: request.endWeek, matchingRunId: run.id } })
    const central = await createUser({ role: 'CENTRAL' })
    const cookie = await sessionCookie(central.id)

    // Every worker caches the list with the suggestion in it.
    const servers = [twoWorkers, twoWorkers, twoWorkers, twoWorkers, other, other]
    for (const server of servers) expect(await page(server, '/matching', cookie)).toContain(`value="${loan.id}"`)

    const approval = await fetch(`${twoWorkers.url}/matching`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: twoWorkers.url, 'Content-Type': 'application/x-www-form-urlencoded', Connection: 'close' },
      body: new URLSearchParams({ intent: 'approve', loanId: loan.id }),
    })
    expect(approval.status).toBe(302)
    expect((await prisma.loan.findUniqueOrThrow({ where: { id: loan.id } })).status).toBe('APPROVED')

    const stale = []
    for (const [i, server] of [...servers, ...servers].entries()) if ((await page(server, '/matching', cookie)).includes(`value="${loan.id}"`)) stale.push(i)
    expect(stale, 'requests that still listed the approved suggestion').toEqual([])
  }, 60_000)
})
