import { createInstance, type i18n as I18n } from 'i18next'
import { apiEn, apiSv } from './api'
import { en } from './en'
import { opsEn, opsSv } from './ops'
import { sv } from './sv'

export const LOCALES = ['sv', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'sv'

export const resources = {
  sv: { translation: { ...sv, api: apiSv, ops: opsSv } },
  en: { translation: { ...en, api: apiEn, ops: opsEn } },
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** BCP 47 tag for Intl: dates and numbers follow Swedish conventions in Swedish. */
export function intlLocale(locale: Locale) {
  return locale === 'sv' ? 'sv-SE' : 'en-GB'
}

/** A ready i18next instance; resources are bundled, so init is synchronous. */
export function createI18n(locale: Locale): I18n {
  const i18n = createInstance()
  void i18n.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  })
  return i18n
}

const serverInstances = new Map<Locale, I18n>()

/** A translate function for server code (loaders, actions, GraphQL). */
export function getFixedT(locale: Locale) {
  let i18n = serverInstances.get(locale)
  if (!i18n) serverInstances.set(locale, (i18n = createI18n(locale)))
  return i18n.getFixedT(locale)
}
