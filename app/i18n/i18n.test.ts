import { describe, expect, test } from 'vitest'
import { en } from './en'
import { createI18n, getFixedT } from './index'
import { sv } from './sv'

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

describe('i18n', () => {
  test('English has exactly the Swedish keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort())
    for (const key of keys(en)) expect(getFixedT('en')(key), key).not.toBe('')
  })

  test('Swedish is the default and interpolates', () => {
    expect(getFixedT('sv')('login.title')).toBe('Logga in')
    expect(createI18n('en').t('app.signedInAs', { name: 'Åsa' })).toBe('Signed in as Åsa')
  })
})
