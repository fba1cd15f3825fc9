import { ensureClientFor, migrateDeploy } from '../scripts/lib/prisma-cli'
import { baseTestUrl, dropAllTestDatabases, prepareTemplate } from './db-template'

export default async function setup() {
  const base = baseTestUrl()
  process.env.AVLAST_TEST_BASE_URL = base
  ensureClientFor(base)
  const template = await prepareTemplate(base)
  migrateDeploy(template)
  return async () => {
    await dropAllTestDatabases(base)
  }
}
