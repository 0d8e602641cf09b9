/**
 * The kernel thread's book of channel leases (see lease.ts). It watches the channel calls that
 * reach the kernel from agents on worker threads, and when both ends of a channel are in use
 * by such agents, the channel is idle (nothing queued, no call pending) and the audit counts
 * calls rather than recording each one, it leases the channel to the two workers. It recalls
 * leases when an agent is suspended or leaves its worker, and when a worker dies; the kernel
 * itself recalls them before it touches a leased channel. A channel whose leases are recalled
 * before they carry much waits longer each time before it is leased again.
 *
 * @example
 * const leases = new Leases(plane, { workerOf, grant, recalled });
 * leases.noteUse(worker, pid, handle);       // a channel call arrived through the kernel
 * if (leases.fastFor(worker, pid, handle)) … // tell the worker to use the lease instead
 */
import {
  type Agent,
  type Endpoint,
  type Handle,
  type HostPlane,
  isAlive,
  RIGHTS,
} from '../../kernel/index.ts';
import { type GrantPackage, Lease } from './lease.ts';

export interface LeaseHost<W> {
  /** The worker an agent runs on now, if any. */
  workerOf(pid: number): W | undefined;
  /** Hands a worker its grant (shared memory and handles). */
  grant(worker: W, pkg: GrantPackage): void;
  /** Tells a worker a lease ended (it drops the grant; the shared state already says so). */
  recalled(worker: W, id: number): void;
}

interface User<W> {
  worker: W;
  pid: number;
  handle: number;
}

/** Kernel-path calls a channel must see before it is leased again after its n-th recall. */
const COOLDOWN_BASE = 4;
const COOLDOWN_MAX = 4096;
/** A lease that carried this many messages resets the back-off of its channel. */
const USEFUL_LEASE = 64;

export class Leases<W> {
  readonly #plane: HostPlane;
  readonly #host: LeaseHost<W>;
  readonly #users = new WeakMap<Endpoint, User<W>>();
  readonly #cooldown = new WeakMap<Endpoint, { recalls: number; wait: number }>();
  readonly #byAgent = new Map<number, Set<Lease<W>>>();
  readonly #live = new Set<Lease<W>>();
  #nextId = 1;
  /** Leases granted and recalled since start; of those granted, how many to two workers. */
  granted = 0;
  grantedAcross = 0;
  recalls = 0;
  /** Messages (writes, requests, replies) carried by leases that have ended. */
  carried = 0;

