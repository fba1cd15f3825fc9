// The bound's thread (bundled to build/match-bound.mjs; bound-thread.ts
// starts it): builds the same model and pairs as the searching thread, then
// improves the Lagrangian bound until told to stop, posting each better
// bound at once and hearing each better score between price updates.
import { workerData, type MessagePort } from 'node:worker_threads'
import { LagrangianBound } from './bound'
import { Mailbox, type FromBound, type ToBound } from './bound-thread'
import { buildModel } from './model'
import { eligiblePairs } from './pairs'
import { validateInstance } from './validate'

const { instance, port, incoming, outgoing } = workerData as { instance: unknown; port: MessagePort; incoming: Int32Array; outgoing: Int32Array }
const mailbox = new Mailbox<ToBound, FromBound>(port, incoming, outgoing)

function serve() {
  const checked = validateInstance(instance)
  if (!checked.ok) return mailbox.send({ kind: 'failed' })
  const model = buildModel(checked.instance)
  const pairs = eligiblePairs(model)
  mailbox.send({ kind: 'ready' })
  let message = mailbox.wait(60_000)
  while (message && message.kind !== 'start') message = message.kind === 'stop' ? undefined : mailbox.wait(60_000)
  if (!message) return
  const { help10, deadline } = message
  let target = message.target
  const bound = new LagrangianBound(model, pairs, { help10 })
  let reported = 0
  let stop = false
  let wantsPrices = false
  const hear = (m: ToBound) => {
    if (m.kind === 'target') target = Math.min(target, m.value)
    else if (m.kind === 'prices') wantsPrices = true
    else if (m.kind === 'stop') stop = true
  }
  const poll = (best: number) => {
    if (best > reported) {
      reported = best
      mailbox.send({ kind: 'bound', value: best, iterations: bound.iterations })
    }
    for (let m = mailbox.receive(); m; m = mailbox.receive()) hear(m)
    // Returning makes `run` save the best prices' reduced values for the searching thread.
    return stop || (wantsPrices && bound.iterations > 0) ? null : target
  }
  while (!stop && Date.now() < deadline) {
    const value = Math.min(bound.run(deadline, target, 1e-7, poll), target)
    if (value > reported) {
      reported = value
      mailbox.send({ kind: 'bound', value, iterations: bound.iterations })
    }
    if (wantsPrices) {
      wantsPrices = false
      const { reducedCost, reducedStart, reducedEnd, usage } = bound
      mailbox.send({ kind: 'prices', reducedCost: reducedCost.slice(), reducedStart: reducedStart.slice(), reducedEnd: reducedEnd.slice(), usage: usage.slice() })
      continue
    }
    // Converged, or at the target: wait for a better target (or the end).
    if (!stop && Date.now() < deadline) {
      const m = mailbox.wait(Math.max(0, deadline - Date.now()))
      if (m) hear(m)
    }
  }
}

serve()
mailbox.close()
