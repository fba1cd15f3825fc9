import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LoanExplanationView } from '~/components/loan-explanation'
import { Button } from '~/components/ui/button'
import type { StoredExplanation } from '~/models/matching.server'
import { formatFte10, formatWeek } from '~/utils/format'
import { useLocale } from '~/utils/use-locale'

type SkillName = { key: string; nameSv: string; nameEn: string }

export type ProposalView = {
  id: string
  fte10: number
  startWeek: string
  endWeek: string
  explanation: unknown
  staff: { firstName: string; lastName: string; unit: { name: string } }
  request: { unit: { name: string }; skills: { skill: SkillName }[]; startWeek: string; endWeek: string }
  myAnswer: { answer: 'OK' | 'OBJECTION'; comment: string | null } | null
}

/** A proposed loan for the person or the lending manager: what, why (the engine's explanation), and their answer. */
export function ProposalCard({ proposal }: { proposal: ProposalView }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const person = `${proposal.staff.firstName} ${proposal.staff.lastName}`
  const explanation = proposal.explanation as StoredExplanation | null
  const headingId = `proposal-${proposal.id}`
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 [overflow-wrap:anywhere]">
      <h3 id={headingId} className="font-semibold">
        {t('consult.proposals.title', { person, unit: proposal.request.unit.name })}
      </h3>
      <p className="text-sm text-slate-700">
        {t('consult.proposals.terms', { fte: formatFte10(proposal.fte10, locale), weeks: t('format.weeks', { start: formatWeek(proposal.startWeek), end: formatWeek(proposal.endWeek) }) })}
      </p>
      {explanation ? (
        <details className="mt-2">
          <summary className="text-brand-700 cursor-pointer underline">{t('consult.proposals.why')}</summary>
          <LoanExplanationView
            explanation={explanation}
            skillNames={proposal.request.skills.map((s) => s.skill)}
            receivingName={proposal.request.unit.name}
            lendingName={proposal.staff.unit.name}
            requestWeeks={proposal.request}
          />
        </details>
      ) : null}
      {proposal.myAnswer ? (
        <p className="mt-2 text-sm font-semibold" role="status">
          {t('consult.proposals.yourAnswer', { answer: t(`consult.answers.${proposal.myAnswer.answer}`) })}
          {proposal.myAnswer.comment ? ` – ${proposal.myAnswer.comment}` : ''}
        </p>
      ) : null}
      <Form method="post" className="mt-3 space-y-2">
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="loanId" value={proposal.id} />
        <fieldset className="flex flex-wrap gap-4">
          <legend className="text-sm font-semibold">{t('consult.proposals.answerLegend')}</legend>
          {(['OK', 'OBJECTION'] as const).map((answer) => (
            <label key={answer} className="flex items-center gap-1 text-sm">
              <input type="radio" name="answer" value={answer} required defaultChecked={proposal.myAnswer?.answer === answer} />
              {t(`consult.answers.${answer}`)}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col text-sm font-semibold">
          {t('consult.proposals.comment')}
          <span className="sr-only"> ({person})</span>
          <textarea
            name="comment"
            maxLength={1000}
            rows={2}
            defaultValue={proposal.myAnswer?.comment ?? ''}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2 font-normal"
          />
        </label>
        <Button type="submit">
          {t('consult.proposals.send')}
          <span className="sr-only"> ({person})</span>
        </Button>
      </Form>
    </article>
  )
}
