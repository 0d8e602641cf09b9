/**
 * The kernel's one event stream: everything the kernel tells the layers above it (hosts, the
 * store, the API, the dashboard, the supervisor) goes out here, and each layer subscribes to
 * what it needs. Listeners run synchronously, in the order they subscribed, and must not
 * throw. A lifecycle event raised while lifecycle listeners run (a host that starts an agent
 * on spawn raises running) waits until every listener has heard the one before it, so all of
 * them hear spawn before running.
 *
 * @example
 * const off = kernel.events.on('lifecycle', (change, agent) => console.log(change, agent.pid));
 * off();
 */
import type { CheckpointRecord } from './checkpoint.ts';
import type { IpcSignal } from './ipc.ts';
import type { Endpoint, PendingCall } from './objects.ts';
import type { Agent } from './process.ts';
import type { SchedEvent } from './sched/scheduler.ts';
import type { TokenRecord } from './tokens.ts';

export type LifecycleChange = 'spawn' | 'running' | 'exit' | 'suspend' | 'resume' | 'upgrade';

/** Each event's name and the arguments its listeners get. */
export interface KernelEventMap {
  /** An agent was created, started, ended, paused, resumed or given a new image. */
  lifecycle: [change: LifecycleChange, agent: Readonly<Agent>];
  /** An endpoint became readable or writable, its peer closed, or a call on it finished. */
  signal: [endpoint: Endpoint, signal: IpcSignal, call: PendingCall | undefined];
  /** New audit lines, in order, to be persisted. */
  audit: [lines: readonly string[]];
  /** The audit is about to turn its pending records into lines: hosts add the counts they keep (leased channels). */
  flushing: [];
  /** A token was minted or revoked. */
  token: [record: TokenRecord];
  /** An agent checkpoint was saved (or, with undefined, cleared): persist it before returning. */
  checkpoint: [key: string, record: CheckpointRecord | undefined];
  /** A scheduler request was submitted, started, completed, cancelled or requeued. */
  sched: [event: SchedEvent];
}

export type KernelEventName = keyof KernelEventMap;
export type KernelListener<K extends KernelEventName> = (...args: KernelEventMap[K]) => void;

type Listeners = { [K in KernelEventName]: KernelListener<K>[] };

export class KernelEvents {
  readonly #listeners: Listeners = {
    lifecycle: [],
    signal: [],
    audit: [],
    flushing: [],
    token: [],
    checkpoint: [],
    sched: [],
  };
  readonly #queued: KernelEventMap['lifecycle'][] = [];
  #dispatching = false;

  /** Subscribes `listener` to `name`; returns the function that unsubscribes it. */
  on<K extends KernelEventName>(name: K, listener: KernelListener<K>): () => void {
    const list = this.#listeners[name] as KernelListener<K>[];
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Whether anyone listens to `name` (emitters skip building what nobody reads). */
  has(name: KernelEventName): boolean {
    return this.#listeners[name].length > 0;
  }

  /** Tells every listener of `name`. Only the kernel emits. */
  emit<K extends Exclude<KernelEventName, 'lifecycle' | 'signal'>>(
    name: K,
    ...args: KernelEventMap[K]
  ): void {
    const list = this.#listeners[name] as ((...a: KernelEventMap[K]) => void)[];
    for (let i = 0; i < list.length; i++) list[i](...args);
  }

  /** Tells every signal listener; the hot path (one per message that makes a queue readable), so no rest arguments. */
  signal(endpoint: Endpoint, signal: IpcSignal, call: PendingCall | undefined): void {
    const list = this.#listeners.signal;
    for (let i = 0; i < list.length; i++) list[i](endpoint, signal, call);
  }

  /** Tells every lifecycle listener, in order (see the file's comment). */
  lifecycle(change: LifecycleChange, agent: Agent): void {
    if (this.#dispatching) {
      this.#queued.push([change, agent]);
      return;
    }
    this.#dispatching = true;
    try {
      // The event itself goes out at once (no queue on the spawn path); ones raised meanwhile follow.
      const list = this.#listeners.lifecycle;
      for (let i = 0; i < list.length; i++) list[i](change, agent);
      for (let next = this.#queued.shift(); next; next = this.#queued.shift()) {
        for (let i = 0; i < list.length; i++) list[i](next[0], next[1]);
      }
    } finally {
      this.#dispatching = false;
      this.#queued.length = 0;
    }
  }
}
