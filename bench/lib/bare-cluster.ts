// The ceiling for a page: a bare node:http cluster that answers every request
// with the page's own bytes, as fast as Node can serve them on this machine
// now. Started in the same run as the app, so the ratio app / bare is
// comparable across machines and load (`npm run bench:web`).
import { fork, type ChildProcess } from 'node:child_process'
import cluster from 'node:cluster'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const self = fileURLToPath(import.meta.url)

/** Serves `body` on 127.0.0.1:`port` from `workers` processes; resolves once it answers. */
export async function startBareCluster(body: Buffer, port: number, workers: number): Promise<ChildProcess> {
  const file = path.join(os.tmpdir(), `avlast-bare-${process.pid}-${port}.html`)
  fs.writeFileSync(file, body)
  const child = fork(self, [file, String(port), String(workers)], { execArgv: ['--import', 'tsx'], stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.arrayBuffer().then(() => r.ok), () => false)
    if (up) return child
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('the bare cluster did not start')
}

// Run as a script: the primary forks the workers, each serves the file's bytes.
if (process.argv[1] === self) {
  const [file, port, workers] = process.argv.slice(2)
  if (cluster.isPrimary) {
    for (let i = 0; i < Number(workers); i++) cluster.fork()
    process.on('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill()
      process.exit(0)
    })
  } else {
    const bytes = fs.readFileSync(file)
    http
      .createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': bytes.length })
        res.end(bytes)
      })
      .listen(Number(port), '127.0.0.1')
  }
}
