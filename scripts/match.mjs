// `npm run -s match -- --input FILE [--output FILE] [--time-limit-ms N] [--explain]`
// Runs the matching engine's command line from an esbuild bundle
// (build/match.mjs), building it first when it is missing or older than the
// engine's sources: compiling TypeScript at every start cost more than a
// second of the time limit. Plain JavaScript, so nothing compiles on the way.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const entry = path.join(root, 'app/engine/cli.ts')
const bundle = process.env.AVLAST_MATCH_BUNDLE ?? path.join(root, 'build/match.mjs')

/** Newest modification time of the engine's sources (the bundle's inputs). */
function newestSource() {
  const dir = path.join(root, 'app/engine')
  let newest = 0
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(path.join(dir, name)).mtimeMs)
  }
  return newest
}

export async function buildMatchBundle(outfile = bundle) {
  const { build } = await import('esbuild')
  // Another process may be building too: write aside, then rename (atomic).
  const tmp = `${outfile}.${process.pid}.tmp`
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: tmp, logLevel: 'warning' })
  fs.renameSync(tmp, outfile)
}

function isFresh() {
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource()
  } catch {
    return false
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!isFresh()) {
    fs.mkdirSync(path.dirname(bundle), { recursive: true })
    await buildMatchBundle()
  }
  await import(pathToFileURL(bundle).href)
}
