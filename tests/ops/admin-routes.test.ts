// The central unit's operations pages, called as Remix calls them.
import { describe, expect, test } from 'vitest'
import { call, createRoles, createSkill, createStaff, request, sessionCookie } from '../factories'
import { prisma } from '~/utils/db.server'
import { loader as exportLoader } from '~/routes/admin.export'
import { loader as exportFileLoader } from '~/routes/admin.export.$kind[.csv]'
import { action as importAction, loader as importLoader } from '~/routes/admin.import'
import { action as privacyAction, loader as privacyLoader } from '~/routes/admin.privacy'
import { action as personalDataAction } from '~/routes/admin.privacy.$staffId[.json]'

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} })
const HEADER = 'Förnamn;Efternamn;E-post;Befattning;Enhetskod;Tjänstgöringsgrad;Anställningsdatum;Kompetenser'

function upload(path: string, cookie: string, csv: string | Uint8Array, fields: Record<string, string> = { intent: 'preview' }) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new File([csv as BlobPart], 'personal.csv', { type: 'text/csv' }))
  return new Request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' }, body: form })
}

type PreviewReply = {
  preview: { errors: { line: number; message: string }[]; newStaff: { email: string }[]; csv: string; fingerprint: string; totals: Record<string, number> } | null
  result: { error?: Record<string, string[]> } | null
  formError: string | null
}

describe('who may open the operations pages', () => {
  test('signed out: sign-in; staff and managers: 403; central: the page', async () => {
    const { staffUser, manager, central } = await createRoles()
    const loaders = [
      [importLoader, '/admin/import', {}],
      [exportLoader, '/admin/export', {}],
      [exportFileLoader, '/admin/export/staff.csv', { kind: 'staff' }],
      [privacyLoader, '/admin/privacy', {}],
    ] as const
    for (const [loader, path, params] of loaders) {
      const signedOut = await call(() => loader(args(request(path), params)))
      expect(signedOut.status, path).toBe(302)
      for (const user of [staffUser, manager]) {
        const refused = await call(async () => loader(args(request(path, { cookie: await sessionCookie(user.id) }), params)))
        expect(refused.status, path).toBe(403)
      }
      const ok = await call(async () => loader(args(request(path, { cookie: await sessionCookie(central.id) }), params)))
      expect(ok.status, path).toBe(200)
    }
    for (const [act, path] of [
      [importAction, '/admin/import'],
      [privacyAction, '/admin/privacy'],
    ] as const) {
      for (const user of [staffUser, manager]) {
        const refused = await call(async () => act(args(request(path, { cookie: await sessionCookie(user.id), form: { intent: 'apply' } }))))
        expect(refused.status, path).toBe(403)
      }
    }
  })
})

describe('/admin/import', () => {
  test('upload → preview with each bad row’s line and reason → nothing can be applied', async () => {
    const { central, unit } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const before = await prisma.staff.count()
    const csv = `${HEADER}\nAnna;Berg;anna@kommun.se;Socionom;${unit.code};0,8;2020-01-01;\nOla;Ek;ola@kommun;Socionom;${unit.code};0,8;2020-01-01;\nEva;Lind;eva@kommun.se;Socionom;finns-inte;0,8;2020-01-01;\n`
    const response = await call(() => importAction(args(upload('/admin/import', cookie, csv))))
    expect(response.status).toBe(200)
    const { preview } = (await response.json()) as PreviewReply
    expect(preview?.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'ops.import.errors.emailInvalid'],
      [4, 'ops.import.errors.unitUnknown'],
    ])
    expect(preview?.newStaff.map((s) => s.email)).toEqual(['anna@kommun.se'])
    expect(preview?.csv).toBe('')
    expect(await prisma.staff.count()).toBe(before)

    // A crafted apply with the same rows is refused with the preview again, nothing written.
    const forced = await call(() =>
      importAction(args(request('/admin/import', { cookie, form: { intent: 'apply', csv: Buffer.from(csv).toString('base64'), fingerprint: 'a'.repeat(64) } }))),
    )
    expect(forced.status).toBe(400)
    expect(((await forced.json()) as PreviewReply).formError).toBe('ops.import.hasErrors')
    expect(await prisma.staff.count()).toBe(before)
  })

  test('preview → apply posts the file back from the page and imports it, with a toast', async () => {
    const { central, unit } = await createRoles()
    await createSkill({ key: 'mi' })
    const cookie = await sessionCookie(central.id)
    const csv = `\uFEFF${HEADER}\r\nÅsa;Öberg;asa.oberg@kommun.se;Socionom;${unit.code};80 %;2020-01-01;mi:2\r\n`
    const preview = ((await (await call(() => importAction(args(upload('/admin/import', cookie, new TextEncoder().encode(csv)))))).json()) as PreviewReply).preview!
    expect(preview.totals).toMatchObject({ errors: 0, newStaff: 1 })
    const applied = await call(() => importAction(args(request('/admin/import', { cookie, form: { intent: 'apply', csv: preview.csv, fingerprint: preview.fingerprint } }))))
    expect(applied.status).toBe(302)
    expect(applied.headers.get('Location')).toBe('/admin/import')
    expect(applied.headers.get('Set-Cookie')).toContain('__avlast_toast')
    expect(await prisma.staff.findUnique({ where: { email: 'asa.oberg@kommun.se' }, select: { firstName: true, fte10: true } })).toEqual({ firstName: 'Åsa', fte10: 8 })
  })

  test('a stale preview is refused and shown again as it is now', async () => {
    const { central, unit } = await createRoles()
    const person = await createStaff({ unitId: unit.id, fte10: 10 })
    const cookie = await sessionCookie(central.id)
    const csv = `${HEADER}\n${person.firstName};${person.lastName};${person.email};Socialsekreterare;${unit.code};0,5;2018-01-01;\n`
    const preview = ((await (await call(() => importAction(args(upload('/admin/import', cookie, csv))))).json()) as PreviewReply).preview!
    await prisma.staff.update({ where: { id: person.id }, data: { fte10: 5 } })
    const stale = await call(() => importAction(args(request('/admin/import', { cookie, form: { intent: 'apply', csv: preview.csv, fingerprint: preview.fingerprint } }))))
    expect(stale.status).toBe(409)
    const body = (await stale.json()) as PreviewReply
    expect(body.formError).toBe('ops.import.changedSincePreview')
    expect(body.preview?.totals.changedStaff).toBe(0)
  })

  test('no file, an empty file or a file over the limit get a message next to the field', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const none = await call(() => importAction(args(request('/admin/import', { cookie, form: { intent: 'preview' } }))))
    expect(none.status).toBe(400)
    expect(((await none.json()) as PreviewReply).result?.error?.file).toEqual(['ops.import.fileRequired'])
    const empty = await call(() => importAction(args(upload('/admin/import', cookie, ''))))
    expect(((await empty.json()) as PreviewReply).result?.error?.file).toEqual(['ops.import.fileRequired'])
    const big = await call(() => importAction(args(upload('/admin/import', cookie, new Uint8Array(11 * 1024 * 1024).fill(59)))))
    expect(big.status).toBe(413)
    expect(((await big.json()) as PreviewReply).result?.error?.file).toEqual(['ops.import.fileTooLarge'])
  })
})

