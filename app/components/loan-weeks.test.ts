import { expect, test } from 'vitest'
import { getFixedT } from '~/i18n'
import { periodText } from './loan-weeks'

const period = { startWeek: 2, endWeek: 4, requestStartWeek: 0, requestEndWeek: 4, minWeeks: 1, awayWeeks: [], committedWeeks: [], recoveryWeeks: [], coveredByOthersWeeks: [] }

test('a request begun before this week is told by its own weeks, as the card beside it tells them', () => {
  const t = getFixedT('sv')
  const horizon = new Date('2026-11-30') // week 49
  // What the engine saw: the request from this week on.
  expect(periodText(t, horizon, period)).toMatch(/^v\. 51–53 av behovets v\. 49–53;/)
  // The request itself began in week 47.
  expect(periodText(t, horizon, period, { startWeek: '2026-11-16', endWeek: '2026-12-28' })).toMatch(/^v\. 51–53 av behovets v\. 47–53;/)
})
