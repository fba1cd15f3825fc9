import { assertSameOrigin } from '~/utils/csrf.server'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { setUserLocale } from '~/models/users.server'
import { isLocale } from '~/i18n'
import { getUser } from '~/utils/auth.server'
import { localeCookie } from '~/utils/locale.server'
import { safeRedirect } from '~/utils/redirect'
import { readFormData } from '~/utils/forms.server'

export const loader = () => redirect('/')

// Open to everyone, also on the sign-in page.
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readFormData(request)
  const locale = form.get('locale')
  const to = safeRedirect(form.get('redirectTo'), '/')
  if (!isLocale(locale)) return redirect(to)
  const user = await getUser(request)
  if (user) await setUserLocale(user, locale)
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}
