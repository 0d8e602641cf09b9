/**
 * Boot: from nothing to a running kernel with its store, host and clock, one step a line.
 * `aios up` boots and then serves; `aios run` and other commands boot an embedded system
 * when none is running.
 *
 * @example
 * const system = await boot({ home: '/tmp/x' });
 * const { pid } = system.host.spawnFile('agent.ts');
 * await system.shutdown();
 */

import { llmConfigured } from './intel/configured.ts';
import {
  type AuditLevel,
  createKernel,
  EXIT_SHUTDOWN,
  FairPolicy,
  FifoPolicy,
  type HostPlane,
  INIT_PID,
  isAlive,
  type Kernel,
  KernelError,
} from './kernel/index.ts';
import { agentLog } from './platform/agent-log.ts';
import { DiskFullError } from './platform/disk-full.ts';
import { acquireLock } from './platform/lock.ts';
import { type Level, Logger } from './platform/log.ts';
import { aiosHome, ensureHome, lockPath, logPath } from './platform/paths.ts';
import { Persister } from './platform/persist.ts';
import { createNodePorts, monotonicNow } from './platform/ports.ts';
import { Store } from './platform/store.ts';
import { BuiltinRuntime } from './runtime/builtin.ts';
import { AgentHost } from './runtime/host.ts';
import type { WorkerPool } from './runtime/pool.ts';
import { PooledRuntime } from './runtime/pooled.ts';
import { ProcessRuntime } from './runtime/process-runtime.ts';
import { isolatePool } from './runtime/service-thread.ts';
import type { ServiceGateway } from './services/declare.ts';
import type { SupervisorClient } from './services/supervisor/service.ts';
import type { ServicesHost } from './services/system.ts';

export interface BootOptions {
  home?: string;
  policy?: 'fair' | 'fifo';
  auditLevel?: AuditLevel;
  logLevel?: Level;
  /**
   * Build the isolate runtime's worker pool at the first spawn or prewarm() rather than before
   * boot returns: `aios up` does, so that its modules stay off the path to ready.
   */
  deferPool?: boolean;
  /**
   * Start the system services (the supervisor) before boot returns; embedded runs do not.
   * `aios up` starts them with startServices() once it is ready to serve.
   */
  services?: boolean;
}

export interface System {
  readonly home: string;
  readonly store: Store;
  readonly kernel: Kernel;
  readonly persist: Persister;
  readonly host: AgentHost;
  readonly log: Logger;
  readonly systemHandle: number;
  /** The first pid this boot could give: agents below it were recorded by earlier boots. */
  readonly firstPid: number;
  /** The root supervisor's client, once the services run. */
  readonly supervisor: SupervisorClient | undefined;
  /**
   * The system services (memoryd, …), for the host's surfaces: `services.call(pid, 'memoryd',
   * 'search', args)` as that principal. Their declarations are there once startServices() has
   * resolved; before (or in an embedded run, which starts none) a call answers E_UNAVAILABLE.
   */
  readonly services: ServiceGateway;
  /**
   * Starts the system services (the root supervisor with the services tree first, then the
   * trees it kept), once; later calls return the same promise. A failure is logged, not thrown.
   */
  startServices(): Promise<SupervisorClient | undefined>;
  /** Milliseconds from the start of boot() to ready. */
  readonly bootMs: number;
  /** Runs `fn` first thing at shutdown (external connections, child processes of add-ons). */
  atShutdown(fn: () => Promise<void> | void): void;
  /** Starts the isolate workers now rather than at the first spawn (a long-running system, once ready). */
  prewarm(): void;
  shutdown(): Promise<void>;
}

const planes = new WeakMap<System, HostPlane>();

/**
 * The host plane of a booted system, for the tests and benchmarks of the layers that host
 * agents. No upper layer (api, shell, services, cli) takes it: a test checks.
 */
export function hostPlaneOf(system: System): HostPlane {
  return planes.get(system)!;
}

/** Interval of the kernel clock: call timeouts and scheduler dispatch. */
const TICK_MS = 10;

