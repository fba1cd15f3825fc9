import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE, type Locale } from '~/i18n'

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>('root')
  return data?.locale ?? DEFAULT_LOCALE
}

/** Picks the name in the current language from a record with nameSv/nameEn. */
export function localName(record: { nameSv: string; nameEn: string }, locale: Locale) {
  return locale === 'en' ? record.nameEn : record.nameSv
}
