import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { SerializeFrom } from '@remix-run/node'
import type { SkillMatrix } from '~/models/skills.server'
import { formatDate } from '~/utils/format'
import { localName, useLocale } from '~/utils/use-locale'
import { scrollRegion } from '~/utils/scroll-region'

const HEAT = ['', 'bg-emerald-50', 'bg-emerald-100', 'bg-emerald-300', 'bg-emerald-500 text-white']

/** Staff × skills as a heat table; a manager can verify unverified skills. */
export function SkillMatrixTable({ matrix, canVerify }: { matrix: SerializeFrom<SkillMatrix>; canVerify: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (matrix.staff.length === 0 || matrix.skills.length === 0) return <p className="mt-2">{t('unit.noMatrix')}</p>
  const now = new Date().toISOString()
  return (
    <div {...scrollRegion(t('unit.matrixCaption'))} className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="border-collapse text-left text-sm">
        <caption className="sr-only">{t('unit.matrixCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white p-2">{t('staff.name')}</th>
            {matrix.skills.map((skill) => (
              <th key={skill.id} scope="col" className="max-w-24 p-2 align-bottom text-xs font-semibold">
                {localName(skill, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.staff.map((person) => {
            const held = new Map(person.skills.map((s) => [s.skillId, s]))
            const name = `${person.firstName} ${person.lastName}`
            return (
              <tr key={person.id} className="border-t border-slate-200">
                <th scope="row" className="sticky left-0 bg-white p-2 font-medium whitespace-nowrap">{name}</th>
                {matrix.skills.map((skill) => {
                  const s = held.get(skill.id)
                  if (!s) return <td key={skill.id} className="p-2 text-center text-slate-400"><span className="sr-only">{t('unit.notHeld')}</span></td>
                  const expired = s.validUntil !== null && s.validUntil < now
                  return (
                    <td key={skill.id} className={`p-1 text-center ${expired ? 'bg-slate-200 line-through' : HEAT[s.level]}`}>
                      <span className="font-semibold">{s.level}</span>
                      <span className="sr-only">
                        {' '}
                        {t(`skill.levels.${s.level}`)}
                        {expired ? `, ${t('skill.expired')}` : ''}
                        {s.verifiedAt ? `, ${t('skill.verified')}` : `, ${t('skill.notVerified')}`}
                      </span>
                      {s.verifiedAt ? (
                        <span aria-hidden="true" title={formatDate(s.verifiedAt, locale)}> ✔</span>
                      ) : canVerify ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="verify-skill" />
                          <input type="hidden" name="staffSkillId" value={s.id} />
                          <button type="submit" className="ml-1 rounded border border-slate-400 bg-white px-1 text-xs text-slate-900 hover:bg-slate-100">
                            {t('unit.verify')}
                            <span className="sr-only"> {t('unit.verifyWhat', { skill: localName(skill, locale), name })}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  )
                })}
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="p-2 text-xs text-slate-600">{t('unit.matrixLegend')}</p>
    </div>
  )
}
