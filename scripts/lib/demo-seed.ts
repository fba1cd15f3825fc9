import type { DatabaseProvider } from '../../app/utils/database-url'

/**
 * Whether `npm start` seeds the demo municipality into an empty database.
 * SEED_DEMO=1 or 0 decides. Unset, only a start on SQLite where the operator
 * did not ask for NODE_ENV=production (the README's first command) gets demo
 * data: production never gets the demo accounts by accident.
 */
export function shouldSeedDemo(seedDemo: boolean | undefined, givenNodeEnv: string | undefined, provider: DatabaseProvider): boolean {
  if (seedDemo !== undefined) return seedDemo
  return provider === 'sqlite' && givenNodeEnv !== 'production'
}
