// `npm run -s match -- --input FILE [--output FILE] [--time-limit-ms N] [--explain]`
// Runs the matching engine's command line from an esbuild bundle
// (build/match.mjs), building it first when it is missing or older than the
// engine's sources: compiling TypeScript at every start cost more than a
// second of the time limit. Plain JavaScript, so nothing compiles on the way.
// The app's worker thread (build/match-worker.mjs) and the bound's thread
// (match-bound.mjs, beside the command line's bundle, which finds it there)
// are bundled the same way.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = process.env.AVLAST_MATCH_BUNDLE ?? path.join(root, 'build/match.mjs')
/** The engine's bundles: the command line and the app's worker thread. */
export const BUNDLES = {
  cli: { entry: path.join(root, 'app/engine/cli.ts'), outfile: bundle },
  bound: { entry: path.join(root, 'app/engine/bound-worker.ts'), outfile: path.join(path.dirname(bundle), 'match-bound.mjs') },
  worker: { entry: path.join(root, 'app/engine/worker.ts'), outfile: path.join(root, 'build/match-worker.mjs') },
}

/** Newest modification time of the engine's sources (the bundle's inputs). */
function newestSource() {
  const dir = path.join(root, 'app/engine')
  let newest = 0
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(path.join(dir, name)).mtimeMs)
  }
  return newest
}

async function buildOne({ entry, outfile }) {
  const { build } = await import('esbuild')
  fs.mkdirSync(path.dirname(outfile), { recursive: true })
  // Another process may be building too: write aside, then rename (atomic).
  const tmp = `${outfile}.${process.pid}.tmp`
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: tmp, logLevel: 'warning' })
  fs.renameSync(tmp, outfile)
}

/** Builds every engine bundle (npm run build does). */
export async function buildMatchBundle() {
  for (const b of Object.values(BUNDLES)) await buildOne(b)
}

function isFresh(outfile) {
  try {
    return fs.statSync(outfile).mtimeMs >= newestSource()
  } catch {
    return false
  }
}

/** The bundle's path, built first if missing or older than the engine's sources. */
export async function ensureBundle(kind) {
  const b = BUNDLES[kind]
  if (!isFresh(b.outfile)) await buildOne(b)
  return b.outfile
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await ensureBundle('bound')
  await import(pathToFileURL(await ensureBundle('cli')).href)
}
