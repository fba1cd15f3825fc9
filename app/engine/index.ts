// The matching engine: pure TypeScript, no I/O. See README.md in this folder.
export { solve, solveAsync } from './solve'
export { loadMipSolver, type MipSolver } from './mip'
export { validateInstance, formatInstanceError, DEFAULT_POLICY } from './validate'
export { checkLoans, createLoanChecker, scoreLoans } from './rules'
export { explainGivenLoans } from './explain-given'
export { greedyBaseline } from './greedy'
export type * from './types'
