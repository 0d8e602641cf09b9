/**
 * The isolate and wasm runtimes: both run their agents in V8 isolates on the worker pool,
 * the first from a JavaScript/TypeScript bundle with the SDK, the second from a WebAssembly
 * module whose imports are the aios syscalls.
 *
 * @example
 * const pool = new WorkerPool();
 * host.register(new PooledRuntime('isolate', pool));
 * host.register(new PooledRuntime('wasm', pool));
 */
import type { Agent } from '../kernel/process.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { Runtime } from './host.ts';
import type { WorkerPool } from './pool.ts';

export class PooledRuntime implements Runtime {
  readonly tier: 'isolate' | 'wasm';
  readonly pool: WorkerPool;

  constructor(tier: 'isolate' | 'wasm', pool: WorkerPool) {
    this.tier = tier;
    this.pool = pool;
  }

  run(agent: Agent, port: AgentPort): Promise<string | undefined> {
    return this.pool.run(agent, port, this.tier);
  }

  stop(pid: number): void {
    this.pool.stop(pid);
  }

  suspend(pid: number): void {
    this.pool.suspend(pid);
  }

  resume(pid: number): void {
    this.pool.resume(pid);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
