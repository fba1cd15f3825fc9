import path from 'node:path'

// Shared by prisma.config.ts, the app and the scripts so that all of them
// open the same database. SQLite is the embedded default.
export const DEFAULT_DATABASE_URL = 'file:./prisma/data/avlast.db'

export type DatabaseProvider = 'sqlite' | 'postgresql'

export function getDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
}

export function getDatabaseProvider(url: string = getDatabaseUrl()): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite'
}

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '')
  return file === ':memory:' ? file : path.resolve(process.cwd(), file)
}
