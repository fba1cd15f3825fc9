// Offline reference figures for the match benchmark, computed with HiGHS and
// kept in bench/instances/reference.json (the benchmark never recomputes them):
//   tsx bench/reference.ts lp NAME...          the LP relaxation of the exact model (minutes on large instances)
//   tsx bench/reference.ts mip SECONDS NAME... the best solution and bound HiGHS finds in that time
// Each name is computed in its own process run of this script; results merge into the file.
import fs from 'node:fs'
import { buildModel } from '../app/engine/model'
import { buildMip, columnValues, enumerateOptions, loadMipSolver } from '../app/engine/mip'
import { eligiblePairs } from '../app/engine/pairs'
import { snapshot } from '../app/engine/search'
import { solve } from '../app/engine/solve'
import { SearchState } from '../app/engine/state'
import { validateInstance } from '../app/engine/validate'
import { hashOf, instanceByName, readReferences, referenceFile, type Reference } from './lib/instances'

const [mode, ...rest] = process.argv.slice(2)
const seconds = mode === 'mip' ? Number(rest.shift()) : 0
if ((mode !== 'lp' && mode !== 'mip') || !rest.length || (mode === 'mip' && !(seconds > 0))) {
  console.error('usage: tsx bench/reference.ts lp NAME... | mip SECONDS NAME...')
  process.exit(2)
}
const highs = await loadMipSolver()
for (const name of rest) {
  const instance = instanceByName(name)
  const checked = validateInstance(instance)
  if (!checked.ok) throw new Error(checked.error.message)
  const model = buildModel(checked.instance)
  const pairs = eligiblePairs(model)
  const options = enumerateOptions(model, pairs)!
  const mip = buildMip(model, pairs, options)
  const started = Date.now()
  const figures: Partial<Reference> = {}
  if (mode === 'lp') {
    const data = { ...mip.data, integrality: new Int32Array(mip.data.numCols) }
    const solver = highs.createModel(data)
    // Interior point without crossover: the LP's value is all that is needed.
    solver.options.set({ output_flag: false, solver: 'ipm', run_crossover: 'off' })
    solver.run()
    figures.lpBound = Number(solver.info.get('objective_function_value'))
    figures.lpSeconds = (Date.now() - started) / 1000
    solver.dispose()
  } else {
    const start = solve(instance, { timeLimitMs: 5000, explain: false })
    const state = new SearchState(model, pairs)
    const solver = highs.createModel(mip.data)
    solver.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: 1e-7, mip_allow_restart: false, mip_heuristic_effort: 0.01 })
    // From the engine's own 5-second answer, so HiGHS's best is at least as good.
    const index = new Map(Array.from(pairs.staff, (s, p) => [`${model.inst.staff[s].id}|${model.inst.requests[pairs.request[p]].id}`, p]))
    for (const l of start.loans) {
      const p = index.get(`${l.staffId}|${l.requestId}`)!
      state.set(p, l.fte10, l.startWeek ?? model.inst.requests[pairs.request[p]].start, l.endWeek ?? model.inst.requests[pairs.request[p]].end)
    }
    solver.setSolution({ colValue: columnValues(mip, snapshot(state), state.help10) })
    solver.run()
    figures.mipBest = Number(solver.info.get('objective_function_value'))
    figures.mipBound = Number(solver.info.get('mip_dual_bound'))
    figures.mipSeconds = (Date.now() - started) / 1000
    figures.mipStatus = (figures.mipBest - figures.mipBound) / Math.max(1, figures.mipBest) <= 1e-6 ? 'optimal' : 'feasible'
    solver.dispose()
  }
  const references = readReferences()
  references[name] = { ...references[name], ...figures, hash: hashOf(instance) }
  fs.mkdirSync(new URL('.', `file://${referenceFile}`).pathname, { recursive: true })
  fs.writeFileSync(referenceFile, `${JSON.stringify(references, null, 2)}\n`)
  console.log(name, JSON.stringify(figures))
}
