/**
 * The agent host: starts an agent's code in its runtime when the kernel spawns it, stops it
 * when the kernel ends it, gives each agent its port (syscalls, waiting, services), and
 * turns the scheduler's grants into work for the resource executors (LLM, tools).
 *
 * @example
 * const host = new AgentHost(kernel, plane, persist, { log });
 * host.register(new BuiltinRuntime());
 * const { pid } = host.spawnFile('/path/agent.ts');
 * const status = await host.exitOf(pid);
 */
import {
  type Agent,
  type ExitStatus,
  type HostPlane,
  INIT_PID,
  isAlive,
  type Kernel,
  KernelError,
  type Quotas,
  RIGHTS,
  type RuntimeTier,
  type SchedClass,
} from '../kernel/index.ts';
import type { Persister } from '../platform/persist.ts';
import type { AgentPort, ServiceName, Wait } from '../sdk/port.ts';
import { ExternalAgents } from './external.ts';
import { childImageDenial, defaultRuntime, imageOf, resolveChildImage } from './images.ts';
import { type Executor, ResourceBroker } from './resources.ts';
import { exitFromError, type Runtime } from './runtime.ts';
import { ServiceDoors } from './service-doors.ts';
import { alreadyReady, Waits } from './waits.ts';

export type { Executor } from './resources.ts';
export { CPU_SLICE_MS } from './resources.ts';

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

export class AgentHost {
  readonly kernel: Kernel;
  readonly waits = new Waits();
  readonly #persist: Persister;
  readonly #plane: HostPlane;
  readonly #runtimes = new Map<RuntimeTier, Runtime>();
  readonly #exits = new Map<number, { promise: Promise<ExitStatus>; resolve: (s: ExitStatus) => void }>();
  readonly #names = new Map<number, Record<string, number>>();
  /** Scheduled resources: LLM, tools, CPU slices. */
  readonly resources: ResourceBroker;
  readonly #options: HostOptions;
  readonly #resumeWaiters = new Map<number, (() => void)[]>();
  /** What each agent is parked on (waits, sleeps), released when it ends. */
  readonly #parkedBy = new Map<number, Set<() => void>>();
  systemHandle = 0;

