/**
 * Supervision in a running system. Boot starts the root supervisor, the `supervisor` service
 * agent, as a child of init: it holds a system handle that may spawn and manage agents, the
 * resource handles it may pass on (llm, tool, cpu) and a control channel whose other end
 * init keeps. Every tree (`aios supervise`, `aios spawn --restart`) is a child supervisor of
 * it. Its checkpoint, named "supervisor", lists the trees, so after a restart of the whole
 * system (even kill -9) it starts them again and their workers resume from their checkpoints.
 *
 * SupervisorClient is how the API (acting as init) talks to it: over the control channel,
 * through the same SDK agents use.
 *
 * @example
 * const sup = await startSupervision(system);
 * await sup.start(resolveTree(spec, { hasRuntime }));
 * const reply = await sup.call(['web', 'db'], { get: 'x' });
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_RIGHTS, type Kernel, RIGHT_GROUPS, RIGHTS_ALL, SERVICE_LABEL } from '../../kernel/index.ts';
import type { Logger } from '../../platform/log.ts';
import type { AgentHost } from '../../runtime/host.ts';
import { imageOf } from '../../runtime/images.ts';
import { createOs, type Data, type Message, type Os } from '../../sdk/os.ts';
import { type ChildSpec, SHUTDOWN_EXIT_CODE, type TreeSpec } from './child-spec.ts';
import { SupervisorError, type SupervisorErrorValue } from './errors.ts';
import { RestartIntensity } from './intensity.ts';
import type { ChildStatus, ControlRequest, TreeStatus } from './protocol.ts';
import { SUPERVISOR_QUOTAS } from './spawn.ts';

export const SUPERVISOR_AGENT = fileURLToPath(new URL('./agent.ts', import.meta.url));

/** The root: one_for_one over trees, which it restarts only if a tree's supervisor itself crashes. */
export const ROOT_SPEC: TreeSpec = {
  name: 'supervisor',
  strategy: 'one_for_one',
  intensity: 3,
  period: 5,
  autoShutdown: false,
  children: [],
};

const REQUEST_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

export interface SupervisionHost {
  kernel: Kernel;
  host: AgentHost;
  log: Logger;
  systemHandle: number;
}

export interface SupervisionOptions {
  /**
   * The system's own services, started first by the root as its static children (not kept in
   * its checkpoint: each boot starts them from the code it runs).
   */
  services?: ChildSpec[];
  /** Called once the root runs, and again each time init has started it anew. */
  onStart?(client: SupervisorClient): void;
}

export class SupervisorClient {
  #pid: number;
  readonly #os: Os;
  #control: number;
  #stopping = false;

  constructor(pid: number, os: Os, control: number) {
    this.#pid = pid;
    this.#os = os;
    this.#control = control;
  }

  /** The pid of the running root supervisor (a new one after init restarted it). */
  get pid(): number {
    return this.#pid;
  }

  /** Whether the system asked it to shut down (so its end is not a failure to recover from). */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Points the client at a restarted root supervisor; the old control channel is closed. */
  rebind(pid: number, control: number): void {
    const old = this.#control;
    this.#pid = pid;
    this.#control = control;
    this.#os.handle.close(old).catch(() => {});
  }

