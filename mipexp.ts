import fs from 'node:fs'
import { buildModel } from './app/engine/model'
import { eligiblePairs } from './app/engine/pairs'
import { validateInstance } from './app/engine/validate'
import { buildMip, columnValues, enumerateOptions, loadMipSolver } from './app/engine/mip'
import { SearchState } from './app/engine/state'
import { snapshot } from './app/engine/search'
const [name, effort, secs] = process.argv.slice(2)
const inst = JSON.parse(fs.readFileSync(`app/engine/fixtures/examples/${name}.json`, 'utf8'))
const v = validateInstance(inst); if (!v.ok) throw 1
const model = buildModel(v.instance); const pairs = eligiblePairs(model)
const options = enumerateOptions(model, pairs)!
const highs = await loadMipSolver()
const mip = buildMip(model, pairs, options)
console.log('options', options.pair.length, 'rows', mip.data.numRows, 'cols', mip.data.numCols)
const solver = highs.createModel(mip.data)
solver.options.set({ output_flag: false, time_limit: Number(secs), mip_rel_gap: 1e-7, mip_allow_restart: false, mip_heuristic_effort: Number(effort) })
const st = new SearchState(model, pairs)
solver.setSolution({ colValue: columnValues(mip, snapshot(st), st.help10) })
const t0 = Date.now(); solver.run()
console.log(name, 'effort', effort, 'ms', Date.now() - t0, 'obj', solver.info.get('objective_function_value'), 'bound', solver.info.get('mip_dual_bound'), 'nodes', solver.info.get('mip_node_count'))
