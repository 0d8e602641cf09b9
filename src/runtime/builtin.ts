/**
 * The built-in runtime: runs an agent module inside the aios process itself. It isolates
 * nothing: the agent could reach Node directly. It exists for trusted system agents and as
 * the fallback before the isolating runtimes (isolate, wasm, process) are chosen. A builtin
 * agent labelled for a worker thread (a system service, see service-thread.ts) runs on a
 * thread of its own in the worker pool instead, still trusted, but off the kernel's thread.
 */
import { pathToFileURL } from 'node:url';
import { type Agent, KernelError } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { WorkerPool } from './pool.ts';
import type { Runtime } from './runtime.ts';
import { onServiceThread, SERVICE_THREAD_LABEL } from './service-thread.ts';

export interface BuiltinOptions {
  /** The pool whose threads host services that ask for one (built if need be). */
  workers?: () => Promise<WorkerPool>;
}

export class BuiltinRuntime implements Runtime {
  readonly tier = 'builtin' as const;
  readonly #workers: (() => Promise<WorkerPool>) | undefined;
  /** The pool, once a service has run on it. */
  #pool: WorkerPool | undefined;

  constructor(options: BuiltinOptions = {}) {
    this.#workers = options.workers;
  }

  async run(agent: Agent, port: AgentPort): Promise<string | undefined> {
    if (onServiceThread(agent)) {
      if (!this.#workers) {
        throw new KernelError(
          'E_BAD_ARG',
          `No worker pool here to give service ${agent.pid} a thread; start it without the '${SERVICE_THREAD_LABEL}' label`,
        );
      }
      this.#pool = await this.#workers();
      return this.#pool.runService(agent, port);
    }
    const url = `${pathToFileURL(agent.image.ref).href}?sha256=${agent.image.hash}`;
    const module = (await import(url)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new Error(
        `${agent.image.ref} has no default export function; export default async function (os) { … }`,
      );
    }
    // The SDK loads with the first in-process agent, not with every boot (docs/boot.md).
    const { createOs } = await import('../sdk/os.ts');
    const value = await (module.default as (os: unknown) => unknown)(createOs(port));
    return value === undefined ? undefined : JSON.stringify(value);
  }

  // In-process code cannot be interrupted (the kernel already refuses its syscalls); a service
  // on a thread of its own is stopped with its thread.
  stop(pid: number): void {
    this.#pool?.stop(pid);
  }

  suspend(pid: number): void {
    this.#pool?.suspend(pid);
  }

  resume(pid: number): void {
    this.#pool?.resume(pid);
  }
}
