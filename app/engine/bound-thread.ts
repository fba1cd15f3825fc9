// The Lagrangian bound on a second thread (bound-worker.ts), so the solver's
// own thread spends its whole limit searching. With periods one price update
// costs about 10 ms on large instances and the bound needs seconds of them:
// sharing one core, the bound and the search each got too little. The two
// threads talk through a MessagePort read synchronously
// (receiveMessageOnPort), since both are busy in loops that never yield to
// an event loop; a shared counter per direction lets a thread sleep until
// the other has posted (Atomics.wait).
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'

/** Searching thread → bound thread. */
export type ToBound =
  | { kind: 'start'; help10: Int32Array; target: number; deadline: number }
  | { kind: 'target'; value: number }
  | { kind: 'prices' }
  | { kind: 'stop' }

/** Bound thread → searching thread. */
export type FromBound =
  | { kind: 'ready' }
  | { kind: 'failed' }
  | { kind: 'bound'; value: number; iterations: number }
  | { kind: 'prices'; reducedCost: Float64Array; reducedStart: Int32Array; reducedEnd: Int32Array; usage: Float64Array }

/** One end of the channel: posts with a signal, receives without an event loop. */
export class Mailbox<In, Out> {
  constructor(
    private readonly port: MessagePort,
    private readonly incoming: Int32Array,
    private readonly outgoing: Int32Array,
  ) {}

  send(message: Out, transfer: ArrayBuffer[] = []) {
    this.port.postMessage(message, transfer)
    Atomics.add(this.outgoing, 0, 1)
    Atomics.notify(this.outgoing, 0)
  }

  receive(): In | undefined {
    return receiveMessageOnPort(this.port)?.message as In | undefined
  }

  /** The next message, waiting at most `ms` for one. */
  wait(ms: number): In | undefined {
    const seen = Atomics.load(this.incoming, 0)
    const now = this.receive()
    if (now !== undefined || ms <= 0) return now
    Atomics.wait(this.incoming, 0, seen, ms)
    return this.receive()
  }

  close() {
    this.port.close()
  }
}

/** What the searching thread sees of the bound thread (solve.ts uses only this). */
export type BoundHelper = {
  /** True once the other thread has built its model; waits at most `ms`. */
  ready(ms: number): boolean
  /** Starts the bound from a solution's help per unit-week, towards `target`, until `deadline` (epoch ms). */
  start(help10: Int32Array, target: number, deadline: number): void
  /** A better score to aim at. */
  target(value: number): void
  /** The best bound the other thread has proven so far (0 before any). */
  bound(): number
  iterations(): number
  /** Each pair's reduced value per tenth and best weeks at the best prices so far, waiting at most `ms`. */
  prices(ms: number): { reducedCost: Float64Array; reducedStart: Int32Array; reducedEnd: Int32Array; usage: Float64Array } | null
  /** Stops the other thread; the bound already received stays readable. */
  close(): void
}

/**
 * Starts the bound's thread from `entry` (the bundle of bound-worker.ts)
 * on the raw instance, which it validates and models itself (the same
 * functions, so pair numbers agree). Returns null when the thread cannot
 * start, so the caller falls back to one thread.
 */
export function startBoundThread(entry: string | URL, instance: unknown): BoundHelper | null {
  const { port1, port2 } = new MessageChannel()
  const toBound = new Int32Array(new SharedArrayBuffer(4))
  const toSearch = new Int32Array(new SharedArrayBuffer(4))
  let worker: Worker
  try {
    worker = new Worker(entry, { workerData: { instance, port: port2, incoming: toBound, outgoing: toSearch }, transferList: [port2] })
  } catch {
    port1.close()
    return null
  }
  // A crash in the other thread only costs the bound it would have found.
  worker.on('error', () => {})
  worker.unref()
  const mailbox = new Mailbox<FromBound, ToBound>(port1, toSearch, toBound)
  let isReady = false
  let failed = false
  let best = 0
  let count = 0
  let prices: Extract<FromBound, { kind: 'prices' }> | null = null
  let closed = false
  const take = (message: FromBound | undefined) => {
    if (!message) return false
    if (message.kind === 'ready') isReady = true
    else if (message.kind === 'failed') failed = true
    else if (message.kind === 'bound') {
      best = Math.max(best, message.value)
      count = message.iterations
    } else prices = message
    return true
  }
  const drain = () => {
    while (take(mailbox.receive()));
  }
  return {
    ready(ms) {
      const until = Date.now() + ms
      drain()
      while (!isReady && !failed && Date.now() < until) take(mailbox.wait(until - Date.now()))
      return isReady && !failed
    },
    start: (help10, target, deadline) => mailbox.send({ kind: 'start', help10, target, deadline }),
    target: (value) => mailbox.send({ kind: 'target', value }),
    bound() {
      drain()
      return best
    },
    iterations() {
      drain()
      return count
    },
    prices(ms) {
      prices = null
      mailbox.send({ kind: 'prices' })
      const until = Date.now() + ms
      while (!prices && !failed && Date.now() < until) take(mailbox.wait(until - Date.now()))
      return prices
    },
    close() {
      if (closed) return
      closed = true
      drain()
      mailbox.send({ kind: 'stop' })
      mailbox.close()
      void worker.terminate()
    },
  }
}
