// Probe (not part of the benchmark): one in-process run on one thread whose
// clock (Date.now) is the process's CPU time, so on a loaded machine the
// search gets about what an idle one gives in the limit:
//   tsx bench/cpu-one.ts NAME TIME_LIMIT_MS [SEED]
// CLOCK=wall keeps the wall clock (for instances HiGHS takes: its own time
// limit is wall time). Prints one JSON line.
import { checkLoans, solveAsync } from '../app/engine/index'
import { instanceByName, readReferences } from './lib/instances'

const [name, limit, seed] = process.argv.slice(2)
const instance = instanceByName(name)
const wall0 = Date.now()
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const cpu0 = cpu()
if (process.env.CLOCK !== 'wall') Date.now = () => wall0 + (cpu() - cpu0)
const solution = await solveAsync(instance, { timeLimitMs: Number(limit), explain: false, ...(seed ? { seed: Number(seed) } : {}) })
const ref = readReferences()[name]
const pct = (v: number | undefined) => (v ? `${(100 * (solution.score / v - 1)).toFixed(3)} %` : '–')
console.log(
  JSON.stringify({
    name,
    limit: Number(limit),
    score: +solution.score.toFixed(2),
    bound: +solution.bound.toFixed(2),
    overLP: pct(ref?.lpBound),
    overBest: pct(ref?.mipBest),
    status: solution.status,
    valid: checkLoans(instance, solution.loans).length === 0,
    iterations: solution.stats.iterations,
  }),
)
