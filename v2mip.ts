import fs from 'node:fs'
import { solveAsync } from './app/engine/index'
const name = process.argv[2]
const inst = JSON.parse(fs.readFileSync(`app/engine/fixtures/examples/${name}.json`, 'utf8'))
const t0 = Date.now()
const sol = await solveAsync(inst, { timeLimitMs: Number(process.argv[3]), explain: false })
console.log(name, sol.score, sol.bound, sol.status, Date.now() - t0, sol.stats.mipMs)
