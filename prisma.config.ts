import fs from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'prisma/config'
import {
  getDatabaseProvider,
  getDatabaseUrl,
  sqliteFilePath,
} from './app/utils/database-url'
import { migrationAdapter } from './prisma/migration-adapter'

// The CLI downloads an engine when env("DATABASE_URL") is empty: never let it be.
const url = getDatabaseUrl()
process.env.DATABASE_URL = url
const provider = getDatabaseProvider(url)
if (provider === 'sqlite') {
  const file = sqliteFilePath(url)
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', provider),
  migrations: { path: path.join('prisma', provider, 'migrations') },
  adapter: () => migrationAdapter(url),
})
