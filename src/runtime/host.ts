/**
 * The agent host: starts an agent's code in its runtime when the kernel spawns it, stops it
 * when the kernel ends it, gives each agent its port (syscalls, waiting, services), and
 * turns the scheduler's grants into work for the resource executors (LLM, tools).
 *
 * @example
 * const host = new AgentHost(kernel, persist, { log });
 * host.register(new BuiltinRuntime());
 * const { pid } = host.spawnFile('/path/agent.ts');
 * const status = await host.exitOf(pid);
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { KernelError } from '../kernel/errors.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Agent, ExitStatus, Quotas, RuntimeTier, SchedClass } from '../kernel/process.ts';
import { isAlive } from '../kernel/process.ts';
import type { Persister } from '../platform/persist.ts';
import type { AgentPort, ServiceName, Wait } from '../sdk/port.ts';
import { Waits } from './waits.ts';

export interface Runtime {
  readonly tier: RuntimeTier;
  /** Runs the agent's code to completion; resolves with its JSON result text or rejects. */
  run(agent: Agent, port: AgentPort): Promise<string | undefined>;
  /** Stops an agent's code at once (the kill switch). */
  stop(pid: number): void;
}

export type Executor = (agent: Agent, payload: unknown) => Promise<unknown>;

export interface HostOptions {
  log?(pid: number, message: string): void;
}

export interface SpawnFileOptions {
  runtime?: RuntimeTier;
  name?: string;
  schedClass?: SchedClass;
  weight?: number;
  quotas?: Partial<Quotas>;
  labels?: Record<string, string>;
  /** Named handles of init to grant: { llm: rights, ... } (names of resources or 'system'). */
  grants?: Record<string, number>;
}

const RUNTIME_BY_EXT: Record<string, RuntimeTier> = {
  '.ts': 'builtin',
  '.js': 'builtin',
  '.mjs': 'builtin',
  '.wasm': 'wasm',
};

export class AgentHost {
  readonly kernel: Kernel;
  readonly waits = new Waits();
  readonly #persist: Persister;
  readonly #runtimes = new Map<RuntimeTier, Runtime>();
  readonly #exits = new Map<number, { promise: Promise<ExitStatus>; resolve: (s: ExitStatus) => void }>();
  readonly #names = new Map<number, Record<string, number>>();
  readonly #executors = new Map<string, Executor>();
  readonly #options: HostOptions;
  /** Scheduler request id -> wake the agent waiting for its grant. */
  readonly #grants = new Map<number, () => void>();
  systemHandle = 0;

  constructor(kernel: Kernel, persist: Persister, options: HostOptions = {}) {
    this.kernel = kernel;
    this.#persist = persist;
    this.#options = options;
    const previous = kernel.hooks.signal;
    kernel.hooks.signal = (e, s, c) => {
      previous?.(e, s, c);
      this.waits.onSignal(e, s, c);
    };
    persist.onLifecycle((type, agent) => {
      if (type === 'spawn') this.#start(agent);
      else if (type === 'exit') this.#ended(agent);
      else if (type === 'upgrade') this.#restart(agent);
    });
  }

  register(runtime: Runtime): void {
    this.#runtimes.set(runtime.tier, runtime);
  }

  hasRuntime(tier: RuntimeTier): boolean {
    return this.#runtimes.has(tier);
  }

  /** Runs `executor` for granted requests on resource `name` (llm, tool). */
  setExecutor(name: string, executor: Executor): void {
    this.#executors.set(name, executor);
  }

  /**
   * Spawns the agent in `file` as a child of `as` (init by default) using its handle, which
   * needs the spawn right. Grants name resources (llm, tool, cpu) or `system`; a caller other
   * than init can grant only rights its own handle holds. Throws a KernelError.
   */
  spawnFile(
    file: string,
    options: SpawnFileOptions = {},
    as?: { pid: number; handle: number },
  ): { pid: number; handle: number } {
    const image = imageOf(file);
    const runtime = options.runtime ?? RUNTIME_BY_EXT[extname(file)] ?? 'builtin';
    if (!this.#runtimes.has(runtime)) {
      throw new KernelError(
        'E_BAD_ARG',
        `Runtime '${runtime}' is not available here; use ${[...this.#runtimes.keys()].join(', ')}`,
      );
    }
    const caller = as ?? { pid: 1, handle: this.systemHandle };
    const agent = this.kernel.liveAgent(caller.pid);
    const own = this.kernel.handles.lookup(agent.table, caller.handle, undefined, 0);
    const grants: { handle: number; rights: number }[] = [];
    const names: string[] = [];
    try {
      for (const [name, rights] of Object.entries(options.grants ?? {})) {
        const allowed = caller.pid === 1 ? rights : rights & own.rights;
        const handle = this.kernel.handles.install(
          agent.table,
          agent.pid,
          this.kernel.resource(name),
          allowed,
          caller.pid === 1 ? undefined : own,
        );
        grants.push({ handle: handle.value, rights: allowed });
        names.push(name);
      }
      return this.kernel.syscall(caller.pid, 'process_spawn', {
        handle: caller.handle,
        image,
        runtime,
        name: options.name,
        schedClass: options.schedClass,
        weight: options.weight,
        quotas: options.quotas,
        labels: { ...options.labels, grantNames: names.join(',') },
        grants,
      }) as { pid: number; handle: number };
    } finally {
      for (const g of grants) this.kernel.handles.close(agent.table, g.handle);
    }
  }

