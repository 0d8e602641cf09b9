/**
 * Carries what the kernel decides into the store. Kernel hooks mark agents and tokens dirty
 * and hand over sealed audit lines; flush() seals pending audit records and writes all of it
 * in one transaction. Hosts call flush() before they acknowledge a request, so an
 * acknowledged write is on disk; a timer flushes the rest every FLUSH_MS. An agent checkpoint
 * is flushed as it is saved, so a save that returned survives kill -9.
 *
 * @example
 * const persist = new Persister(kernel, store);
 * kernel.syscall(...); persist.flush(); reply('ok');
 */
import type { Kernel, LifecycleEventType } from '../kernel/kernel.ts';
import type { Agent } from '../kernel/process.ts';
import { agentInfo } from '../kernel/sys-process.ts';
import type { TokenRecord } from '../kernel/tokens.ts';
import type { AgentRecord, Store } from './store.ts';

export const FLUSH_MS = 25;

export type LifecycleListener = (type: LifecycleEventType, agent: Agent) => void;

export class Persister {
  readonly #kernel: Kernel;
  readonly #store: Store;
  #audit: string[] = [];
  readonly #agents = new Map<number, Agent>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #listeners: LifecycleListener[] = [];
  /** Events raised while listeners run (a host starting an agent on spawn raises running). */
  readonly #queued: [LifecycleEventType, Agent][] = [];
  #dispatching = false;
  #timer: NodeJS.Timeout | undefined;
  commits = 0;

  constructor(kernel: Kernel, store: Store) {
    this.#kernel = kernel;
    this.#store = store;
    kernel.hooks.audit = (lines) => {
      for (const line of lines) this.#audit.push(line);
    };
    kernel.hooks.token = (record) => this.#tokens.set(record.tokenId, record);
    // A checkpoint is on disk before the save returns to the agent, so it outlives kill -9;
    // it is written alone, so frequent saves do not cut the audit into tiny batches.
    kernel.hooks.checkpoint = (key, record) => {
      this.#store.commit({ checkpoints: new Map([[key, record]]) });
    };
    kernel.hooks.lifecycle = (type, agent) => {
      if (agent.runtime !== 'kernel') this.#agents.set(agent.pid, agent);
      this.#dispatch(type, agent);
    };
  }

  /** Also tell `listener` about lifecycle events (hosts, the event stream). */
  onLifecycle(listener: LifecycleListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Tells every listener, in order. An event raised by a listener waits until every listener
   * has heard the one before it, so all of them hear spawn before running.
   */
  #dispatch(type: LifecycleEventType, agent: Agent): void {
    this.#queued.push([type, agent]);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let next = this.#queued.shift(); next; next = this.#queued.shift()) {
        for (const listener of this.#listeners) listener(next[0], next[1]);
      }
    } finally {
      this.#dispatching = false;
      this.#queued.length = 0;
    }
  }

  /** Seals the audit and commits everything pending in one transaction. */
  flush(): void {
    this.#kernel.flushAudit();
    if (this.#audit.length === 0 && this.#agents.size === 0 && this.#tokens.size === 0) return;
    const agents: AgentRecord[] = [];
    for (const agent of this.#agents.values()) {
      const { usage: _u, subtree: _s, handles: _h, children: _c, ...record } = agentInfo(agent);
      agents.push(record);
    }
    this.#store.commit({
      audit: this.#audit,
      agents,
      tokens: [...this.#tokens.values()],
      nextPid: this.#kernel.processes.nextPid,
    });
    this.#audit = [];
    this.#agents.clear();
    this.#tokens.clear();
    this.commits++;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.flush(), FLUSH_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
  }
}
