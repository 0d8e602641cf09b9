/**
 * Agents' LLM requests go out from a thread of their own (client-worker.ts), not from the
 * host's event loop: hundreds of agents, the kernel and the audit share that loop, and each
 * turn it spent elsewhere was a provider's slot standing empty between one answer's end and
 * the next request (bench/llm.bench.ts measured a few ms a time, against a bare client's one).
 * The kernel still decides who is admitted: a request reaches the thread only once the
 * scheduler granted it, and the scheduler grants a quarter more than the providers take
 * (CapacityLearner.capacity), so those wait on the thread and go the moment a slot frees.
 * The thread owns the sockets, the streams and the per-provider admission; what it learns of
 * the providers comes back as the kernel's new capacity. If the thread dies, its requests in
 * flight fail with the cause (an LlmError of kind 'client'), the learnt capacity starts over,
 * and a new thread is started; the host keeps running.
 *
 * @example
 * const client = new LlmClientThread(providers, { onCapacity: (c) => broker.resize('llm', c) });
 * const outcome = await client.send('local', input, { signal, preempt });
 */
import { Worker } from 'node:worker_threads';
import { PARAMS } from '../kernel/params.ts';
import type { AttemptHooks, AttemptInput, Outcome } from './attempt.ts';
import type { KeyCapacity, LlmCapacity } from './capacity.ts';
import type { FromThread, ToThread, WireOutcome } from './client-worker.ts';
import type { ProviderConfig } from './config.ts';
import { LlmError } from './providers/types.ts';

const WORKER_FILE = new URL('./client-worker.ts', import.meta.url);
/** A thread that dies sooner than this after starting is restarted by the next request, not at once. */
const RESTART_MIN_MS = 1000;

interface Pending {
  provider: string;
  signal?: AbortSignal;
  hooks: AttemptHooks;
  resolve: (outcome: Outcome) => void;
  reject: (reason: unknown) => void;
  onAbort: () => void;
}

export class LlmClientThread {
  readonly #providers: ProviderConfig[];
  readonly #onCapacity: ((c: LlmCapacity) => void) | undefined;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #startedAt = 0;
  #nextId = 1;
  #learnt: KeyCapacity[] = [];
  #closed = false;
  /** Times the thread died. */
  crashes = 0;

  constructor(providers: ProviderConfig[], o: { onCapacity?: (c: LlmCapacity) => void } = {}) {
    this.#providers = providers;
    this.#onCapacity = o.onCapacity;
  }

  /** The thread, started if need be (its start runs beside the host's, which does not wait). */
  get thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_FILE, { workerData: { providers: this.#providers } });
    this.#worker = worker;
    this.#startedAt = performance.now();
    let cause = 'it exited';
    worker.on('message', (m: FromThread) => this.#message(m));
    worker.on('error', (error) => {
      cause = `it crashed: ${error.message}`;
    });
    worker.on('exit', (code) => this.#died(worker, code === 0 ? cause : `${cause} (exit code ${code})`));
    worker.unref();
    return worker;
  }

  /**
   * Sends one attempt through the thread. Resolves with how it ended; rejects with the
   * signal's reason when it is aborted before it was sent (as a local attempt does).
   */
  send(
    provider: string,
    input: AttemptInput,
    o: { signal?: AbortSignal } & AttemptHooks = {},
  ): Promise<Outcome> {
    o.signal?.throwIfAborted();
    const worker = this.thread;
    const id = this.#nextId++;
    return new Promise<Outcome>((resolve, reject) => {
      const onAbort = () => worker.postMessage({ type: 'abort', id } satisfies ToThread);
      this.#pending.set(id, { provider, signal: o.signal, hooks: o, resolve, reject, onAbort });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      if (this.#pending.size === 1) worker.ref(); // requests in flight keep the process up
      worker.postMessage({
        type: 'send',
        id,
        provider,
        input,
        preemptible: o.preempt !== undefined,
      } satisfies ToThread);
    });
  }

  /** What the thread has learnt of each provider and model, as of its last message. */
  snapshot(): KeyCapacity[] {
    return this.#learnt;
  }

  /** Stops the thread; requests still in it fail as if it had died. */
  close(): void {
    this.#closed = true;
    void this.#worker?.terminate();
  }

  #message(m: FromThread): void {
    if (m.type === 'capacity') {
      this.#learnt = m.learnt;
      this.#onCapacity?.(m.capacity);
    } else if (m.type === 'preempt') {
      this.#pending.get(m.id)?.hooks.preempt?.();
    } else if (m.type === 'done') {
      this.#learnt = m.learnt;
      this.#settle(m.id, m.outcome);
    }
  }

  #settle(id: number, outcome: WireOutcome): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    p.signal?.removeEventListener('abort', p.onAbort);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (outcome.kind === 'cancelled') {
      p.reject(p.signal?.reason);
      return;
    }
    if (outcome.kind !== 'error') {
      p.resolve(outcome);
      return;
    }
    const e = outcome.error;
    // What streamed before the error arrives in one piece (the thread does not send each delta).
    if (outcome.partial) p.hooks.onText?.(outcome.partial);
    p.resolve({
      kind: 'error',
      partial: outcome.partial,
      waitedMs: outcome.waitedMs,
      error: new LlmError(e.kind, e.provider, e.message, {
        status: e.status,
        retryAfterMs: e.retryAfterMs,
        limits: e.limits,
      }),
    });
  }

  #died(worker: Worker, cause: string): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    if (this.#closed && this.#pending.size === 0) return;
    this.crashes++;
    for (const [id, p] of this.#pending) {
      this.#settle(id, {
        kind: 'error',
        partial: '',
        waitedMs: 0,
        error: {
          kind: 'client',
          provider: p.provider,
          message: `the LLM client thread stopped (${cause}); this request was not answered, ask again`,
        },
      });
    }
    // What it learnt died with it: the kernel goes back to the starting capacity.
    this.#learnt = [];
    this.#onCapacity?.({ slots: PARAMS.LLM_SLOTS_START, ratePerSec: null });
    if (!this.#closed && performance.now() - this.#startedAt >= RESTART_MIN_MS) void this.thread;
  }
}
