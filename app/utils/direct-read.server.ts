// Reads for the hottest paths (every page's session, every API call's token,
// the staff directory), sent to the database driver without Prisma. Prisma's raw
// queries spend about 0.8 ms each compiling the query and mapping its rows,
// more than these queries take to run (0.02–0.4 ms at 10,000 staff). The SQL
// is the same Prisma.sql text on both databases; values are bound exactly as
// Prisma's own driver adapters bind them, so comparisons agree with theirs.
// Reads only: writes and transactions stay with Prisma.
import type { Prisma } from '@prisma/client'
import Database from 'better-sqlite3'
import pg from 'pg'

export type ReadRows = <T>(query: Prisma.Sql) => Promise<T[]>

export type DirectReader = { read: ReadRows; close: () => void }

// Dates as @prisma/adapter-better-sqlite3 stores them (text, ISO 8601), booleans as 0/1.
function sqliteValue(value: unknown) {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00')
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

/**
 * A connection of its own: on Prisma's, a read could see another request's
 * open transaction. Prepared statements are kept (a few hundred at most:
 * the IN lists vary by length).
 */
export function sqliteReader(file: string, timeout: number): DirectReader {
  let db: Database.Database | undefined
  const statements = new Map<string, Database.Statement>()
  const read = async <T>(query: Prisma.Sql) => {
    db ??= new Database(file, { fileMustExist: true, timeout })
    if (statements.size > 500) statements.clear()
    let statement = statements.get(query.sql)
    if (!statement) statements.set(query.sql, (statement = db.prepare(query.sql)))
    if (!statement.reader) throw new Error('Direct reads are for queries that return rows')
    return statement.all(...query.values.map(sqliteValue)) as T[]
  }
  const close = () => {
    statements.clear()
    db?.close()
    db = undefined
  }
  return { read, close }
}

// Timestamps as @prisma/adapter-pg sends them: UTC, without a zone.
function pgValue(value: unknown) {
  return value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value
}

const TIMESTAMP = 1114
const INT8 = 20

/** Prisma's own pool (app/utils/db.server.ts): no connections of its own, nothing to close (Prisma's $disconnect ends the pool). */
export function pgReader(pool: pg.Pool): DirectReader {
  // A timestamp without zone holds UTC; counts fit in a number.
  const getTypeParser = (oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
    if (oid === INT8) return (text: string) => Number(text)
    return pg.types.getTypeParser(oid, format)
  }
  const types = { getTypeParser } as pg.CustomTypesConfig
  const read = async <T>(query: Prisma.Sql) => (await pool.query({ text: query.text, values: query.values.map(pgValue), types })).rows as T[]
  return { read, close: () => {} }
}
