// On /profile, removing a skill or an absence that is not one's own, or withdrawing an
// offer one never made (an old page, a second click, a hand-made post, someone
// else's id) is refused in words, and changes nothing; it used to say "done".
import { describe, expect, test } from 'vitest'
import { consultWorld } from '../../tests/consult-world'
import { call, request, sessionCookie } from '../../tests/factories'
import { getFixedT } from '~/i18n'
import { volunteer } from '~/models/volunteers.server'
import { prisma } from '~/utils/db.server'
import { getToast } from '~/utils/toast.server'
import { action } from './profile'

async function post(userId: string, form: Record<string, string>) {
  const response = await call(async () => action({ request: request('/profile', { cookie: await sessionCookie(userId), form }), params: {}, context: {} }))
  expect(response.status).toBe(302)
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]
  return (await getToast(new Request('http://localhost/', { headers: { Cookie: cookie } }))).toast!
}

describe('profile posts about things that are not there', () => {
  test('removing a skill not in one’s profile says so in Swedish and English; nobody’s skill is removed', async () => {
    const { bbic, lender, users } = await consultWorld()
    const skills = () => prisma.staffSkill.count({ where: { skillId: bbic.id } })
    for (const skillId of [bbic.id, 'finns-inte']) {
      // The colleague has no BBIC; the lender's BBIC is not theirs to remove.
      const toast = await post(users.colleague.id, { intent: 'remove-skill', skillId })
      expect(toast).toMatchObject({ type: 'error', message: 'profile.errors.skillNotInProfile' })
      expect(getFixedT('sv')(toast.message)).toBe('Kompetensen finns inte i din profil, så det fanns inget att ta bort.')
      expect(getFixedT('en')(toast.message)).toBe('That skill is not in your profile, so there was nothing to remove.')
    }
    expect(await skills()).toBe(1)
    expect(await prisma.auditLog.count({ where: { action: 'staffSkill.remove' } })).toBe(0)
    // Her own is removed, once; the second time it is not there any more.
    expect(await post(users.lender.id, { intent: 'remove-skill', skillId: bbic.id })).toMatchObject({ type: 'success', message: 'profile.skillRemoved' })
    expect(await prisma.staffSkill.count({ where: { staffId: lender.id } })).toBe(0)
    expect(await post(users.lender.id, { intent: 'remove-skill', skillId: bbic.id })).toMatchObject({ type: 'error', message: 'profile.errors.skillNotInProfile' })
  })

  test('withdrawing an offer never made says so; the offer someone else made stays', async () => {
    const { request: need, users, actors } = await consultWorld()
    await volunteer(actors.lender, need.id)
    for (const requestId of [need.id, 'finns-inte']) {
      const toast = await post(users.colleague.id, { intent: 'withdraw-volunteer', requestId })
      expect(toast).toMatchObject({ type: 'error', message: 'profile.errors.notVolunteered' })
      expect(getFixedT('sv')(toast.message)).toBe('Du har inte erbjudit dig att hjälpa till med det behovet, så det fanns inget att ta tillbaka.')
      expect(getFixedT('en')(toast.message)).toBe('You have not offered to help with that request, so there was nothing to withdraw.')
    }
    expect(await prisma.volunteer.count({ where: { requestId: need.id } })).toBe(1)
    expect(await prisma.auditLog.count({ where: { action: 'request.unvolunteer' } })).toBe(0)
    expect(await post(users.lender.id, { intent: 'withdraw-volunteer', requestId: need.id })).toMatchObject({ type: 'success', message: 'consult.volunteer.withdrawn' })
    expect(await prisma.volunteer.count({ where: { requestId: need.id } })).toBe(0)
    expect(await post(users.lender.id, { intent: 'withdraw-volunteer', requestId: need.id })).toMatchObject({ type: 'error', message: 'profile.errors.notVolunteered' })
  })

  test('removing an absence that is not among one’s own says so; the colleague’s stays, and one’s own goes once', async () => {
    const { lender, users } = await consultWorld()
    const hers = await prisma.absence.create({ data: { staffId: lender.id, startDate: new Date('2030-01-07'), endDate: new Date('2030-01-11') } })
    for (const absenceId of [hers.id, 'finns-inte']) {
      const toast = await post(users.colleague.id, { intent: 'remove-absence', absenceId })
      expect(toast).toMatchObject({ type: 'error', message: 'profile.errors.absenceNotInProfile' })
      expect(getFixedT('sv')(toast.message)).toBe('Frånvaron finns inte bland dina, så det fanns inget att ta bort.')
    }
    expect(await prisma.absence.count({ where: { id: hers.id } })).toBe(1)
    expect(await post(users.lender.id, { intent: 'remove-absence', absenceId: hers.id })).toMatchObject({ type: 'success', message: 'profile.absenceRemoved' })
    expect(await post(users.lender.id, { intent: 'remove-absence', absenceId: hers.id })).toMatchObject({ type: 'error', message: 'profile.errors.absenceNotInProfile' })
    expect(await prisma.auditLog.count({ where: { action: 'absence.remove' } })).toBe(1)
  })
})