describe('/admin/export', () => {
  test('each kind downloads as a CSV attachment; an unknown kind is 404', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    for (const kind of ['staff', 'skills', 'loans']) {
      const response = await call(() => exportFileLoader(args(request(`/admin/export/${kind}.csv`, { cookie }), { kind })))
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="avlast-${kind}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`))
      // A UTF-8 BOM first, so Excel reads å, ä and ö right.
      expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    }
    const unknown = await call(() => exportFileLoader(args(request('/admin/export/users.csv', { cookie }), { kind: 'users' })))
    expect(unknown.status).toBe(404)
  })
})

describe('/admin/privacy', () => {
  test('search → download the person’s data → erase only after typing their e-mail', async () => {
    const { central, staff } = await createRoles()
    const cookie = await sessionCookie(central.id)
    const found = await call(() => privacyLoader(args(request(`/admin/privacy?q=${encodeURIComponent(staff.lastName)}`, { cookie }))))
    expect(((await found.json()) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual([staff.id])

    const confirm = await call(() => privacyLoader(args(request(`/admin/privacy?erase=${staff.id}`, { cookie }))))
    expect(((await confirm.json()) as { subject: { email: string } }).subject.email).toBe(staff.email)

    const download = await call(() => personalDataAction(args(request(`/admin/privacy/${staff.id}.json`, { cookie, form: {} }), { staffId: staff.id })))
    expect(download.headers.get('Content-Disposition')).toBe(`attachment; filename="avlast-personuppgifter-${staff.id}.json"`)
    expect(((await download.json()) as { person: { email: string } }).person.email).toBe(staff.email)

    const wrong = await call(() => privacyAction(args(request('/admin/privacy', { cookie, form: { intent: 'erase', staffId: staff.id, confirmEmail: 'fel@kommun.se' } }))))
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as PreviewReply).result?.error?.confirmEmail).toEqual(['ops.privacy.confirmMismatch'])
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).email).toBe(staff.email)

    const erased = await call(() =>
      privacyAction(args(request('/admin/privacy', { cookie, form: { intent: 'erase', staffId: staff.id, confirmEmail: ` ${staff.email.toUpperCase()} ` } }))),
    )
    expect(erased.status).toBe(302)
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).email).not.toBe(staff.email)
    const gone = await call(() => privacyLoader(args(request(`/admin/privacy?erase=${staff.id}`, { cookie }))))
    expect(gone.status).toBe(404)
  })

  test('a NUL byte or junk in the id or the search is not found or refused naming the field, never a server error (PostgreSQL refuses NUL in text)', async () => {
    const { central } = await createRoles()
    const cookie = await sessionCookie(central.id)
    expect((await call(() => privacyLoader(args(request('/admin/privacy?q=a%00b', { cookie }))))).status).toBe(200)
    expect((await call(() => privacyLoader(args(request('/admin/privacy?erase=a%00b', { cookie }))))).status).toBe(404)
    expect((await call(() => personalDataAction(args(request('/admin/privacy/x.json', { cookie, form: {} }), { staffId: 'a\u0000b' })))).status).toBe(404)
    const erase = await call(() => privacyAction(args(request('/admin/privacy', { cookie, form: { intent: 'erase', staffId: 'a\u0000b', confirmEmail: 'x' } }))))
    expect(erase.status).toBe(400)
    expect(await erase.json()).toEqual({ message: 'errors.fieldHasNul', field: 'staffId' })
  })
})