export async function boot(options: BootOptions = {}): Promise<System> {
  const started = monotonicNow();
  const home = options.home ?? aiosHome();
  ensureHome(home);
  const llm = llmConfigured(home, process.env) //          the LLM service for agents, when a model is configured
    ? await (await import('./intel/executor.ts')).createLlmExecutor({ home, env: process.env })
    : undefined;
  const unlock = acquireLock(lockPath(home)); //           one kernel per home
  const store = Store.open(home); //                       the store: SQLite (WAL) under AIOS_HOME
  const log = new Logger(logPath(home), options.logLevel); // structured logs
  const { kernel, host: plane } = createKernel(createNodePorts(store.keys()), {
    // the kernel, with its key pair from the store
    policy: options.policy === 'fifo' ? () => new FifoPolicy() : () => new FairPolicy(),
    auditLevel: options.auditLevel,
  });
  const persist = new Persister(kernel, plane, store, log); // every kernel decision reaches the store
  const firstPid = store.nextPid();
  const { systemHandle } = plane.boot({
    nextPid: firstPid,
    tokens: store.tokens(),
    audit: store.audit.head(),
    checkpoints: store.checkpoints(),
  });
  markLostAgents(plane, store, persist); //                agents of a previous run that never ended
  const host = new AgentHost(kernel, plane, persist, { log: agentLog(log) }); // os.log, rate-limited per agent
  host.systemHandle = systemHandle;
  host.register(new BuiltinRuntime({ workers: () => isolatePool(host) })); // runtimes: trusted (in-process, or a service's own thread),
  let building: Promise<WorkerPool> | undefined; //       V8 isolates on a pool of worker threads,
  const buildPool = () => {
    building ??= import('./runtime/pool.ts').then(({ WorkerPool }) => new WorkerPool({ plane }));
    return building;
  };
  const pool = options.deferPool ? buildPool : await buildPool();
  host.register(new PooledRuntime('isolate', pool));
  host.register(new PooledRuntime('wasm', pool)); //       WebAssembly modules in isolates too,
  host.register(new ProcessRuntime()); //                  child processes under Node's permission model
  if (llm) host.setExecutor('llm', llm);
  const clock = setInterval(() => {
    plane.tick(plane.now()); //                            the clock: call deadlines, scheduler
    host.pump();
  }, TICK_MS);
  clock.unref();
  persist.start();
  persist.tryFlush(); //                                   a full disk refuses writes, not the boot
  const bootMs = monotonicNow() - started;
  log.info('kernel ready', { bootMs, home });

  let down = false;
  let supervisor: SupervisorClient | undefined;
  let gateway: ServiceGateway | undefined;
  let servicesStarted: Promise<SupervisorClient | undefined> | undefined;
  const closers: (() => Promise<void> | void)[] = [];
  const system: System = {
    home,
    store,
    kernel,
    persist,
    host,
    log,
    systemHandle,
    firstPid,
    get supervisor() {
      return supervisor;
    },
    services: {
      async call(caller, service, op, args) {
        await servicesStarted;
        if (gateway === undefined) {
          throw new KernelError(
            'E_UNAVAILABLE',
            `System services run under 'aios up', and none runs here; start it, then call '${service}' again`,
          );
        }
        return gateway.call(caller, service, op, args);
      },
      declarations: () => gateway?.declarations() ?? [],
    },
    startServices() {
      servicesStarted ??= down
        ? Promise.resolve(undefined)
        : startServices({ kernel, host, log, systemHandle, home }).then((started) => {
            supervisor = started?.supervisor;
            gateway = started?.gateway;
            return supervisor;
          });
      return servicesStarted;
    },
    bootMs,
    atShutdown(fn) {
      closers.push(fn);
    },
    prewarm() {
      if (!down) void buildPool().then((p) => p.prewarm());
    },
    async shutdown() {
      if (down) return;
      down = true;
      for (const close of closers.splice(0)) await Promise.resolve(close()).catch(() => {});
      await servicesStarted; //                          a start under way ends first, then stops
      await supervisor?.shutdown(); //                    trees stop children last-first, checkpoints kept
      clearInterval(clock);
      for (const agent of [...plane.agents()]) {
        if (agent.pid !== INIT_PID && isAlive(agent))
          plane.end(agent.pid, { code: EXIT_SHUTDOWN, reason: 'killed', message: 'system shut down' });
      }
      await host.close();
      await building?.then((p) => p.close()); //         built by prewarm() though no agent ran in it
      plane.note(0, 'boot', 'kernel_shutdown', true);
      if (!persist.stop()) log.error('disk full: the last writes, never acknowledged, were not kept');
      log.info('kernel stopped');
      log.flush();
      store.close();
      unlock();
    },
  };
  planes.set(system, plane);
  // system services (`aios up`): the root supervisor, which starts again the trees it kept
  if (options.services) await system.startServices();
  return system;
}

/** System services: the root supervisor, the services tree and the trees it kept. A failure is logged, not fatal. */
async function startServices(system: ServicesHost) {
  try {
    const { startSystemServices } = await import('./services/system.ts');
    return await startSystemServices(system);
  } catch (error) {
    system.log.error('supervision did not start', { error: String((error as Error)?.message ?? error) });
    return undefined;
  }
}

function markLostAgents(plane: HostPlane, store: Store, persist: Persister): void {
  const lost = store.agents({ live: true });
  if (lost.length === 0) return;
  for (const record of lost) {
    plane.note(record.pid, 'lifecycle', 'lost', false, {
      message: 'the system stopped while it ran',
    });
  }
  try {
    store.commit({
      agents: lost.map((r) => ({
        ...r,
        state: 'crashed',
        exit: { code: 1, reason: 'crashed', message: 'the system stopped while it ran' },
      })),
    });
  } catch (error) {
    // On a full disk they stay recorded as running: the next boot with room marks them.
    if (!(error instanceof DiskFullError)) throw error;
  }
  persist.tryFlush();
}
