import { useTranslation } from 'react-i18next'
import { localName, useLocale } from '~/utils/use-locale'

type SkillOption = { id: string; nameSv: string; nameEn: string; category: string }

/** The skills catalogue as <option>s grouped by category, marking those already held. */
export function SkillOptions({ skills, held }: { skills: SkillOption[]; held?: Set<string> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const categories = [...new Set(skills.map((s) => s.category))]
  return (
    <>
      <option value="">{t('profile.chooseSkill')}</option>
      {categories.map((category) => (
        <optgroup key={category} label={t(`skill.categories.${category}`)}>
          {skills
            .filter((s) => s.category === category)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {localName(s, locale)}
                {held?.has(s.id) ? ` (${t('profile.alreadyHeld')})` : ''}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  )
}
