import type { Locale } from '~/i18n'
import { prisma } from '~/utils/db.server'
import type { Actor } from '~/utils/permissions'
import { audit } from './audit.server'

export async function setUserLocale(actor: Actor, locale: Locale) {
  if (actor.locale === locale) return
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { locale } })
    await audit(tx, actor, {
      action: 'user.locale',
      entity: 'User',
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale },
    })
  })
}
