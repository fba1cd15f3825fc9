import { describe, expect, test } from 'vitest'
import { shouldSeedDemo } from './demo-seed'

describe('shouldSeedDemo', () => {
  test.each([
    [undefined, undefined, 'sqlite', true],
    [undefined, 'development', 'sqlite', true],
    [undefined, 'production', 'sqlite', false],
    [undefined, undefined, 'postgresql', false],
    [undefined, 'production', 'postgresql', false],
    [true, 'production', 'postgresql', true],
    [true, undefined, 'sqlite', true],
    [false, undefined, 'sqlite', false],
  ] as const)('SEED_DEMO %s, NODE_ENV %s on %s → %s', (seedDemo, nodeEnv, provider, expected) => {
    expect(shouldSeedDemo(seedDemo, nodeEnv, provider)).toBe(expected)
  })
})
