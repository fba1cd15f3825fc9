// The HR file's columns and how Avlast writes its cells: shared by the import
// page in the browser and the server's parser (hr-file.server.ts) and export.

export const HR_COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'title',
  'unitName',
  'unitCode',
  'area',
  'fte',
  'caseload',
  'hireDate',
  'lendingConsent',
  'skills',
  'active',
  'login',
  'managerOf',
] as const
export type HrColumn = (typeof HR_COLUMNS)[number]

/** The headers Avlast writes (export) and documents; the import also takes the aliases below. */
export const HR_HEADERS: Record<HrColumn, string> = {
  firstName: 'Förnamn',
  lastName: 'Efternamn',
  email: 'E-post',
  title: 'Befattning',
  unitName: 'Enhet',
  unitCode: 'Enhetskod',
  area: 'Område',
  fte: 'Tjänstgöringsgrad',
  caseload: 'Ärenden',
  hireDate: 'Anställningsdatum',
  lendingConsent: 'Samtycke till utlån',
  skills: 'Kompetenser',
  active: 'Aktiv',
  login: 'Inloggning',
  managerOf: 'Chef för',
}

/** A problem on one line of the file (line 1 is the header). */
export type ImportIssue = {
  line: number
  column?: HrColumn
  message: string
  values?: Record<string, string | number>
}

export type HrSkill = { key: string; level: number }

/** Unit codes as the file writes them in `Chef för`: `|` between them. */
export function formatUnitCodesCell(codes: readonly string[]) {
  return [...codes].sort((a, b) => a.localeCompare(b)).join('|')
}

/** FTE as the file writes it: tenths with a decimal comma ("0,8", "1,0"). */
export function formatFteCell(fte10: number) {
  return (fte10 / 10).toFixed(1).replace('.', ',')
}

export function formatSkillsCell(skills: readonly HrSkill[]) {
  return [...skills]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((s) => `${s.key}:${s.level}`)
    .join('|')
}
