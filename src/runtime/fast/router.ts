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
import { C } from './layout.ts';
import { type GrantPackage, key } from './lease.ts';
import { fastKind } from './ops.ts';
import { LeaseWaits, message, type Outgoing, type Writer } from './waits.ts';

/** How often deadlines of waiting calls are checked (ms). */
const SWEEP_MS = 5;

export interface RouterOptions {
  /** Longest poll (ms) of a waiting call while the conversation is active; 0 never polls. */
  spinMs?: number;
}

export class LeaseRouter {
  readonly #send: (call: Outgoing) => Promise<unknown>;
  readonly #spinMs: number;
  readonly #leases = new Map<number, LeaseWaits>();
  readonly #byHandle = new Map<number, LeaseWaits>();
  #sweeper: NodeJS.Timeout | undefined;

  /** `send` takes a call to the kernel, marked so that the kernel serves it itself. */
  constructor(send: (call: Outgoing) => Promise<unknown>, options: RouterOptions = {}) {
    this.#send = send;
    this.#spinMs = options.spinMs ?? 0.05;
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
      },
    });
    this.#leases.set(pkg.id, waits);
    for (const g of pkg.handles) this.#byHandle.set(key(g.pid, g.handle), waits);
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
