// npm run -s match -- --input FILE [--output FILE] [--time-limit-ms N] [--explain]
// (scripts/match.mjs runs this from a bundle). The time limit counts from the
// process's start, so the answer comes within it plus the time to write it.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatInstanceError, solveAsync } from './index'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

export async function main(argv: string[]) {
  // When this process started (epoch ms): reading and parsing the instance count in the limit.
  const startedAt = performance.timeOrigin
  let values: { input?: string; output?: string; 'time-limit-ms'?: string; explain?: boolean }
  try {
    values = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, output: { type: 'string' }, 'time-limit-ms': { type: 'string' }, explain: { type: 'boolean' } },
      strict: true,
    }).values
  } catch (error) {
    fail(`arguments: ${(error as Error).message}`)
  }
  if (!values.input) fail('--input: required (the instance JSON file)')
  const limit = values['time-limit-ms']
  const timeLimitMs = limit === undefined ? undefined : Number(limit)
  if (timeLimitMs !== undefined && (!Number.isInteger(timeLimitMs) || timeLimitMs < 1)) fail('--time-limit-ms: must be a whole number of milliseconds >= 1')
  let text: string
  try {
    text = fs.readFileSync(values.input, 'utf8')
  } catch (error) {
    fail(`--input: cannot read ${values.input} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    fail(`(root): not valid JSON (${(error as Error).message})`)
  }
  // Explanations only when asked: on large instances writing them takes longer than the solve's last second.
  // solveAsync validates (once: on large instances that is 0.1–0.2 s of the limit) and names the field.
  // The bound's thread, beside this bundle (scripts/match.mjs builds both); run from source, one thread.
  const boundWorker = new URL('./match-bound.mjs', import.meta.url)
  const solution = await solveAsync(raw, { timeLimitMs, startedAt, explain: values.explain ?? false, ...(fs.existsSync(fileURLToPath(boundWorker)) ? { boundWorker } : {}) })
  if (solution.status === 'invalid' && solution.error) fail(formatInstanceError(solution.error))
  const json = `${JSON.stringify(solution, null, 2)}\n`
  if (!values.output) return void process.stdout.write(json)
  try {
    fs.writeFileSync(values.output, json)
  } catch (error) {
    fail(`--output: cannot write ${values.output} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

await main(process.argv.slice(2))
// HiGHS's WebAssembly runtime may keep the event loop alive: the answer is out, so stop.
process.exit(0)
