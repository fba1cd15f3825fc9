import type { Prisma } from '@prisma/client'

/** What a page shows of a request beside a loan, a proposal or a fitting offer: unit, weeks, size and skills. */
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
