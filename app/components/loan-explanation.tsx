import { useTranslation } from 'react-i18next'
import type { StoredExplanation } from '~/models/matching.server'
import { formatFte10, formatNumber, formatPercent, formatWeek } from '~/utils/format'
import { addWeeks } from '~/utils/weeks'
import { useLocale } from '~/utils/use-locale'
import { periodText } from './loan-weeks'

type SkillName = { key: string; nameSv: string; nameEn: string }

/** The engine's reasons for one suggestion, in words and small tables. */
export function LoanExplanationView({
  explanation,
  skillNames,
  receivingName,
  lendingName,
  requestWeeks,
}: {
  explanation: StoredExplanation
  skillNames: SkillName[]
  receivingName: string
  lendingName: string
  /** The request's own weeks: the engine sees only those from this week on. */
  requestWeeks: { startWeek: Date | string; endWeek: Date | string }
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const start = new Date(explanation.horizonStart)
  const weekLabel = (index: number) => t('format.week', { week: formatWeek(addWeeks(start, index)) })
  const nameOf = (key: string) => {
    const skill = skillNames.find((s) => s.key === key)
    return skill ? (locale === 'en' ? skill.nameEn : skill.nameSv) : key
  }
  const load = (v: number | null) => (v === null ? t('common.dash') : formatPercent(v, locale))
  const { person, receiving, lending, fairness, period } = explanation
  return (
    <div className="mt-3 grid gap-4 text-sm lg:grid-cols-3">
      {period ? (
        <section aria-label={t('explain.whyWeeks')} className="lg:col-span-3">
          <h4 className="font-semibold">{t('explain.whyWeeks')}</h4>
          <p>{periodText(t, start, period, requestWeeks)}</p>
          {period.recovery ? <p>{t('explain.recoveryCount', { weeks: period.recovery.lentWeeks, window: period.recovery.windowWeeks, max: period.recovery.maxLentWeeks })}</p> : null}
        </section>
      ) : null}
      <section aria-label={t('explain.whyPerson')}>
        <h4 className="font-semibold">{t('explain.whyPerson')}</h4>
        <ul className="mt-1 space-y-1">
          {person.skills.map((s) => (
            <li key={s.skill}>
              <span aria-hidden="true">{s.level >= s.minLevel ? '✔ ' : '✘ '}</span>
              {t('explain.skillLevel', { skill: nameOf(s.skill), level: s.level, min: s.minLevel })}
            </li>
          ))}
          {person.skills.length === 0 ? <li>{t('explain.noSkillsRequired')}</li> : null}
          <li>{t('explain.spare', { before: formatFte10(person.spareBefore10, locale), after: formatFte10(person.spareAfter10, locale) })}</li>
          <li>{t('explain.ownLoad', { load: formatPercent(person.ownLoad, locale) })}</li>
          <li>
            {fairness.lastLentWeek
              ? t('explain.lastLent', { week: formatWeek(fairness.lastLentWeek), weeks: fairness.weeksLentRecently, window: fairness.recoveryWindowWeeks })
              : t('explain.neverLent', { window: fairness.recoveryWindowWeeks })}
          </li>
        </ul>
      </section>
      <section aria-label={t('explain.whyUnit', { unit: receivingName })}>
        <h4 className="font-semibold">{t('explain.whyUnit', { unit: receivingName })}</h4>
        <table className="mt-1 border-collapse text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-3">{t('chart.week')}</th>
              <th scope="col" className="pr-3">{t('explain.loadBefore')}</th>
              <th scope="col" className="pr-3">{t('explain.loadAfter')}</th>
              <th scope="col">{t('explain.overloadAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {receiving.weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="pr-3 font-normal">{weekLabel(w.week)}</th>
                <td className="pr-3">{load(w.loadBefore)}</td>
                <td className="pr-3">{load(w.loadAfter)}</td>
                <td>{t('format.fte', { value: formatNumber(Math.max(0, w.demand - w.effectiveAfter), locale) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label={t('explain.lendingUnit', { unit: lendingName })}>
        <h4 className="font-semibold">{t('explain.lendingUnit', { unit: lendingName })}</h4>
        <p>{t('explain.donorLimit', { limit: formatPercent(lending.donorMaxLoad, locale) })}</p>
        <table className="mt-1 border-collapse text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-3">{t('chart.week')}</th>
              <th scope="col" className="pr-3">{t('explain.loadBefore')}</th>
              <th scope="col">{t('explain.loadAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {lending.weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="pr-3 font-normal">{weekLabel(w.week)}</th>
                <td className="pr-3">{load(w.loadBefore)}</td>
                <td>{load(w.loadAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
