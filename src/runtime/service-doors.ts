/**
 * The host's side of system services: where each service accepts connections, whether it is up,
 * and connecting a caller to it. A connection is a capability: the host (which knows who is
 * calling, whatever the caller claims) makes a channel as init, sends one end to the service on
 * its accept channel with the caller's identity, and moves the other end into the caller's
 * handle table (HostPlane.give). The service binds the connection to that identity, so an agent
 * never says who it is, and an agent that holds no connection has nothing to send on.
 *
 * @example
 * host.services.open('memoryd', () => supervisor.connect(['services', 'memoryd']));
 * const handle = await host.services.connect(pid, 'memoryd'); // in pid's table
 */
import {
  type Agent,
  type HostPlane,
  INIT_PID,
  isAlive,
  type Kernel,
  KernelError,
  RIGHTS_ALL,
  SERVICE_LABEL,
} from '../kernel/index.ts';
import type { ServiceCaller } from '../sdk/service-wire.ts';

interface Door {
  /** Asks the service's supervisor for the client end of its accept channel (a handle of init's). */
  reopen(): Promise<number>;
  accept: Promise<number> | undefined;
}

const encoder = new TextEncoder();

export class ServiceDoors {
  readonly #kernel: Kernel;
  readonly #plane: HostPlane;
  readonly #doors = new Map<string, Door>();
  /** The pid of each service's running incarnation. */
  readonly #live = new Map<string, number>();

  constructor(kernel: Kernel, plane: HostPlane) {
    this.#kernel = kernel;
    this.#plane = plane;
    kernel.events.on('lifecycle', (type, agent) => {
      const name = agent.labels[SERVICE_LABEL];
      if (name === undefined) return;
      if (type === 'spawn') this.#live.set(name, agent.pid);
      else if (type === 'exit' && this.#live.get(name) === agent.pid) this.#live.delete(name);
    });
  }

  /** Service `name` accepts connections on the endpoint `reopen` hands init (again after a restart of its tree). */
  open(name: string, reopen: () => Promise<number>): void {
    this.#close(name);
    this.#doors.set(name, { reopen, accept: undefined });
  }

  /** Whether service `name` runs now (not down, not between two incarnations). */
  up(name: string): boolean {
    const pid = this.#live.get(name);
    const agent = pid === undefined ? undefined : this.#plane.agent(pid);
    return agent !== undefined && isAlive(agent);
  }

  /** The names of the services that accept connections here. */
  names(): string[] {
    return [...this.#doors.keys()];
  }

  /**
   * Connects agent `caller` to service `name` and returns the handle of its end, in the
   * caller's table. E_UNAVAILABLE when the service is down or restarting, E_NOT_FOUND when no
   * service has that name.
   */
  async connect(caller: number, name: string): Promise<number> {
    const door = this.#doors.get(name);
    if (door === undefined && this.#doors.size === 0) {
      throw new KernelError(
        'E_UNAVAILABLE',
        `System services run under 'aios up', and none runs here; start it, then call '${name}' again`,
      );
    }
    if (door === undefined) {
      const known = this.names().join(', ') || 'none';
      throw new KernelError(
        'E_NOT_FOUND',
        `No system service is named '${name}'; the services here are: ${known}`,
      );
    }
    const identity = this.#identity(caller);
    // The SDK's wire module loads with the first connection, not before `aios up` is ready
    const { SERVICE_WIRE } = await import('../sdk/service-wire.ts');
    for (let attempt = 0; ; attempt++) {
      if (!this.up(name)) throw unavailable(name);
      door.accept ??= door.reopen();
      let accept: number;
      try {
        accept = await door.accept;
      } catch {
        door.accept = undefined;
        throw unavailable(name);
      }
      const sys = (call: string, args: Record<string, unknown>) => this.#kernel.syscall(INIT_PID, call, args);
      const [mine, theirs] = (
        sys('channel_create', { depth: SERVICE_WIRE.CONNECTION_DEPTH }) as { handles: number[] }
      ).handles;
      try {
        sys('channel_write', {
          handle: accept,
          bytes: encoder.encode(JSON.stringify(identity)),
          handles: [theirs],
        });
      } catch (error) {
        sys('handle_close', { handle: mine });
        sys('handle_close', { handle: theirs });
        const code = error instanceof KernelError ? error.code : undefined;
        // The tree that held the endpoint was started again: ask for its new one, once.
        if (code === 'E_PEER_CLOSED' || code === 'E_BAD_HANDLE') {
          if (door.accept !== undefined) sys('handle_close', { handle: accept });
          door.accept = undefined;
          if (attempt === 0) continue;
        }
        if (code === 'E_WOULD_BLOCK' || code === 'E_PEER_CLOSED' || code === 'E_BAD_HANDLE')
          throw unavailable(name);
        throw error;
      }
      return caller === INIT_PID ? mine : this.#plane.give(INIT_PID, mine, caller);
    }
  }

  /** Who `pid` is, as the service will know it (see ServiceCaller). */
  #identity(pid: number): ServiceCaller {
    const agent = this.#plane.agent(pid);
    if (agent === undefined || !isAlive(agent)) {
      throw new KernelError('E_BAD_STATE', `Agent ${pid} is not running, so it cannot connect to a service`);
    }
    return {
      pid,
      name: vouchedName(this.#plane, agent),
      owner: pid === INIT_PID || holdsSystem(agent),
      resources: resourceRights(agent),
    };
  }

  #close(name: string): void {
    const accept = this.#doors.get(name)?.accept;
    accept?.then((h) => this.#kernel.syscall(INIT_PID, 'handle_close', { handle: h })).catch(() => {});
  }
}

function unavailable(name: string): KernelError {
  return new KernelError(
    'E_UNAVAILABLE',
    `The system service '${name}' is down or restarting; call again in a moment (aios supervise ls shows it)`,
  );
}

/**
 * An agent's name under each spawner up to init or a system service, joined by '/': the name
 * the spawners vouch for. A session of a bearer token is `token/<token id>`.
 */
function vouchedName(plane: HostPlane, agent: Readonly<Agent>): string {
  if (agent.runtime === 'external') {
    for (const h of agent.table.values()) if (h.token !== undefined) return `token/${h.token.tokenId}`;
  }
  const parts = [agent.name];
  let parent = plane.agent(agent.parent);
  while (parent !== undefined && parent.pid !== INIT_PID && parent.labels[SERVICE_LABEL] === undefined) {
    parts.unshift(parent.name);
    parent = plane.agent(parent.parent);
  }
  return parts.join('/');
}

/** The rights held on each named resource (tool, llm, …), over all of the agent's live handles to it. */
function resourceRights(agent: Readonly<Agent>): Record<string, number> {
  const rights: Record<string, number> = {};
  for (const h of agent.table.values()) {
    if (h.object.kind !== 'resource' || h.revoked) continue;
    rights[h.object.name] = (rights[h.object.name] ?? 0) | h.rights;
  }
  return rights;
}

/** Holds the system handle with every right: the owner's authority (init, the owner's session). */
function holdsSystem(agent: Readonly<Agent>): boolean {
  for (const h of agent.table.values()) {
    if (h.object.kind === 'resource' && h.object.name === 'system' && h.rights === RIGHTS_ALL && !h.revoked)
      return true;
  }
  return false;
}
