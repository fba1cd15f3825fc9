// A page of a list that grows with the municipality's history (loans,
// requests): at most `first`, after the row whose id is `after`, in the
// list's own order. The API's answers stay the same size year after year.
import { InputError } from '~/utils/errors'

export const MAX_PAGE = 500

export type IdPage = { first: number; after?: string | null }

/**
 * Refuses a size out of range, and an `after` the caller cannot see (a row
 * they may not see gives no position either), naming the argument.
 */
export async function checkIdPage({ first, after }: IdPage, visible: (id: string) => Promise<boolean>) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new InputError('first', 'api.errors.idPageSize')
  if (after && !(await visible(after))) throw new InputError('after', 'api.errors.afterUnknown')
}

/** Prisma's arguments for the page; the list's orderBy must end with `id` so ties keep one order. */
export function idPageArgs(page: IdPage | undefined) {
  if (!page) return {}
  return { take: page.first, ...(page.after ? { cursor: { id: page.after }, skip: 1 } : {}) }
}
