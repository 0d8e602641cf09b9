/**
 * Carries what the kernel decides into the store. The kernel's events mark agents and tokens
 * dirty and hand over new audit lines; flush() turns pending audit records into lines and writes
 * them with the rest in one transaction. Hosts call flush() before they acknowledge a request, so an
 * acknowledged write is on disk; a timer flushes the rest every FLUSH_MS. A second timer signs
 * the audit's open block every AUDIT_SEAL_MS while it has entries, and stop() signs it last, so
 * what a clean run wrote is all under signatures. An agent checkpoint is flushed as it is
 * saved, so a save that returned survives kill -9.
 *
 * On a full disk nothing pending is dropped: flush() throws DiskFullError (the request that
 * wanted its write kept is refused), the batch stays pending, and the timer retries it every
 * DISK_FULL_RETRY_MS until space returns; `diskFull` says whether the last attempt failed.
 *
 * @example
 * const persist = new Persister(kernel, host, store);
 * kernel.syscall(...); persist.flush(); reply('ok');
 */
import {
  type Agent,
  agentInfo,
  type HostPlane,
  INIT_PID,
  type Kernel,
  PARAMS,
  type TokenRecord,
} from '../kernel/index.ts';
import { DiskFullError } from './disk-full.ts';
import type { Logger } from './log.ts';
import type { AgentRecord, Store } from './store.ts';

export const FLUSH_MS = 25;
/** While the disk is full, how often the pending batch is tried again. */
export const DISK_FULL_RETRY_MS = 500;

export class Persister {
  readonly #host: HostPlane;
  readonly #store: Store;
  #audit: string[] = [];
  readonly #agents = new Map<number, Readonly<Agent>>();
  readonly #tokens = new Map<string, TokenRecord>();
  #timer: NodeJS.Timeout | undefined;
  #full: DiskFullError | undefined;
  #lastTry = 0;
  readonly #log: Logger | undefined;
  #sealTimer: NodeJS.Timeout | undefined;
  commits = 0;

  constructor(kernel: Kernel, host: HostPlane, store: Store, log?: Logger) {
    this.#host = host;
    this.#store = store;
    this.#log = log;
    kernel.events.on('audit', (lines) => {
      for (const line of lines) this.#audit.push(line);
    });
    kernel.events.on('token', (record) => this.#tokens.set(record.tokenId, record));
    // A checkpoint is on disk before the save returns to the agent, so it outlives kill -9;
    // it is written alone, so frequent saves do not cut the audit into tiny batches.
    kernel.events.on('checkpoint', (key, record) => {
      this.#store.commit({ checkpoints: new Map([[key, record]]) });
    });
    kernel.events.on('lifecycle', (_change, agent) => {
      if (agent.pid !== INIT_PID) this.#agents.set(agent.pid, agent);
    });
  }

  /** The error of the last flush when the disk was full; undefined once a flush succeeds again. */
  get diskFull(): DiskFullError | undefined {
    return this.#full;
  }

  /**
   * Flushes the audit and commits everything pending in one transaction; with `seal`, the
   * audit's open block is signed first (a signature costs about a millisecond: not per write).
   * Throws DiskFullError when the disk is full: the caller must not acknowledge; the batch
   * stays pending.
   */
  flush(options: { seal?: boolean } = {}): void {
    if (!this.tryFlush(options)) throw this.#full!;
  }

  /** flush() for callers that acknowledge nothing (timers, lifecycle): false on a full disk. */
  tryFlush(options: { seal?: boolean } = {}): boolean {
    try {
      this.#commit(options);
    } catch (error) {
      if (!(error instanceof DiskFullError)) throw error;
      if (!this.#full)
        this.#log?.error('disk full: writes are refused until there is room', { error: error.message });
      this.#full = error;
      return false;
    }
    if (this.#full) this.#log?.info('disk space is back: writes are accepted again');
    this.#full = undefined;
    return true;
  }

  #commit(options: { seal?: boolean }): void {
    this.#host.flushAudit(options);
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
      nextPid: this.#host.nextPid,
    });
    this.#audit = [];
    this.#agents.clear();
    this.#tokens.clear();
    this.commits++;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), FLUSH_MS);
    this.#timer.unref();
    this.#sealTimer ??= setInterval(() => {
      if (this.#host.auditUnsealed > 0) this.#tick({ seal: true });
    }, PARAMS.AUDIT_SEAL_MS);
    this.#sealTimer.unref();
  }

  /** Stops the timer and writes what is pending; false when the disk was full and it could not. */
  stop(): boolean {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#sealTimer) clearInterval(this.#sealTimer);
    this.#timer = undefined;
    this.#sealTimer = undefined;
    return this.tryFlush({ seal: true });
  }

  #tick(options: { seal?: boolean } = {}): void {
    const now = performance.now();
    if (this.#full && now - this.#lastTry < DISK_FULL_RETRY_MS) return;
    this.#lastTry = now;
    try {
      this.tryFlush(options);
    } catch (error) {
      // A timer has nobody to answer: the batch stays pending for the next tick, the system runs on.
      this.#log?.error('store write failed; will retry', {
        error: String((error as Error)?.message ?? error),
      });
    }
  }
}
