import type { Prisma } from '@prisma/client'

/** What a page shows of a request beside a loan or a proposal: unit, weeks, size and skills. */
export const requestBriefSelect = {
  id: true,
  unitId: true,
  fte10: true,
  status: true,
  startWeek: true,
  endWeek: true,
  urgency: true,
  motivation: true,
  unit: { select: { id: true, name: true } },
  skills: { select: { minLevel: true, skill: { select: { key: true, nameSv: true, nameEn: true } } } },
} satisfies Prisma.ReinforcementRequestSelect

/** Everything the API's ReinforcementRequest shows, for whoever may see the request. */
export const requestSummarySelect = {
  id: true,
  unitId: true,
  fte10: true,
  minChunk10: true,
  startWeek: true,
  endWeek: true,
  minWeeks: true,
  urgency: true,
  motivation: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  unit: { select: { id: true, name: true } },
  skills: {
    orderBy: { skill: { nameSv: 'asc' } },
    // The whole Skill: the API's RequiredSkill.skill is one (issue #15, finding 9).
    select: { skillId: true, minLevel: true, skill: { select: { id: true, key: true, nameSv: true, nameEn: true, category: true, active: true } } },
  },
} satisfies Prisma.ReinforcementRequestSelect
