// An orderly end for this process, after the server has stopped taking
// requests and the ones in flight have finished: what registered with
// onShutdown closes (the matching pool, say) in the order it registered,
// then the database. One module, so every part closes the same way.
import { prisma } from './db.server'
import { logger } from './logger.server'

const steps: { name: string; close: () => Promise<unknown> }[] = []

/** Runs `close` when the process shuts down, before the database closes. */
export function onShutdown(name: string, close: () => Promise<unknown>) {
  steps.push({ name, close })
}

let closing: Promise<void> | undefined

export function closeApp(): Promise<void> {
  closing ??= (async () => {
    for (const step of steps) {
      await step.close().catch((error: unknown) => logger.error({ err: error, step: step.name }, 'shutdown step failed'))
    }
    await prisma.$disconnect()
  })()
  return closing
}
