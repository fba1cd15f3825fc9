// Driver adapters for the Prisma CLI (migrate, db push). They carry the small
// fixes STACK-NOTES.md describes; the app itself uses app/utils/db.server.ts.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { parse as parseConnectionString } from 'pg-connection-string'
import { getDatabaseProvider, sqliteFilePath } from '../app/utils/database-url'

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>

// The shadow database replays a migration with one executeRaw; SQLite needs a
// script for several statements.
class ShadowFriendlySQLite3 extends PrismaBetterSQLite3 {
  async connectToShadowDb(): Promise<Adapter> {
    const adapter = await super.connectToShadowDb()
    const executeRaw = adapter.executeRaw.bind(adapter)
    adapter.executeRaw = async (query) =>
      query.args.length === 0
        ? (await adapter.executeScript(query.sql), 0)
        : executeRaw(query)
    return adapter
  }
}

// adapter-pg cannot read the catalog types `name` and `"char"` (and arrays):
// read them as text. It also splits scripts on every `;`, which breaks
// function bodies: send a migration as one simple query, as Prisma's native
// engine does.
const CATALOG_OIDS: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 }
let pgPatched = false
async function patchCatalogTypes(factory: PrismaPg) {
  if (pgPatched) return
  const adapter = await factory.connect()
  let proto = Object.getPrototypeOf(adapter)
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto)
  const performIO = proto.performIO
  proto.performIO = async function (this: unknown, query: unknown) {
    const result = await performIO.call(this, query)
    for (const field of result?.fields ?? []) {
      field.dataTypeID = CATALOG_OIDS[field.dataTypeID] ?? field.dataTypeID
    }
    return result
  }
  const adapterProto = Object.getPrototypeOf(adapter)
  adapterProto.executeScript = async function (
    this: { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never },
    script: string,
  ) {
    try {
      await this.client.query(script)
    } catch (error) {
      this.onError(error)
    }
  }
  await adapter.dispose()
  pgPatched = true
}

// The stock shadow database is dropped while its own pool still holds it.
class ShadowFriendlyPg extends PrismaPg {
  constructor(private readonly fields: pg.PoolConfig) {
    super(fields)
  }

  private async admin(sql: string) {
    const client = new pg.Client(this.fields)
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }

  async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replace(/-/g, '')}`
    await this.admin(`CREATE DATABASE "${database}"`)
    const adapter = await new PrismaPg({ ...this.fields, database }).connect()
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      await dispose()
      await this.admin(`DROP DATABASE IF EXISTS "${database}"`)
    }
    return adapter
  }
}

export async function migrationAdapter(url: string) {
  if (getDatabaseProvider(url) === 'sqlite') {
    return new ShadowFriendlySQLite3({ url: sqliteFilePath(url) })
  }
  const factory = new ShadowFriendlyPg(pgFieldsFromUrl(url))
  await patchCatalogTypes(factory)
  return factory
}

/**
 * Pool settings from a PostgreSQL URL as separate fields, not a
 * connectionString (the shadow pool overrides only `database`, which a
 * connectionString would win over), parsed as pg itself parses the URL: TLS
 * (`sslmode=require`, `sslrootcert`…), `options` and `application_name` are kept.
 */
export function pgFieldsFromUrl(url: string): pg.PoolConfig {
  const parsed = parseConnectionString(url)
  const fields: pg.PoolConfig = {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
  }
  if (parsed.ssl !== undefined) fields.ssl = parsed.ssl as pg.PoolConfig['ssl']
  if (parsed.options) fields.options = parsed.options
  if (parsed.application_name) fields.application_name = parsed.application_name
  return fields
}
