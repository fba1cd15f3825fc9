// The migrations connect to PostgreSQL with what DATABASE_URL says, TLS included.
import { describe, expect, test } from 'vitest'
import { pgFieldsFromUrl } from './migration-adapter'

describe('the migration adapter’s PostgreSQL settings', () => {
  test('?sslmode=require is kept (the migrations ran unencrypted before)', () => {
    const fields = pgFieldsFromUrl('postgresql://avlast:hemligt%21@db.kommun.se:6543/avlast?sslmode=require&application_name=avlast-migrate')
    expect(fields).toMatchObject({ host: 'db.kommun.se', port: 6543, user: 'avlast', password: 'hemligt!', database: 'avlast', application_name: 'avlast-migrate' })
    expect(fields.ssl).toBeTruthy()
  })

  test('without TLS options there is no TLS, and the default port', () => {
    const fields = pgFieldsFromUrl('postgresql://postgres@127.0.0.1/test')
    expect(fields).toMatchObject({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' })
    expect(fields.ssl).toBeFalsy()
  })
})
