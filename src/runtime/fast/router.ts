/**
 * A worker's side of channel leases: it takes its agents' channel calls on leased handles and
 * does them on the shared memory (held.ts) instead of sending them to the kernel thread, with
 * the kernel's semantics — ordering, backpressure at the queue's depth, E_WOULD_BLOCK for
 * tries, E_TIMED_OUT for blocking calls with a timeout, request/reply by transaction id. A
 * call the lease cannot do exactly as the kernel would goes to the kernel, which recalls the
 * lease before touching the channel; so do all calls waiting on a lease once it is recalled
 * (waits.ts, which also says how the worker waits).
 *
 * @example
 * const router = new LeaseRouter((call) => sendToKernel({ ...call, viaKernel: true }), { spinMs: 0.05 });
 * router.install(pkg);
 * const answer = router.route(call) ?? sendToKernel(call);
 */
import { PARAMS } from '../../kernel/params.ts';
import { OP } from '../wire.ts';
import { HeldLease } from './held.ts';
import { C, OWNER_ISOLATE, OWNER_WORKER } from './layout.ts';
import { type GrantPackage, key } from './lease.ts';
import { fastKind } from './ops.ts';
import { LeaseWaits, message, type Outgoing, type Writer } from './waits.ts';

/** How often deadlines of waiting calls are checked (ms). */
const SWEEP_MS = 5;

export interface RouterOptions {
  /** Longest poll (ms) of a waiting call while the conversation is active; 0 never polls. */
  spinMs?: number;
  /**
   * Hands one side of a lease to the isolate of the agent `pid` that alone holds it on this
   * worker (see IsolateAgent.attachLease); resolves true once its client is in place, or
   * undefined when that agent cannot take it (not an isolate agent here).
   */
  delegate?(pkg: GrantPackage, pid: number): Promise<boolean> | undefined;
  /** Whether agent `pid` has no call in flight (so none can be overtaken by its isolate). */
  idle?(pid: number): boolean;
}

/** The answer to a call of an isolate that owns its side of the lease: do it there. */
export const RETRY = Symbol('retry on the lease');

/** A side of a lease handed to an agent's isolate, which owns it whenever the agent is idle. */
interface Delegated {
  waits: LeaseWaits;
  side: 0 | 1;
  attached: boolean;
}

export class LeaseRouter {
  readonly #send: (call: Outgoing) => Promise<unknown>;
  readonly #spinMs: number;
  readonly #leases = new Map<number, LeaseWaits>();
  readonly #byHandle = new Map<number, LeaseWaits>();
  readonly #delegated = new Map<number, Delegated[]>();
  readonly #delegate: RouterOptions['delegate'];
  readonly #idle: (pid: number) => boolean;
  #sweeper: NodeJS.Timeout | undefined;

  /** `send` takes a call to the kernel, marked so that the kernel serves it itself. */
  constructor(send: (call: Outgoing) => Promise<unknown>, options: RouterOptions = {}) {
    this.#send = send;
    this.#spinMs = options.spinMs ?? 0.05;
    this.#delegate = options.delegate;
    this.#idle = options.idle ?? (() => false);
  }

  has(id: number): boolean {
    return this.#leases.has(id);
  }

  get leases(): number {
    return this.#leases.size;
  }

