import { describe, expect, test } from 'vitest'
import { accountsEn, accountsSv } from './accounts'
import { en } from './en'
import { apiEn, apiSv } from './api'
import { createI18n, getFixedT } from './index'
import { notificationsEn, notificationsSv } from './notifications'
import { opsEn, opsSv } from './ops'
import { sv } from './sv'
import { workloadEn, workloadSv } from './workload'

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

describe('i18n', () => {
  test('English has exactly the Swedish keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort())
    expect(keys(apiEn).sort()).toEqual(keys(apiSv).sort())
    expect(keys(opsEn).sort()).toEqual(keys(opsSv).sort())
    expect(keys(accountsEn).sort()).toEqual(keys(accountsSv).sort())
    expect(keys(workloadEn).sort()).toEqual(keys(workloadSv).sort())
    expect(keys(notificationsEn).sort()).toEqual(keys(notificationsSv).sort())
    for (const key of [...keys(en), ...keys(apiEn).map((k) => `api.${k}`), ...keys(opsEn).map((k) => `ops.${k}`), ...keys(accountsEn).map((k) => `accounts.${k}`), ...keys(workloadEn).map((k) => `workload.${k}`), ...keys(notificationsEn).map((k) => `notifications.${k}`)]) expect(getFixedT('en')(key), key).not.toBe('')
  })

  test('Swedish is the default and interpolates', () => {
    expect(getFixedT('sv')('login.title')).toBe('Logga in')
    expect(createI18n('en').t('app.signedInAs', { name: 'Åsa' })).toBe('Signed in as Åsa')
  })

  test('each language’s translate function gives its own texts, repeated calls too', () => {
    const sv = getFixedT('sv')
    const en = getFixedT('en')
    for (let i = 0; i < 2; i++) {
      expect(sv('login.title')).toBe('Logga in')
      expect(en('login.title')).toBe('Sign in')
      expect(sv('app.signedInAs', { name: 'Åsa' })).toBe('Inloggad som Åsa')
      expect(en('app.signedInAs', { name: 'Bo' })).toBe('Signed in as Bo')
    }
    // Asking for another language or a key prefix still goes through i18next.
    expect(createI18n('sv').getFixedT('en')('login.title')).toBe('Sign in')
    expect(createI18n('sv').getFixedT(null, null, 'login')('title')).toBe('Logga in')
  })
})
