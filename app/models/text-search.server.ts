// Searching by the words of names and e-mail addresses. Prisma's `contains`
// is LIKE '%…%' and escapes nothing: a word with % or _ was a pattern ("%"
// found every account), and SQLite's LIKE has no escape character unless
// asked. A word with one of them is looked up here with LIKE … ESCAPE, so it
// means itself; every other word goes through `contains` as before.
import { Prisma } from '@prisma/client'
import { prisma } from '~/utils/db.server'

// The backslash too: it is PostgreSQL's default escape character.
const PATTERN_CHARACTERS = /[\\%_]/

/** The spellings a word is tried in, since PostgreSQL compares case-sensitively: as typed, lower-case and capitalized. */
export function spellings(word: string) {
  return [...new Set([word, word.toLowerCase(), word[0].toUpperCase() + word.slice(1).toLowerCase()])]
}

/**
 * A `where` condition for one word: one of `columns` of `table` contains it
 * in one of its spellings, %, _ and \ as themselves. `table` and `columns`
 * name the model and its fields (they are written into SQL: never user input).
 */
export async function containsWord<Where>(table: 'User' | 'Staff', columns: readonly string[], word: string): Promise<Where> {
  if (!PATTERN_CHARACTERS.test(word)) return { OR: spellings(word).flatMap((v) => columns.map((c) => ({ [c]: { contains: v } }))) } as Where
  const likes = spellings(word).flatMap((v) => {
    const pattern = `%${v.replace(/[\\%_]/g, '\\$&')}%`
    return columns.map((c) => Prisma.sql`${Prisma.raw(`"${c}"`)} LIKE ${pattern} ESCAPE '\\'`)
  })
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.join(likes, ' OR ')}`
  return { id: { in: rows.map((r) => r.id) } } as Where
}