  /**
   * Resolves when the agent ends, with its exit status. With `timeoutMs`, an agent still
   * running then is ended with reason 'timeout'.
   */
  exitOf(pid: number, timeoutMs?: number): Promise<ExitStatus> {
    const agent = this.kernel.processes.get(pid);
    if (agent && !isAlive(agent)) return Promise.resolve(agent.exit!);
    const done = this.#exitEntry(pid).promise;
    if (timeoutMs === undefined) return done;
    const timer = setTimeout(() => {
      const a = this.kernel.processes.get(pid);
      if (a && isAlive(a)) {
        this.kernel.lifecycle.end(a, {
          code: 124,
          reason: 'timeout',
          message: `still running after ${timeoutMs} ms`,
        });
      }
    }, timeoutMs);
    return done.finally(() => clearTimeout(timer));
  }

  /** The port an agent's runtime uses: syscalls as that agent, waits and services. */
  portFor(agent: Agent): AgentPort {
    const pid = agent.pid;
    const kernel = this.kernel;
    return {
      pid,
      handles: this.#names.get(pid) ?? {},
      sys: (name, args) => kernel.syscall(pid, name, args),
      wait: (wait, timeoutMs) => this.#wait(agent, wait, timeoutMs),
      service: (name, payload) => this.#service(agent, name, payload),
    };
  }

  #start(agent: Agent): void {
    const runtime = this.#runtimes.get(agent.runtime);
    if (!runtime) return; // external agents (sessions) have no code
    const names: Record<string, number> = { self: agent.startHandles[0] };
    const grantNames = (agent.labels.grantNames ?? '').split(',').filter(Boolean);
    grantNames.forEach((name, i) => {
      if (agent.startHandles[i + 1] !== undefined) names[name] = agent.startHandles[i + 1];
    });
    this.#names.set(agent.pid, names);
    this.kernel.started(agent.pid);
    const port = this.portFor(agent);
    runtime.run(agent, port).then(
      (result) => this.kernel.exited(agent.pid, { code: 0, reason: 'normal', result }),
      (error: unknown) => this.kernel.exited(agent.pid, exitFromError(error)),
    );
  }

  #restart(agent: Agent): void {
    this.#runtimes.get(agent.runtime)?.stop(agent.pid);
    const runtime = this.#runtimes.get(agent.runtime);
    if (!runtime) return;
    runtime.run(agent, this.portFor(agent)).then(
      (result) => this.kernel.exited(agent.pid, { code: 0, reason: 'normal', result }),
      (error: unknown) => this.kernel.exited(agent.pid, exitFromError(error)),
    );
  }

  #ended(agent: Agent): void {
    this.#runtimes.get(agent.runtime)?.stop(agent.pid);
    this.#names.delete(agent.pid);
    this.waits.onExit(agent.object.koid);
    this.#exitEntry(agent.pid).resolve(agent.exit!);
    this.#exits.delete(agent.pid);
    this.#persist.flush();
  }

  #exitEntry(pid: number) {
    let entry = this.#exits.get(pid);
    if (!entry) {
      let resolve!: (s: ExitStatus) => void;
      const promise = new Promise<ExitStatus>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      this.#exits.set(pid, entry);
    }
    return entry;
  }

  async #wait(agent: Agent, wait: Wait, timeoutMs?: number): Promise<void> {
    if (wait.kind === 'sleep') {
      await new Promise((r) => setTimeout(r, Math.max(0, wait.ms)));
      return;
    }
    const handle = agent.table.get(wait.handle);
    if (!handle || handle.revoked || !isAlive(agent)) return; // the retried syscall reports the error
    const key = wait.kind === 'reply' ? wait.txid : handle.object.koid;
    if (wait.kind === 'exit' && handle.object.kind === 'agent') {
      const target = this.kernel.processes.get(handle.object.pid);
      if (!target || !isAlive(target)) return;
    }
    this.kernel.setBlocked(agent.pid, true);
    try {
      await new Promise<void>((resolveWait) => {
        let timer: NodeJS.Timeout | undefined;
        const cancel = this.waits.add(wait.kind as 'readable', key, () => {
          if (timer) clearTimeout(timer);
          resolveWait();
        });
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            cancel();
            resolveWait();
          }, timeoutMs);
        }
      });
    } finally {
      this.kernel.setBlocked(agent.pid, false);
    }
  }

  async #service(agent: Agent, name: ServiceName, payload: unknown): Promise<unknown> {
    switch (name) {
      case 'log':
        this.#options.log?.(agent.pid, String(payload));
        return undefined;
      case 'image':
        return resolveChildImage(agent, String(payload));
      case 'llm':
      case 'tool':
        return this.#scheduled(agent, name, payload);
      default:
        throw new KernelError('E_NOT_FOUND', `Service '${name}' is not available in this runtime`);
    }
  }

  /** Queues a request on a scheduled resource and runs it when the scheduler grants it. */
  async #scheduled(agent: Agent, resource: 'llm' | 'tool', payload: unknown): Promise<unknown> {
    const executor = this.#executors.get(resource);
    if (!executor) {
      throw new KernelError(
        'E_NOT_FOUND',
        resource === 'llm' ? 'No LLM provider is configured; see docs/llm.md' : 'No tool service is running',
      );
    }
    const handle = this.#names.get(agent.pid)?.[resource];
    if (handle === undefined) {
      throw new KernelError(
        'E_NO_RIGHTS',
        `Agent ${agent.pid} holds no ${resource} handle; grant it with --grant ${resource}`,
      );
    }
    const cost = resource === 'llm' ? estimateTokens(payload) : 1;
    const { id } = this.kernel.syscall(agent.pid, 'sched_submit', { handle, cost }) as { id: number };
    await this.#granted(id);
    try {
      return await executor(agent, payload);
    } finally {
      this.kernel.scheduler.complete(id, this.kernel.ports.now());
      this.pump();
    }
  }

  #granted(id: number): Promise<void> {
    return new Promise((resolveGrant) => {
      this.#grants.set(id, resolveGrant);
      this.pump();
    });
  }

  /** Starts whatever the scheduler can dispatch now. */
  pump(): void {
    for (const request of this.kernel.scheduler.dispatch(this.kernel.ports.now())) {
      const wake = this.#grants.get(request.id);
      this.#grants.delete(request.id);
      wake?.();
    }
  }
}

