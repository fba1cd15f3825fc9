// The production build and free ports, for the tests and benchmarks that run
// the real server (tests/ops, bench/).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
// What build/ is made from: the app, the API and the server script.
const SOURCES = ['app', 'graphql', 'scripts']

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Builds the app when the build is missing or older than its sources; one process builds at a time. */
export function ensureBuild() {
  const built = path.join(root, 'build/server.mjs')
  const fresh = () => fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...SOURCES.map((dir) => newestMtime(path.join(root, dir))))
  if (fresh()) return
  const lock = path.join(root, '.tmp/build.lock')
  fs.mkdirSync(path.dirname(lock), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch {
      const held = fs.statSync(lock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true })
      sleep(200)
    }
  }
  try {
    // Test runners set NODE_ENV=test, which would build development JSX.
    if (!fresh()) execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } })
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}
