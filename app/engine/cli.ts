// npm run -s match -- --input FILE [--output FILE] [--time-limit-ms N]
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { formatInstanceError, solveAsync, validateInstance } from './index'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

export async function main(argv: string[]) {
  let values: { input?: string; output?: string; 'time-limit-ms'?: string }
  try {
    values = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, output: { type: 'string' }, 'time-limit-ms': { type: 'string' } },
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
  const checked = validateInstance(raw)
  if (!checked.ok) fail(formatInstanceError(checked.error))
  const solution = await solveAsync(raw, { timeLimitMs })
  const json = `${JSON.stringify(solution, null, 2)}\n`
  if (!values.output) return void process.stdout.write(json)
  try {
    fs.writeFileSync(values.output, json)
  } catch (error) {
    fail(`--output: cannot write ${values.output} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

await main(process.argv.slice(2))
