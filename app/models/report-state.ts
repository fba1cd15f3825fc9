// How a weekly report's figures came about, shared by the page (browser
// code) and the PDF: this week's live figures, kept when the week ended, or
// rebuilt from the units' history because the week was never kept.
export type ReportState = 'live' | 'archived' | 'rebuilt'

/** The line that says so, as a message key. */
export const REPORT_STATE_TEXT = { live: 'workload.report.liveNote', archived: 'workload.report.archived', rebuilt: 'workload.report.rebuilt' } as const satisfies Record<ReportState, string>