  constructor(kernel: Kernel, plane: HostPlane, persist: Persister, options: HostOptions = {}) {
    this.kernel = kernel;
    this.#plane = plane;
    this.#persist = persist;
    this.external = new ExternalAgents(plane);
    this.services = new ServiceDoors(kernel, plane);
    this.#options = options;
    this.resources = new ResourceBroker(plane, (pid, name) => this.#names.get(pid)?.[name]);
    kernel.events.on('signal', (e, s, c) => this.waits.onSignal(e, s, c));
    kernel.events.on('lifecycle', (type, agent) => {
      if (type === 'spawn') this.#start(agent);
      else if (type === 'exit') this.#ended(agent);
      else if (type === 'upgrade') this.#restart(agent);
      else if (type === 'suspend') this.#runtimes.get(agent.runtime)?.suspend?.(agent.pid);
      else if (type === 'resume') {
        this.#runtimes.get(agent.runtime)?.resume?.(agent.pid);
        this.#wakeResumed(agent.pid);
      }
    });
  }

  register(runtime: Runtime): void {
    this.#runtimes.set(runtime.tier, runtime);
  }

  hasRuntime(tier: RuntimeTier): boolean {
    return this.#runtimes.has(tier);
  }

  runtime(tier: RuntimeTier): Runtime | undefined {
    return this.#runtimes.get(tier);
  }

  /** Closes every runtime (their worker threads and child processes). */
  async close(): Promise<void> {
    await Promise.all([...new Set(this.#runtimes.values())].map((r) => r.close?.()));
  }

  /** Runs `executor` for granted requests on resource `name` (llm, tool). */
  setExecutor(name: string, executor: Executor): void {
    this.resources.setExecutor(name, executor);
  }

  /** Starts whatever the scheduler can dispatch now, and preempts what it says to. */
  pump(): void {
    this.resources.pump();
  }

  /** Ends an agent's CPU slice and, with `want`, waits for its next (see ResourceBroker). */
  cpuSlice(agent: Agent, usedMs: number, want: boolean): Promise<void> {
    return this.resources.cpuSlice(agent, usedMs, want);
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
    const runtime = options.runtime ?? defaultRuntime(file);
    if (!this.#runtimes.has(runtime)) {
      throw new KernelError(
        'E_BAD_ARG',
        `Runtime '${runtime}' is not available here; use ${[...this.#runtimes.keys()].join(', ')}`,
      );
    }
    const caller = as ?? { pid: INIT_PID, handle: this.systemHandle };
    const sys = (name: string, args: Record<string, unknown>) => this.kernel.syscall(caller.pid, name, args);
    const grants: { handle: number; rights: number }[] = [];
    const names: string[] = [];
    try {
      for (const [name, rights] of Object.entries(options.grants ?? {})) {
        // The handle only carries the grant into the child and is closed below: it gets the
        // right to pass it on (duplicate), which the child's handle has only if asked for.
        const made = sys('resource_handle', {
          handle: caller.handle,
          name,
          rights: rights | RIGHTS.DUPLICATE,
        }) as { handle: number; rights: number };
        grants.push({ handle: made.handle, rights: rights & made.rights });
        names.push(name);
      }
      return sys('process_spawn', {
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
      for (const g of grants) sys('handle_close', { handle: g.handle });
    }
  }

  /**
   * Resolves when the agent ends, with its exit status. With `timeoutMs`, an agent still
   * running then is ended with reason 'timeout'.
   */
  exitOf(pid: number, timeoutMs?: number): Promise<ExitStatus> {
    const agent = this.#plane.agent(pid);
    if (agent && !isAlive(agent)) return Promise.resolve(agent.exit!);
    const done = this.#exitEntry(pid).promise;
    if (timeoutMs === undefined) return done;
    const timer = setTimeout(() => {
      this.#plane.end(pid, { code: 124, reason: 'timeout', message: `still running after ${timeoutMs} ms` });
    }, timeoutMs);
    return done.finally(() => clearTimeout(timer));
  }

  /** The agents whose code runs outside aios's runtimes: API sessions and Atlas (external.ts). */
  readonly external: ExternalAgents;

  /** Where system services accept connections, and connecting callers to them (service-doors.ts). */
  readonly services: ServiceDoors;

  /** Init's port: the owner's side of the system (the CLI, the API's socket, the supervisor's start). */
  initPort(): AgentPort {
    return this.portFor(this.#plane.agent(INIT_PID)!);
  }

  /**
   * The port of live agent `pid`, for a host surface acting as it (the service gateway calling
   * for an API session or init). E_BAD_STATE when it is not running.
   */
  portOf(pid: number): AgentPort {
    const agent = this.#plane.agent(pid);
    if (agent === undefined || !isAlive(agent))
      throw new KernelError('E_BAD_STATE', `Agent ${pid} is not running`);
    return this.portFor(agent as Agent);
  }

  /** The port an agent's runtime uses: syscalls as that agent, waits and services. */
  portFor(agent: Agent): AgentPort {
    const pid = agent.pid;
    const kernel = this.kernel;
    const sys = (name: string, args: Record<string, unknown>) => {
      if (name === 'process_spawn' || name === 'process_upgrade') this.#checkChildImage(agent, name, args);
      return kernel.syscall(pid, name, args);
    };
    return {
      pid,
      handles: this.#names.get(pid) ?? {},
      sys,
      wait: (wait, timeoutMs) => this.#wait(agent, wait, timeoutMs),
      service: (name, payload) => this.#service(agent, name, payload),
      call: async (args) => {
        const port = this.portFor(agent);
        const handle = args.handle;
        const { txid } = (await port.block!('channel_call', args, { kind: 'writable', handle })) as {
          txid: number;
        };
        return port.block!('channel_call_result', { handle, txid }, { kind: 'reply', handle, txid });
      },
      block: async (name, args, wait, timeoutMs) => {
        const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
        for (;;) {
          if (agent.state === 'suspended') await this.#resumed(agent.pid);
          try {
            return sys(name, args);
          } catch (error) {
            if (!(error instanceof KernelError) || error.code !== 'E_WOULD_BLOCK') throw error;
          }
          const left = deadline - performance.now();
          if (left <= 0) throw new KernelError('E_TIMED_OUT', `Nothing arrived within ${timeoutMs} ms`);
          await this.#wait(agent, wait, left === Infinity ? undefined : left);
        }
      },
    };
  }

  /**
   * An agent names the image of a child (or its own upgrade): it must be a file beside the
   * agent's own, with the hash of what is there now, in a runtime that confines at least as
   * much as the agent's own. The kernel cannot read files, so the host checks; a refusal is
   * audited like any denied syscall.
   */
  #checkChildImage(agent: Agent, name: string, args: Record<string, unknown>): void {
    const message = childImageDenial(agent, args);
    if (message === undefined) return;
    throw this.#plane.refuse(agent.pid, name, message);
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
    this.#plane.started(agent.pid);
    const port = this.portFor(agent);
    runtime.run(agent, port).then(
      (result) => this.#plane.exited(agent.pid, { code: 0, reason: 'normal', result }),
      (error: unknown) => this.#plane.exited(agent.pid, exitFromError(error)),
    );
  }

  #restart(agent: Agent): void {
    this.#runtimes.get(agent.runtime)?.stop(agent.pid);
    const runtime = this.#runtimes.get(agent.runtime);
    if (!runtime) return;
    runtime.run(agent, this.portFor(agent)).then(
      (result) => this.#plane.exited(agent.pid, { code: 0, reason: 'normal', result }),
      (error: unknown) => this.#plane.exited(agent.pid, exitFromError(error)),
    );
  }

  /** Resolves when a suspended agent is resumed or ends. */
  #resumed(pid: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.#resumeWaiters.get(pid);
      if (list) list.push(resolve);
      else this.#resumeWaiters.set(pid, [resolve]);
    });
  }

  #wakeResumed(pid: number): void {
    const list = this.#resumeWaiters.get(pid);
    this.#resumeWaiters.delete(pid);
    for (const wake of list ?? []) wake();
  }

  #ended(agent: Agent): void {
    this.#wakeResumed(agent.pid);
    this.resources.forget(agent.pid);
    for (const done of [...(this.#parkedBy.get(agent.pid) ?? [])]) done();
    this.#runtimes.get(agent.runtime)?.stop(agent.pid);
    this.#names.delete(agent.pid);
    this.waits.onExit(agent.object.koid);
    this.#exitEntry(agent.pid).resolve(agent.exit!);
    this.#exits.delete(agent.pid);
    this.#persist.tryFlush(); // on a full disk the exit stays pending until there is room
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
    if (!isAlive(agent)) return;
    if (wait.kind === 'sleep') {
      await this.#parked(agent.pid, () => () => {}, Math.max(0, wait.ms));
      return;
    }
    const handle = this.#plane.handle(agent.pid, wait.handle);
    if (!handle || handle.revoked) return; // the retried syscall reports the error
    if (handle.object.kind === 'channel') this.#plane.settle(handle.object); // its queue is the kernel's again
    if (alreadyReady(wait.kind, handle.object)) return; // no signal will come for what already holds
    const key = wait.kind === 'reply' ? wait.txid : handle.object.koid;
    if (wait.kind === 'exit' && handle.object.kind === 'agent') {
      const target = this.#plane.agent(handle.object.pid);
      if (!target || !isAlive(target)) return;
    }
    this.#plane.setBlocked(agent.pid, true);
    try {
      await this.#parked(agent.pid, (wake) => this.waits.add(wait.kind as 'readable', key, wake), timeoutMs);
    } finally {
      this.#plane.setBlocked(agent.pid, false);
    }
  }

  /**
   * Parks an agent until `register`'s wake-up, the timeout, or the agent's end, whichever
   * comes first; nothing (no timer, no waiter) outlives it.
   */
  #parked(pid: number, register: (wake: () => void) => () => void, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolveWait) => {
      let timer: NodeJS.Timeout | undefined;
      let set = this.#parkedBy.get(pid);
      if (!set) {
        set = new Set();
        this.#parkedBy.set(pid, set);
      }
      const done = () => {
        if (timer) clearTimeout(timer);
        cancel();
        set.delete(done);
        if (set.size === 0 && this.#parkedBy.get(pid) === set) this.#parkedBy.delete(pid);
        resolveWait();
      };
      const cancel = register(done);
      set.add(done);
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs);
    });
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
        return this.resources.run(agent, name, payload);
      case 'yield':
        return undefined;
      case 'connect':
        return this.services.connect(agent.pid, String(payload));
      case 'cpu': {
        const p = payload as { used?: unknown; want?: unknown };
        return this.cpuSlice(agent, Number(p?.used) || 0, p?.want === true);
      }
      case 'hibernate':
        throw new KernelError(
          'E_NOT_FOUND',
          `Hibernation needs the isolate runtime; agent ${agent.pid} runs in ${agent.runtime}`,
        );
      default:
        throw new KernelError('E_NOT_FOUND', `Service '${name}' is not available in this runtime`);
    }
  }
}