  async request<T extends object>(
    request: ControlRequest,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<{ body: T; handles: number[] }> {
    let reply: Message;
    try {
      reply = await this.#os.ipc.call(this.#control, request, { timeoutMs });
    } catch (error) {
      throw new SupervisorError(
        'unavailable',
        `The supervisor service did not answer: ${(error as Error).message}`,
      );
    }
    const body = reply.json<({ ok: true } & T) | { ok: false; error: SupervisorErrorValue }>();
    if (!body.ok) throw SupervisorError.from(body.error);
    const { ok: _, ...rest } = body;
    return { body: rest as unknown as T, handles: reply.handles };
  }

  /** Every tree, its children, their pids and restart counts. */
  async status(): Promise<TreeStatus> {
    return (await this.request<TreeStatus>({ op: 'status' })).body;
  }

  /** Starts a tree under the root; its supervisor is restarted only if it crashes, not if it gives up. */
  async start(tree: TreeSpec): Promise<ChildStatus> {
    const child = { id: tree.name, kind: 'supervisor' as const, restart: 'transient' as const, tree };
    return (await this.request<ChildStatus>({ op: 'start_child', child })).body;
  }

  /** Stops a tree (its children last first) and forgets its checkpoints. */
  async stop(name: string): Promise<void> {
    await this.request({ op: 'stop_child', id: name });
  }

  /**
   * Stops every tree in order (each its children last first) and the root, keeping the list of
   * trees and their checkpoints for the next boot. For the system's shutdown; never throws.
   */
  async shutdown(timeoutMs = SHUTDOWN_TIMEOUT_MS): Promise<void> {
    this.#stopping = true;
    try {
      await this.request({ op: 'shutdown' }, timeoutMs);
    } catch {
      // not running, or too slow: the system's shutdown ends whatever is left
    }
  }

  /** A handle (in init's table) to the service endpoint of the worker at `path`, e.g. ['web', 'db']. */
  async connect(path: string[]): Promise<number> {
    return (await this.request({ op: 'connect', path })).handles[0];
  }

  /** Sends `data` to the worker at `path` as a request and returns its reply. */
  async call(path: string[], data: Data, timeoutMs = 5_000): Promise<Message> {
    const handle = await this.connect(path);
    try {
      return await this.#os.ipc.call(handle, data, { timeoutMs });
    } finally {
      await this.#os.handle.close(handle);
    }
  }
}

/** Spawns the root supervisor agent as a child of init and sends it its tree. */
async function startRoot(
  system: SupervisionHost,
  os: Os,
  services: ChildSpec[],
): Promise<{ pid: number; control: number }> {
  const [control, peer] = await os.ipc.channel();
  const names = ['system', 'llm', 'tool', 'cpu', 'control'];
  const temporary: number[] = [];
  let pid: number;
  let handle: number;
  try {
    for (const name of ['llm', 'tool', 'cpu']) {
      const made = (await os.sys('resource_handle', {
        handle: system.systemHandle,
        name,
        rights: RIGHTS_ALL,
      })) as { handle: number };
      temporary.push(made.handle);
    }
    ({ pid, handle } = (await os.sys('process_spawn', {
      handle: system.systemHandle,
      image: imageOf(SUPERVISOR_AGENT),
      runtime: 'builtin',
      name: 'supervisor',
      quotas: SUPERVISOR_QUOTAS,
      labels: { checkpoint: 'supervisor', [SERVICE_LABEL]: 'supervisor', grantNames: names.join(',') },
      grants: [
        { handle: system.systemHandle, rights: RIGHT_GROUPS.process | RIGHT_GROUPS.basic },
        ...temporary.map((handle) => ({ handle, rights: RIGHTS_ALL })),
        { handle: peer, rights: DEFAULT_RIGHTS.channel },
      ],
    })) as { pid: number; handle: number });
  } finally {
    for (const h of [...temporary, peer]) await os.handle.close(h);
  }
  const client = new SupervisorClient(pid, os, control);
  try {
    await client.request({ op: 'init', spec: { ...ROOT_SPEC, children: services }, persist: true });
  } catch (error) {
    await os.sys('process_kill', { handle }).catch(() => {}); // it may have ended already
    await os.handle.close(control).catch(() => {});
    throw error;
  }
  return { pid, control };
}

/**
 * Starts the root supervisor and returns a client for it; throws if it cannot start. Init
 * supervises it in turn: if it ends while the system runs (killed, crashed), init starts it
 * again, and it starts again the trees it kept, at most ROOT_SPEC.intensity times in
 * ROOT_SPEC.period seconds, as OTP does for any permanent child.
 */
export async function startSupervision(
  system: SupervisionHost,
  options: SupervisionOptions = {},
): Promise<SupervisorClient> {
  const { log } = system;
  const services = options.services ?? [];
  const os = createOs(system.host.initPort());
  const first = await startRoot(system, os, services);
  const client = new SupervisorClient(first.pid, os, first.control);
  options.onStart?.(client);
  const intensity = new RestartIntensity(ROOT_SPEC.intensity ?? 3, ROOT_SPEC.period ?? 5);
  const restart = async () => {
    if (!intensity.record(performance.now())) {
      log.error('supervisor service keeps ending; init gave up restarting it', { pid: client.pid });
      return;
    }
    try {
      const next = await startRoot(system, os, services);
      if (client.stopping) return;
      client.rebind(next.pid, next.control);
      options.onStart?.(client);
      log.warn('supervisor service restarted by init', { pid: next.pid });
    } catch (error) {
      log.error('supervisor service could not be restarted', {
        error: String((error as Error)?.message ?? error),
      });
    }
  };
  system.kernel.events.on('lifecycle', (type, agent) => {
    if (type !== 'exit' || agent.pid !== client.pid) return;
    const exit = agent.exit!;
    const fields = { pid: agent.pid, code: exit.code, reason: exit.reason, message: exit.message };
    if (client.stopping || exit.message === 'system shut down') {
      log.info('supervisor service stopped', fields);
      return;
    }
    if (exit.code === SHUTDOWN_EXIT_CODE) {
      // it gave up on its trees (restart intensity): starting it again would start them again
      log.error('supervisor service gave up; supervised agents are no longer restarted', fields);
      return;
    }
    log.error('supervisor service ended; init restarts it', fields);
    setImmediate(() => void restart()); // after the kernel has finished ending it and its trees
  });
  return client;
}