  constructor(plane: HostPlane, host: LeaseHost<W>) {
    this.#plane = plane;
    this.#host = host;
    plane.events.on('flushing', () => {
      for (const lease of this.#live) lease.fold();
    });
  }

  get live(): number {
    return this.#live.size;
  }

  /** Leases are off while the audit records every call on its own (paranoid level). */
  get enabled(): boolean {
    return this.#plane.auditLevel === 'standard';
  }

  /** The lease on the channel of `pid`'s `handle`, if it has one. */
  leaseOf(pid: number, handle: number): Lease<W> | undefined {
    const h = this.#plane.handle(pid, handle);
    return h?.object.kind === 'channel' ? (h.object.lease as Lease<W> | undefined) : undefined;
  }

  /** Whether `pid` on `worker` should use the lease for `handle` rather than the kernel. */
  fastFor(worker: W, pid: number, handle: number): boolean {
    return this.leaseOf(pid, handle)?.grants(worker, pid, handle) === true;
  }

  /** A channel call from `pid` on `worker` reached the kernel: remember who uses that end. */
  noteUse(worker: W, pid: number, handle: number): void {
    const h = this.#plane.handle(pid, handle);
    if (h?.object.kind === 'channel') this.#users.set(h.object, { worker, pid, handle });
  }

  /** After a kernel-path channel call: leases the channel if it qualifies now. */
  consider(pid: number, handle: number): Lease<W> | undefined {
    if (!this.enabled) return undefined;
    const h = this.#plane.handle(pid, handle);
    if (h?.object.kind !== 'channel' || h.object.lease !== undefined) return undefined;
    const a = h.object;
    const b = a.peer;
    if (b === undefined || a.closed || b.closed || !idle(a) || !idle(b)) return undefined;
    const cool = this.#cooldown.get(a);
    if (cool && cool.wait > 0) {
      cool.wait--;
      return undefined;
    }
    const ua = this.#user(a);
    const ub = this.#user(b);
    if (!ua || !ub) return undefined;
    const lease: Lease<W> = new Lease(
      this.#plane,
      this.#nextId++,
      [a, b],
      [
        { worker: ua.user.worker, grants: grantable(ua.agent, a) },
        { worker: ub.user.worker, grants: grantable(ub.agent, b) },
      ],
      (l) => this.#ended(l),
    );
    this.#live.add(lease);
    this.granted++;
    if (ua.user.worker !== ub.user.worker) this.grantedAcross++;
    for (const pidOf of new Set([ua.agent.pid, ub.agent.pid])) {
      let set = this.#byAgent.get(pidOf);
      if (!set) {
        set = new Set();
        this.#byAgent.set(pidOf, set);
      }
      set.add(lease);
    }
    for (const worker of new Set([ua.user.worker, ub.user.worker]))
      this.#host.grant(worker, lease.grantFor(worker));
    // Calls parked in the kernel on these ends look again: the lease now carries them.
    for (const end of [a, b]) {
      this.#plane.signal(end, 'readable');
      this.#plane.signal(end, 'writable');
    }
    return lease;
  }

  /** The agent is suspended or leaves its worker: its channels go back to the kernel. */
  recallAgent(pid: number): void {
    for (const lease of [...(this.#byAgent.get(pid) ?? [])]) lease.recall();
  }

  /** A worker died: recall its leases without waiting for its operations. */
  workerLost(worker: W): void {
    for (const lease of [...this.#live]) {
      if (lease.sides[0].worker !== worker && lease.sides[1].worker !== worker) continue;
      lease.workerLost(worker);
      lease.recall();
    }
  }

  /** Recalls every lease (shutdown). */
  recallAll(): void {
    for (const lease of [...this.#live]) lease.recall();
  }

  #user(end: Endpoint): { user: User<W>; agent: Agent } | undefined {
    const user = this.#users.get(end);
    if (!user) return undefined;
    const agent = this.#plane.agent(user.pid);
    if (!agent || !isAlive(agent) || agent.state === 'suspended' || agent.schedClass === 'realtime')
      return undefined;
    if (this.#host.workerOf(user.pid) !== user.worker) return undefined;
    const h = agent.table.get(user.handle);
    if (!h?.live || h.revoked || h.object !== end) return undefined;
    return { user, agent };
  }

  #ended(lease: Lease<W>): void {
    this.#live.delete(lease);
    this.recalls++;
    this.carried += lease.carried;
    for (const [pid, set] of this.#byAgent) {
      if (set.delete(lease) && set.size === 0) this.#byAgent.delete(pid);
    }
    const end = lease.ends[0];
    const cool = this.#cooldown.get(end) ?? { recalls: 0, wait: 0 };
    // A lease that carried a fair amount was worth it: only leases recalled early back off.
    if (lease.carried >= USEFUL_LEASE) cool.recalls = 0;
    cool.recalls++;
    cool.wait = Math.min(COOLDOWN_MAX, COOLDOWN_BASE << Math.min(cool.recalls - 1, 12));
    this.#cooldown.set(end, cool);
    this.#cooldown.set(lease.ends[1], cool);
    for (const worker of new Set([lease.sides[0].worker, lease.sides[1].worker]))
      this.#host.recalled(worker, lease.id);
  }
}

function idle(end: Endpoint): boolean {
  return end.queue.length === end.head && end.calls.size === 0;
}

/** The agent's live handles to `end` that can read or write: all of them may use the lease. */
function grantable(agent: Agent, end: Endpoint): Handle[] {
  const out: Handle[] = [];
  for (const h of agent.table.values()) {
    if (h.object === end && h.live && !h.revoked && (h.rights & (RIGHTS.READ | RIGHTS.WRITE)) !== 0)
      out.push(h);
  }
  return out;
}
