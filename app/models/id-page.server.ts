// A page of a list that grows with the municipality's history (loans,
// requests): at most `first`, after the row whose id is `after`. The API's
// answers stay the same size year after year.
import type { Prisma } from '@prisma/client'
import { InputError } from '~/utils/errors'

export const MAX_PAGE = 500

/**
 * `order: 'made'` pages in the order the rows were made, which never changes,
 * so paging through (as an integration syncing does) meets every row once even
 * while rows change; by first week (the pages' order) a row moved can be met twice or not at all.
 */
export type IdPage = { first: number; after?: string | null; order?: 'made' }

/** By first week, ties by creation and id; or, for `order: 'made'`, by creation and id alone. */
export function pageOrder(page: IdPage | undefined) {
  const made = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.LoanOrderByWithRelationInput[]
  return page?.order === 'made' ? made : [{ startWeek: 'asc' as const }, ...made]
}

/**
 * Refuses a size out of range, and an `after` the caller cannot see (a row
 * they may not see gives no position either), naming the argument.
 */
export async function checkIdPage({ first, after }: IdPage, visible: (id: string) => Promise<boolean>) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new InputError('first', 'api.errors.idPageSize')
  if (after && !(await visible(after))) throw new InputError('after', 'api.errors.afterUnknown')
}

/**
 * Prisma's arguments for the page. The cursor's row is where the page starts,
 * itself included only if it still matches the filter, so one more is read
 * and `pageRows` drops it (skipping one instead would drop a real row when the
 * cursor's row has left the filter, say a loan cancelled since).
 */
export function idPageArgs(page: IdPage | undefined): { take?: number; cursor?: { id: string } } {
  if (!page) return {}
  return page.after ? { take: page.first + 1, cursor: { id: page.after } } : { take: page.first }
}

/** The page's rows: without the cursor's own, at most `first`. */
export function pageRows<T extends { id: string }>(rows: T[], page: IdPage | undefined): T[] {
  if (!page) return rows
  return rows.filter((row) => row.id !== page.after).slice(0, page.first)
}