/** Exit status for an error thrown by an agent or by its runtime. */
export function exitFromError(error: unknown): ExitStatus {
  const e = error as { code?: string; message?: string; reason?: ExitStatus['reason'] };
  if (e && typeof e.reason === 'string') return { code: 1, reason: e.reason, message: e.message };
  if (e && typeof e.code === 'string' && e.code.startsWith('E_')) {
    return { code: 1, reason: 'denied', message: `${e.code}: ${e.message}` };
  }
  return { code: 1, reason: 'error', message: e?.message ?? String(error) };
}

/** The runtime an agent file runs on when none is named: by its extension. */
export function defaultRuntime(file: string): RuntimeTier {
  return RUNTIME_BY_EXT[extname(file)] ?? 'builtin';
}

/** The code reference and SHA-256 of an agent file; E_NOT_FOUND / E_BAD_ARG otherwise. */
export function imageOf(file: string): { ref: string; hash: string } {
  const ref = resolve(file);
  if (!['.ts', '.js', '.mjs', '.wasm'].includes(extname(ref))) {
    throw new KernelError('E_BAD_ARG', `Cannot run '${file}': pass a .ts, .js, .mjs or .wasm file`);
  }
  try {
    if (!statSync(ref).isFile()) throw new Error('not a file');
  } catch {
    throw new KernelError('E_NOT_FOUND', `Cannot run '${file}': no such file`);
  }
  return { ref, hash: createHash('sha256').update(readFileSync(ref)).digest('hex') };
}

function resolveChildImage(agent: Agent, path: string): { ref: string; hash: string; runtime: RuntimeTier } {
  const base = dirname(agent.image.ref);
  const target = resolve(base, path);
  const rel = relative(base, target);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new KernelError('E_NO_RIGHTS', `Agents may only spawn images beside their own file, not '${path}'`);
  }
  const image = imageOf(target);
  return { ...image, runtime: RUNTIME_BY_EXT[extname(target)] ?? agent.runtime };
}

function estimateTokens(payload: unknown): number {
  const p = payload as { prompt?: string; system?: string; maxTokens?: number };
  const text = `${p?.system ?? ''}${p?.prompt ?? ''}`;
  return Math.ceil(text.length / 4) + (p?.maxTokens ?? 256);
}
