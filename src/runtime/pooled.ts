/**
 * The isolate and wasm runtimes: both run their agents in V8 isolates on the worker pool,
 * the first from a JavaScript/TypeScript bundle with the SDK, the second from a WebAssembly
 * module whose imports are the aios syscalls.
 *
 * The pool may be given as what builds it: it is then built when the first agent runs (or
 * when `aios up`, once ready, prewarms it), and its modules stay off the path to ready.
 *
 * @example
 * const pool = new WorkerPool();
 * host.register(new PooledRuntime('isolate', pool));
 * host.register(new PooledRuntime('wasm', pool));
 */
import type { Agent, PooledTier } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { WorkerPool } from './pool.ts';
import type { Runtime } from './runtime.ts';

/** A pool, or what builds it (called again it must give the same one). */
export type PoolSource = WorkerPool | (() => Promise<WorkerPool>);

export class PooledRuntime implements Runtime {
  readonly tier: PooledTier;
  readonly #source: PoolSource;
  #pool: WorkerPool | undefined;
  #building: Promise<WorkerPool> | undefined;

  constructor(tier: PooledTier, pool: PoolSource) {
    this.tier = tier;
    this.#source = pool;
    if (typeof pool !== 'function') this.#pool = pool;
  }

  /** The pool; throws if it is not built yet (no agent of this tier has run). */
  get pool(): WorkerPool {
    if (!this.#pool) throw new Error('The worker pool is not built yet: no agent has run in it');
    return this.#pool;
  }

  /** The pool, built if need be. */
  built(): Promise<WorkerPool> {
    if (this.#pool) return Promise.resolve(this.#pool);
    this.#building ??= (this.#source as () => Promise<WorkerPool>)().then((pool) => {
      this.#pool = pool;
      return pool;
    });
    return this.#building;
  }

  async run(agent: Agent, port: AgentPort): Promise<string | undefined> {
    return (this.#pool ?? (await this.built())).run(agent, port, this.tier);
  }

  // Before the pool is built no agent runs in it: stop, suspend and resume have nothing to do.
  stop(pid: number): void {
    this.#pool?.stop(pid);
  }

  suspend(pid: number): void {
    this.#pool?.suspend(pid);
  }

  resume(pid: number): void {
    this.#pool?.resume(pid);
  }

  async close(): Promise<void> {
    const pool = this.#pool ?? (await this.#building?.catch(() => undefined));
    await pool?.close();
  }
}
