import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'graphql/**/*.test.ts', 'prisma/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: [],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
