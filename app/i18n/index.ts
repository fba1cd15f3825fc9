import { createInstance, type i18n as I18n } from 'i18next'
import { accountsEn, accountsSv } from './accounts'
import { apiEn, apiSv } from './api'
import { consultEn, consultSv } from './consult'
import { en } from './en'
import { notificationsEn, notificationsSv } from './notifications'
import { opsEn, opsSv } from './ops'
import { sv } from './sv'
import { workloadEn, workloadSv } from './workload'

export const LOCALES = ['sv', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'sv'

export const resources = {
  sv: { translation: { ...sv, api: apiSv, ops: opsSv, accounts: accountsSv, workload: workloadSv, consult: consultSv, notifications: notificationsSv } },
  en: { translation: { ...en, api: apiEn, ops: opsEn, accounts: accountsEn, workload: workloadEn, consult: consultEn, notifications: notificationsEn } },
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** BCP 47 tag for Intl: dates and numbers follow Swedish conventions in Swedish. */
export function intlLocale(locale: Locale) {
  return locale === 'sv' ? 'sv-SE' : 'en-GB'
}

const instances = new Map<Locale, I18n>()

/**
 * The i18next instance for a locale, made once per process (server) or page
 * (browser): the texts are bundled and never change at run time.
 */
export function getI18n(locale: Locale): I18n {
  let i18n = instances.get(locale)
  if (!i18n) instances.set(locale, (i18n = createI18n(locale)))
  return i18n
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
  return withFastFixedT(i18n)
}

/**
 * Each instance speaks one fixed language, so its translate function can skip
 * i18next's getFixedT wrapper, which copies every i18next option on every
 * call (a third of a large page’s server time). Texts without options are kept.
 */
function withFastFixedT(i18n: I18n): I18n {
  const plain = new Map<string, string>()
  const standard = i18n.getFixedT.bind(i18n)
  const fast = (key: string | string[], options?: Record<string, unknown>) => {
    if (typeof key !== 'string') return i18n.t(key, options)
    if (options !== undefined) return i18n.t(key, options)
    let text = plain.get(key)
    if (text === undefined) plain.set(key, (text = i18n.t(key)))
    return text
  }
  i18n.getFixedT = ((lng?: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const same = (lng == null || lng === i18n.language) && (ns == null || ns === 'translation' || (Array.isArray(ns) && ns.length === 1 && ns[0] === 'translation'))
    return same && !keyPrefix ? Object.assign(fast, { lng: i18n.language, ns: 'translation' }) : standard(lng as string, ns as string, keyPrefix)
  }) as I18n['getFixedT']
  return i18n
}

/** A translate function for server code (loaders, actions, GraphQL). */
export function getFixedT(locale: Locale) {
  return getI18n(locale).getFixedT(locale)
}