  install(pkg: GrantPackage): void {
    if (this.#leases.has(pkg.id)) return;
    const waits = new LeaseWaits(new HeldLease(pkg), {
      send: this.#send,
      spinMs: this.#spinMs,
      watch: () => this.#watch(),
      retired: (w) => {
        this.#leases.delete(w.lease.id);
        for (const [k, held] of this.#byHandle) if (held === w) this.#byHandle.delete(k);
        this.#undelegate(w);
      },
    });
    this.#leases.set(pkg.id, waits);
    for (const g of pkg.handles) this.#byHandle.set(key(g.pid, g.handle), waits);
    for (const side of [0, 1] as const) {
      const handles = pkg.handles.filter((g) => g.side === side);
      const pid = handles[0]?.pid;
      if (pid === undefined || handles.some((g) => g.pid !== pid)) continue;
      const attached = this.#delegate?.({ ...pkg, handles }, pid);
      if (!attached) continue;
      const entry: Delegated = { waits, side, attached: false };
      this.#delegated.set(pid, [...(this.#delegated.get(pid) ?? []), entry]);
      attached.then(
        (ok) => {
          entry.attached = ok;
          this.offer(pid);
        },
        () => {},
      );
    }
  }

  /**
   * Hands agent `pid`'s sides of its leases to its isolate, where it has nothing in flight (so
   * nothing it issued before can be overtaken) and nothing waits on them here.
   */
  offer(pid: number): void {
    const entries = this.#delegated.get(pid);
    if (!entries || !this.#idle(pid)) return;
    for (const { waits, side, attached } of entries) {
      const mem = waits.lease.memory;
      if (!attached || waits.retired || !waits.lease.open || waits.needs(side)) continue;
      if (mem.owner(side) === OWNER_WORKER) mem.setOwner(side, OWNER_ISOLATE);
    }
  }

  /**
   * Agent `pid` is gone: its isolate owns nothing any more, and an operation it was in the
   * middle of (disposed there) will never end.
   */
  forget(pid: number): void {
    for (const { waits, side } of this.#delegated.get(pid) ?? []) {
      if (waits.lease.memory.owner(side) === OWNER_ISOLATE) waits.lease.memory.abandon(side);
    }
    this.#delegated.delete(pid);
  }

  #undelegate(waits: LeaseWaits): void {
    for (const [pid, entries] of this.#delegated) {
      const left = entries.filter((e) => e.waits !== waits);
      if (left.length === 0) this.#delegated.delete(pid);
      else this.#delegated.set(pid, left);
    }
  }

  /**
   * A call an isolate made on its lease and stopped waiting for (lease-client.ts): the worker
   * waits for its reply, or the kernel does once the lease is recalled.
   */
  adopt(pid: number, handle: number, txid: number, timeoutMs: number): Promise<unknown> {
    const waits = this.#byHandle.get(key(pid, handle));
    const g = waits?.lease.grant(pid, handle);
    const call: Outgoing = { pid, op: OP.CALL, name: 'channel_call', args: { handle, timeoutMs } };
    if (!waits || !g || waits.retired) {
      return this.#send({ pid, op: OP.BLOCK, name: 'channel_call_result', args: { handle, txid } });
    }
    return new Promise((resolve, reject) => {
      const writer: Writer = {
        g,
        call,
        resolve,
        reject,
        deadline: Infinity,
        kind: 'call',
        bytes: new Uint8Array(),
      };
      waits.addCall(writer, txid, timeoutMs);
      waits.wait();
    });
  }

  /** Whether agent `pid` may use `handle` on a lease this worker holds. */
  holds(pid: number, handle: number): boolean {
    return this.#byHandle.get(key(pid, handle))?.lease.grant(pid, handle) !== undefined;
  }

  /** The kernel recalled lease `id`: what waits on it goes to the kernel. */
  drop(id: number): void {
    this.#leases.get(id)?.retire();
  }

  /**
   * Does `call` on a lease if its handle has one; otherwise undefined (send it to the kernel),
   * or with `always`, sends it to the kernel marked to be served there.
   */
  route(call: Outgoing, always = false): Promise<unknown> | undefined {
    const kind = fastKind(call);
    const args = call.args as { handle: number; bytes?: Uint8Array; txid?: number; timeoutMs?: number };
    const waits = kind ? this.#byHandle.get(key(call.pid, args.handle)) : undefined;
    const g = waits?.lease.grant(call.pid, args.handle);
    if (!waits || !g) return always ? this.#send(call) : undefined;
    const lease = waits.lease;
    // The agent's isolate owns this side now (it sent the call before it knew): it does it there.
    if (lease.open && lease.memory.owner(g.side) === OWNER_ISOLATE) return Promise.resolve(RETRY);
    const peer = 1 - g.side;
    const blocking = call.op !== OP.SYS;
    return new Promise((resolve, reject) => {
      const waiter = { g, call, resolve, reject, deadline: deadlineOf(call.timeoutMs) };
      switch (kind) {
        case 'write': {
          const writer: Writer = { ...waiter, kind: 'write', bytes: args.bytes! };
          const r = waits.writers[peer].length > 0 ? 'full' : lease.tryWrite(g, args.bytes!);
          if (r === 'ok') waits.done(waiter, undefined);
          else if (r !== 'full') waits.toKernel(waiter, r !== 'refused');
          else if (blocking) waits.addWriter(writer, C.WRITE_WB);
          else waits.wouldBlock(waiter, C.WRITE_WB, queueFull(lease.memory.depth(peer)));
          return;
        }
        case 'read': {
          const r = waits.readers[g.side].length > 0 ? 'empty' : lease.tryRead(g, call.pid);
          if (typeof r === 'object') waits.done(waiter, message(r));
          else if (r !== 'empty') waits.toKernel(waiter, r !== 'refused');
          else if (blocking) waits.addReader(waiter, C.READ_WB);
          else waits.wouldBlock(waiter, C.READ_WB, 'No message is waiting');
          return;
        }
        case 'call': {
          const timeoutMs = args.timeoutMs ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
          const writer: Writer = { ...waiter, deadline: Infinity, kind: 'call', bytes: args.bytes! };
          const r =
            waits.writers[peer].length > 0 ? 'full' : lease.tryCall(g, call.pid, args.bytes!, timeoutMs);
          if (typeof r === 'number') {
            waits.addCall(writer, r, timeoutMs);
            waits.wait();
          } else if (r === 'full') waits.addWriter(writer, C.CALL_WB);
          else waits.toKernel(waiter, r !== 'refused');
          return;
        }
        case 'reply': {
          const r = lease.tryReply(g, args.txid!, args.bytes!);
          if (r === 'ok') waits.done(waiter, undefined);
          else waits.toKernel(waiter, r !== 'refused');
          return;
        }
      }
    });
  }

  #watch(): void {
    if (this.#sweeper !== undefined) return;
    this.#sweeper = setInterval(() => {
      const now = performance.now();
      let pending = false;
      for (const waits of [...this.#leases.values()]) if (waits.sweep(now)) pending = true;
      if (!pending) {
        clearInterval(this.#sweeper);
        this.#sweeper = undefined;
      }
    }, SWEEP_MS);
    this.#sweeper.unref();
  }
}

function deadlineOf(timeoutMs: number | undefined): number {
  return timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
}

function queueFull(depth: number): string {
  return `Channel queue is full (${depth} messages); wait until it drains`;
}
