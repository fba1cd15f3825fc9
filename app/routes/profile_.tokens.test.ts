import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'
import { call, createUser, request, sessionCookie } from '../../tests/factories'
import { action, loader } from './profile_.tokens'

const post = (cookie: string, form: Record<string, string>) => call(() => action({ request: request('/profile/tokens', { cookie, form, headers: { Origin: 'http://localhost' } }), params: {}, context: {} }))

describe('/profile/tokens', () => {
  test('signed-out visitors are sent to sign in', async () => {
    const response = await call(() => loader({ request: request('/profile/tokens'), params: {}, context: {} }))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fprofile%2Ftokens')
  })

  test('creating shows the token once, uncached; the list shows only its prefix', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    const response = await post(cookie, { intent: 'create', name: 'Lönesystemet' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const body = (await response.json()) as { created: { name: string; token: string } }
    expect(body.created).toEqual({ name: 'Lönesystemet', token: expect.stringMatching(/^avl_/) })
    const page = await call(() => loader({ request: request('/profile/tokens', { cookie }), params: {}, context: {} }))
    const text = await page.text()
    expect(text).toContain(body.created.token.slice(0, 12))
    expect(text).not.toContain(body.created.token)
  })

  test('a missing or long name is an error next to the field; nothing is created', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    for (const [name, message] of [
      ['', 'api.tokens.nameRequired'],
      ['x'.repeat(61), 'api.tokens.nameTooLong'],
    ]) {
      const response = await post(cookie, { intent: 'create', name })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error.name).toEqual([message])
    }
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0)
  })

  test('revoking one’s own token; someone else’s is not found', async () => {
    const user = await createUser()
    const other = await createUser()
    const cookie = await sessionCookie(user.id)
    await post(await sessionCookie(other.id), { intent: 'create', name: 'Deras' })
    await post(cookie, { intent: 'create', name: 'Min' })
    const [mine, theirs] = [await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } }), await prisma.apiToken.findFirstOrThrow({ where: { userId: other.id } })]
    const refused = await post(cookie, { intent: 'revoke', tokenId: theirs.id })
    expect(refused.status).toBe(404)
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull()
    const revoked = await post(cookie, { intent: 'revoke', tokenId: mine.id })
    expect(revoked.status).toBe(302)
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toBeInstanceOf(Date)
  })

  test('a cross-site post is refused', async () => {
    const user = await createUser()
    const cookie = await sessionCookie(user.id)
    const response = await call(() =>
      action({ request: request('/profile/tokens', { cookie, form: { intent: 'create', name: 'Ond' }, headers: { Origin: 'https://evil.example' } }), params: {}, context: {} }),
    )
    expect(response.status).toBe(403)
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0)
  })
})
