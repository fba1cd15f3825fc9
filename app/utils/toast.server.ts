import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { getEnv, secureCookies } from './env.server'

export type Toast = { message: string; type: 'success' | 'error'; values?: Record<string, string> }

let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, { toast: Toast }>> | undefined

function toastStorage() {
  storage ??= createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: {
      name: '__avlast_toast',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secrets: [getEnv().SESSION_SECRET],
      secure: secureCookies(),
    },
  })
  return storage
}

/** Redirects after a successful change, with a message shown once on the next page. */
export async function redirectWithToast(to: string, toast: Toast, init: ResponseInit = {}) {
  const session = await toastStorage().getSession()
  session.flash('toast', toast)
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastStorage().commitSession(session))
  return redirect(to, { ...init, headers })
}

export async function getToast(request: Request) {
  const session = await toastStorage().getSession(request.headers.get('Cookie'))
  const toast = session.get('toast') ?? null
  return { toast, headers: toast ? { 'Set-Cookie': await toastStorage().commitSession(session) } : undefined }
}
