import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { formatFte10, formatWeek } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'
import { Section } from '~/components/section'

type FittingRequest = {
  id: string
  fte10: number
  startWeek: string
  endWeek: string
  motivation: string
  volunteered: boolean
  unit: { name: string }
  skills: { minLevel: number; skill: { key: string; nameSv: string; nameEn: string } }[]
}

/** Open requests that fit the person's skills, each with "Jag kan hjälpa till" or withdrawing it. */
export function VolunteerList({ requests }: { requests: FittingRequest[] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <Section id="volunteer" heading={t('consult.volunteer.heading')} intro={t('consult.volunteer.intro')} className="space-y-3">
      {requests.length === 0 ? (
        <p>{t('consult.volunteer.none')}</p>
      ) : (
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">
                {t('consult.volunteer.title', { unit: r.unit.name, weeks: t('format.weeks', { start: formatWeek(r.startWeek), end: formatWeek(r.endWeek) }) })}
              </h3>
              <p className="text-sm text-slate-700">
                {t('format.fte', { value: formatFte10(r.fte10, locale) })} · {r.skills.map((k) => `${localName(k.skill, locale)} ≥ ${k.minLevel}`).join(', ')}
              </p>
              <p className="text-sm">{r.motivation}</p>
              <Form method="post" className="mt-2 flex flex-wrap items-center gap-3">
                <input type="hidden" name="requestId" value={r.id} />
                {r.volunteered ? (
                  <>
                    <p role="status" className="text-sm font-semibold">
                      {t('consult.volunteer.offered')}
                    </p>
                    <Button
                      type="submit"
                      name="intent"
                      value="withdraw-volunteer"
                      variant="secondary"
                      aria-label={t('consult.volunteer.withdrawFor', { unit: r.unit.name })}
                    >
                      {t('consult.volunteer.withdraw')}
                    </Button>
                  </>
                ) : (
                  <Button type="submit" name="intent" value="volunteer" aria-label={t('consult.volunteer.offerFor', { unit: r.unit.name })}>
                    {t('consult.volunteer.offer')}
                  </Button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
