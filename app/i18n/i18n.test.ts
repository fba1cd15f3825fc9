import { describe, expect, test } from 'vitest'
import { en } from './en'
import { apiEn, apiSv } from './api'
import { createI18n, getFixedT } from './index'
import { opsEn, opsSv } from './ops'
import { sv } from './sv'

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

describe('i18n', () => {
  test('English has exactly the Swedish keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort())
    expect(keys(apiEn).sort()).toEqual(keys(apiSv).sort())
    expect(keys(opsEn).sort()).toEqual(keys(opsSv).sort())
    for (const key of [...keys(en), ...keys(apiEn).map((k) => `api.${k}`), ...keys(opsEn).map((k) => `ops.${k}`)]) expect(getFixedT('en')(key), key).not.toBe('')
  })

  test('Swedish is the default and interpolates', () => {
    expect(getFixedT('sv')('login.title')).toBe('Logga in')
    expect(createI18n('en').t('app.signedInAs', { name: 'Åsa' })).toBe('Signed in as Åsa')
  })
})
