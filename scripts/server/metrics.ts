// /metrics for the whole server: a worker that is asked sends the question
// to the cluster's primary, which gathers every worker's registry with
// prom-client's AggregatorRegistry (one scrape, all workers). A single
// process answers from its own registry.
import cluster from 'node:cluster'
import { AggregatorRegistry, register } from 'prom-client'

const ASK = 'avlast:metrics?'
const ANSWER = 'avlast:metrics!'
type Message = { type?: string; id?: number; text?: string }

/** In the primary: answers the workers' requests for the cluster's metrics. */
export function serveClusterMetrics() {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: Message) => {
    if (message?.type !== ASK) return
    aggregator
      .clusterMetrics()
      .then((text) => worker.send({ type: ANSWER, id: message.id, text }))
      .catch((error: Error) => worker.send({ type: ANSWER, id: message.id, text: `# metrics unavailable: ${error.message}\n` }))
  })
}

/** In a worker: answers the primary's requests for this worker's registry (prom-client's listener). */
export function joinClusterMetrics() {
  if (cluster.isWorker) new AggregatorRegistry()
}

let next = 0
const waiting = new Map<number, (text: string) => void>()

/** The server's metrics as Prometheus text: all workers' when this is one of several. */
export function workerMetrics(): Promise<string> {
  if (!cluster.isWorker || !process.send) return register.metrics()
  if (waiting.size === 0) process.on('message', onAnswer)
  const id = ++next
  return new Promise((resolve) => {
    waiting.set(id, resolve)
    process.send!({ type: ASK, id })
  })
}

function onAnswer(message: Message) {
  if (message?.type !== ANSWER || message.id === undefined) return
  waiting.get(message.id)?.(message.text ?? '')
  waiting.delete(message.id)
  if (waiting.size === 0) process.off('message', onAnswer)
}
