// Finding 5 through the forms: signing in or switching language with a hostile
// redirectTo lands on this site, and a CR/LF never becomes a server error.
import { describe, expect, test } from 'vitest'
import { call, createUser, TEST_PASSWORD } from '../factories'
import { action as localeAction } from '~/routes/locale'
import { action as loginAction } from '~/routes/login'
import { prisma } from '~/utils/db.server'

const post = (path: string, form: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })

const target = (response: Response) => new URL(response.headers.get('Location') ?? '', 'http://localhost/login')

describe('redirects stay on the site', () => {
  test.each(['/\t/evil.example/phish', '/\r\n/evil.example', '//evil.example', '/.//evil.example'])('sign-in with redirectTo=%j', async (redirectTo) => {
    const user = await createUser({ role: 'CENTRAL' })
    const response = await call(() =>
      loginAction({ request: post('/login', { email: user.email, password: TEST_PASSWORD, redirectTo }), params: {}, context: { clientIp: '192.0.2.1' } }),
    )
    expect(response.status).toBe(302)
    expect(target(response).origin).toBe('http://localhost')
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
  })

  test.each(['/\t/evil.example/phish', '/\r\nX: y', '//evil.example'])('language switch with redirectTo=%j', async (redirectTo) => {
    const response = await call(() => localeAction({ request: post('/locale', { locale: 'en', redirectTo }), params: {}, context: {} }))
    expect(response.status).toBe(302)
    expect(target(response).origin).toBe('http://localhost')
  })
})
