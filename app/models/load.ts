// Workload arithmetic shared by the pages, the API and the engine adapter.
// Load 1.0 means the unit (or person) carries exactly its reasonable caseload.

/** A unit's own reasonable caseload, or its area's when it has none. */
export function reasonableCaseload(unitCasesPerFte: number | null | undefined, areaCasesPerFte: number) {
  return unitCasesPerFte ?? areaCasesPerFte
}

/** Open cases per full-time post at work, against the reasonable caseload. */
export function unitLoad(openCases: number, casesPerFte: number, staffFte: number): number | null {
  if (staffFte <= 0) return openCases > 0 ? null : 0
  return openCases / casesPerFte / staffFte
}

/** A person's own cases against what their working time can reasonably carry. */
export function personalLoad(caseload: number, fte10: number, casesPerFte: number): number | null {
  if (fte10 <= 0) return null
  return caseload / (casesPerFte * (fte10 / 10))
}

/** Cases above the reasonable level, in full-time posts (0 when within it). */
export function overloadFte(openCases: number, casesPerFte: number, staffFte: number) {
  return Math.max(0, openCases / casesPerFte - staffFte)
}

/** Still in the introduction period after hire, so never lent. */
export function isNewcomer(hireDate: Date, today: Date, introductionMonths: number) {
  const end = new Date(hireDate)
  end.setUTCMonth(end.getUTCMonth() + introductionMonths)
  return today < end
}

/** Workdays absent in a week at or above which a person counts as away that week. */
export const ABSENT_WORKDAYS_PER_WEEK = 3
