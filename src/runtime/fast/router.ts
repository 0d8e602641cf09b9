/**
 * A worker's side of channel leases: it takes its agents' channel calls on leased handles and
 * does them on the shared memory (held.ts) instead of sending them to the kernel thread, with
 * the kernel's semantics — ordering, backpressure at the queue's depth, E_WOULD_BLOCK for
 * tries, E_TIMED_OUT for blocking calls with a timeout, request/reply by transaction id. A
 * call the lease cannot do exactly as the kernel would goes to the kernel, which recalls the
 * lease before touching the channel; so do all calls waiting on a lease once it is recalled.
 *
 * Waiting: while a conversation is active (something arrived within HOT_MS) a waiting call
 * polls for up to `spinMs` (a futex wake-up costs tens of microseconds on a virtual machine);
 * otherwise it sleeps on the lease's doorbell without blocking the thread. The budget adapts:
 * a poll that finds nothing halves it (the peer is not running: polling would only keep it
 * from a core), one that pays off doubles it again.
 *
 * @example
 * const router = new LeaseRouter((call) => side.sendToKernel(call), { spinMs: 0.05 });
 * router.install(pkg);
 * const answer = router.route(call) ?? sendToKernel(call);
 */
import { PARAMS } from '../../kernel/params.ts';
import { type Call, OP } from '../wire.ts';
import { type Frame, HeldLease } from './held.ts';
import { C } from './layout.ts';
import { type GrantedHandle, type GrantPackage, key } from './lease.ts';
import { fastKind } from './ops.ts';

type Outgoing = Omit<Call, 'req'>;
type Reject = (error: { code: string; message: string }) => void;

interface Waiter {
  g: GrantedHandle;
  call: Outgoing;
  resolve(value: unknown): void;
  reject: Reject;
  /** performance.now() after which it gives up (Infinity: never). */
  deadline: number;
}

interface Writer extends Waiter {
  kind: 'write' | 'call';
  bytes: Uint8Array;
}

interface CallWaiter extends Waiter {
  txid: number;
}

interface Held {
  lease: HeldLease;
  readers: [Waiter[], Waiter[]];
  /** Writers waiting for room in side 0's or side 1's queue. */
  writers: [Writer[], Writer[]];
  /** Calls made from side 0 or side 1 that await their reply, by transaction id. */
  calls: [Map<number, CallWaiter>, Map<number, CallWaiter>];
  retired: boolean;
  lastActivity: number;
  sleeping: [boolean, boolean];
  sleepingForRoom: [boolean, boolean];
  /** Current poll budget (ms): halved when a poll finds nothing, doubled when it pays off. */
  spin: number;
}

/** A conversation is active when something arrived this recently (ms). */
const HOT_MS = 1;
/** Longest sleep before a waiting call looks again on its own (ms). */
const SLEEP_MS = 50;
/** How often deadlines of waiting calls are checked (ms). */
const SWEEP_MS = 5;
/** A call past its deadline by this much goes to the kernel, which times it out (ms). */
const CALL_GRACE_MS = 5;

export interface RouterOptions {
  /** Longest poll (ms) of a waiting call while the conversation is active; 0 never polls. */
  spinMs?: number;
}

export class LeaseRouter {
  readonly #send: (call: Outgoing) => Promise<unknown>;
  readonly #spinMs: number;
  readonly #leases = new Map<number, Held>();
  readonly #byHandle = new Map<number, Held>();
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
    const held: Held = {
      lease: new HeldLease(pkg),
      readers: [[], []],
      writers: [[], []],
      calls: [new Map(), new Map()],
      retired: false,
      lastActivity: 0,
      sleeping: [false, false],
      sleepingForRoom: [false, false],
      spin: this.#spinMs,
    };
    this.#leases.set(pkg.id, held);
    for (const g of pkg.handles) this.#byHandle.set(key(g.pid, g.handle), held);
  }

  /** The kernel recalled lease `id`: what waits on it goes to the kernel. */
  drop(id: number): void {
    const held = this.#leases.get(id);
    if (held) this.#retire(held);
  }

  /**
   * Does `call` on a lease if its handle has one; otherwise undefined (send it to the kernel),
   * or with `always`, sends it to the kernel marked to be served there.
   */
  route(call: Outgoing, always = false): Promise<unknown> | undefined {
    const kind = fastKind(call);
    const args = call.args as { handle: number; bytes?: Uint8Array; txid?: number; timeoutMs?: number };
    const held = kind ? this.#byHandle.get(key(call.pid, args.handle)) : undefined;
    const g = held?.lease.grant(call.pid, args.handle);
    if (!held || !g) return always ? this.#send(call) : undefined;
    if (held.retired) return this.#send(call);
    const lease = held.lease;
    const peer = (1 - g.side) as 0 | 1;
    const blocking = call.op !== OP.SYS;
    return new Promise((resolve, reject) => {
      const waiter = { g, call, resolve, reject, deadline: deadlineOf(call.timeoutMs) };
      switch (kind) {
        case 'write': {
          if (held.writers[peer].length > 0) {
            if (blocking)
              this.#enqueueWriter(held, { ...waiter, kind: 'write', bytes: args.bytes! }, C.WRITE_WB);
            else this.#wouldBlock(held, waiter, C.WRITE_WB, queueFull(lease.memory.depth(peer)));
            return;
          }
          const r = lease.tryWrite(g, args.bytes!);
          if (r === 'ok') {
            this.#done(held, waiter, undefined);
          } else if (r === 'full') {
            if (blocking)
              this.#enqueueWriter(held, { ...waiter, kind: 'write', bytes: args.bytes! }, C.WRITE_WB);
            else this.#wouldBlock(held, waiter, C.WRITE_WB, queueFull(lease.memory.depth(peer)));
          } else this.#toKernel(held, waiter, r !== 'refused');
          return;
        }
        case 'read': {
          const side = g.side;
          if (held.readers[side].length === 0) {
            const r = lease.tryRead(g, call.pid);
            if (typeof r === 'object') return this.#done(held, waiter, message(r));
            if (r !== 'empty') return this.#toKernel(held, waiter, r !== 'refused');
          }
          if (!blocking) return this.#wouldBlock(held, waiter, C.READ_WB, 'No message is waiting');
          lease.countWait(g, C.READ_WB);
          held.readers[side].push(waiter);
          this.#watchDeadline(waiter);
          this.#wait(held);
          return;
        }
        case 'call': {
          const timeoutMs = args.timeoutMs ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
          const writer: Writer = { ...waiter, deadline: Infinity, kind: 'call', bytes: args.bytes! };
          if (held.writers[peer].length > 0) return this.#enqueueWriter(held, writer, C.CALL_WB);
          const r = lease.tryCall(g, call.pid, args.bytes!, timeoutMs);
          if (typeof r === 'number') {
            this.#awaitReply(held, writer, r, timeoutMs);
            held.lastActivity = performance.now();
            this.#wait(held);
          } else if (r === 'full') this.#enqueueWriter(held, writer, C.CALL_WB);
          else this.#toKernel(held, waiter, r !== 'refused');
          return;
        }
        case 'reply': {
          const r = lease.tryReply(g, args.txid!, args.bytes!);
          if (r === 'ok') this.#done(held, waiter, undefined);
          else this.#toKernel(held, waiter, r !== 'refused');
          return;
        }
      }
    });
  }

  #done(held: Held, waiter: Waiter, value: unknown): void {
    held.lastActivity = performance.now();
    waiter.resolve(value);
    // This worker may hold the other end too: its waiting calls may go on now.
    if (this.#waiting(held)) this.#pump(held);
  }

  #wouldBlock(held: Held, waiter: Waiter, cell: number, message: string): void {
    held.lease.countWait(waiter.g, cell);
    waiter.reject({ code: 'E_WOULD_BLOCK', message });
  }

  /** Sends the call to the kernel; with `retire`, the lease is done for this worker (order). */
  #toKernel(held: Held, waiter: Waiter, retire: boolean): void {
    if (retire) this.#retire(held);
    this.#send(waiter.call).then(waiter.resolve, waiter.reject);
  }

  #enqueueWriter(held: Held, writer: Writer, cell: number): void {
    held.lease.countWait(writer.g, cell);
    const peer = 1 - writer.g.side;
    held.writers[peer].push(writer);
    this.#watchDeadline(writer);
    // A sleeper of this side that was not waiting for room must look again.
    if (held.sleeping[writer.g.side] && !held.sleepingForRoom[writer.g.side])
      held.lease.memory.kick(writer.g.side);
    this.#wait(held);
  }

  #awaitReply(held: Held, writer: Writer, txid: number, timeoutMs: number): void {
    const waiter: CallWaiter = { ...writer, txid, deadline: performance.now() + timeoutMs + CALL_GRACE_MS };
    held.calls[writer.g.side].set(txid, waiter);
    this.#watchDeadline(waiter);
  }

  #waiting(held: Held): boolean {
    return (
      held.readers[0].length + held.readers[1].length + held.writers[0].length + held.writers[1].length > 0 ||
      held.calls[0].size + held.calls[1].size > 0
    );
  }

  /** What side `side`'s worker sleeps for: a message, a reply, or room in the other queue. */
  #needs(held: Held, side: 0 | 1): boolean {
    return held.readers[side].length > 0 || held.calls[side].size > 0 || held.writers[1 - side].length > 0;
  }

  /**
   * Moves every waiting call on as far as the lease allows; retires it once recalled. True
   * when something moved.
   */
  #pump(held: Held): boolean {
    if (held.retired) return false;
    const lease = held.lease;
    if (!lease.open) {
      this.#retire(held);
      return true;
    }
    let progressed = false;
    for (const side of lease.sides) {
      const calls = held.calls[side];
      if (calls.size > 0) {
        const open = lease.takeReplies(
          side,
          (txid) => calls.get(txid)?.g,
          (f) => {
            const w = calls.get(f.txid);
            if (!w) return;
            calls.delete(f.txid);
            progressed = true;
            w.resolve(message(f));
          },
        );
        if (!open) {
          this.#retire(held);
          return true;
        }
      }
      const readers = held.readers[side];
      while (readers.length > 0) {
        const w = readers[0];
        const r = lease.tryRead(w.g, w.call.pid);
        if (r === 'empty') break;
        if (r === 'closed') {
          this.#retire(held);
          return true;
        }
        readers.shift();
        progressed = true;
        if (typeof r === 'object') w.resolve(message(r));
        else this.#send(w.call).then(w.resolve, w.reject);
      }
    }
    for (const peer of [0, 1] as const) {
      const writers = held.writers[peer];
      while (writers.length > 0) {
        const w = writers[0];
        const r =
          w.kind === 'write'
            ? lease.tryWrite(w.g, w.bytes)
            : lease.tryCall(
                w.g,
                w.call.pid,
                w.bytes,
                (w.call.args.timeoutMs as number | undefined) ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS,
              );
        if (r === 'full') break;
        if (r === 'closed' || r === 'nospace' || r === 'noslot') {
          this.#retire(held);
          return true;
        }
        writers.shift();
        progressed = true;
        if (r === 'ok') w.resolve(undefined);
        else if (typeof r === 'number')
          this.#awaitReply(
            held,
            w,
            r,
            (w.call.args.timeoutMs as number | undefined) ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS,
          );
        else this.#send(w.call).then(w.resolve, w.reject);
      }
    }
    if (progressed) held.lastActivity = performance.now();
    return progressed;
  }

  /** Polls while the conversation is active, then sleeps on the doorbells of its sides. */
  #wait(held: Held): void {
    const start = performance.now();
    if (this.#spinMs > 0 && start - held.lastActivity < HOT_MS) {
      const until = start + held.spin;
      let moved = false;
      while (!moved && performance.now() < until) moved = this.#pump(held);
      held.spin = moved ? Math.min(this.#spinMs, held.spin * 2) : Math.max(this.#spinMs / 8, held.spin / 2);
    }
    if (held.retired) return;
    for (const side of held.lease.sides) {
      if (this.#needs(held, side) && !held.sleeping[side]) void this.#sleep(held, side);
    }
  }

  async #sleep(held: Held, side: 0 | 1): Promise<void> {
    const mem = held.lease.memory;
    held.sleeping[side] = true;
    try {
      while (!held.retired && this.#needs(held, side)) {
        const wantRoom = held.writers[1 - side].length > 0;
        held.sleepingForRoom[side] = wantRoom;
        const seq = mem.bell(side);
        const unmark = mem.sleeping(side, wantRoom);
        try {
          this.#pump(held); // what arrived before the mark was seen by no one
          if (held.retired || !this.#needs(held, side)) break;
          await mem.sleepAsync(side, seq, SLEEP_MS);
        } finally {
          unmark();
        }
        this.#pump(held);
      }
    } finally {
      held.sleeping[side] = false;
      held.sleepingForRoom[side] = false;
    }
    // Woken with something to do: the conversation may be active again.
    if (!held.retired && this.#waiting(held)) this.#wait(held);
  }

  /**
   * The lease is done for this worker: every call waiting on it goes to the kernel, in order,
   * marked to be served there (the kernel recalls the lease first if it still holds).
   */
  #retire(held: Held): void {
    if (held.retired) return;
    held.retired = true;
    this.#leases.delete(held.lease.id);
    for (const [k, h] of this.#byHandle) if (h === held) this.#byHandle.delete(k);
    const now = performance.now();
    const left = (w: Waiter) =>
      w.deadline === Infinity ? undefined : Math.max(0, Math.round(w.deadline - now));
    const forward = (w: Waiter, call: Outgoing) => this.#send(call).then(w.resolve, w.reject);
    for (const side of [0, 1] as const) {
      for (const w of held.readers[side].splice(0)) {
        forward(w, {
          pid: w.call.pid,
          op: OP.BLOCK,
          name: 'channel_read',
          args: { handle: w.g.handle },
          timeoutMs: left(w),
        });
      }
      for (const w of held.writers[side].splice(0)) {
        if (w.kind === 'write') forward(w, { ...w.call, op: OP.BLOCK, timeoutMs: left(w) });
        else forward(w, w.call);
      }
      for (const w of held.calls[side].values()) {
        forward(w, {
          pid: w.call.pid,
          op: OP.BLOCK,
          name: 'channel_call_result',
          args: { handle: w.g.handle, txid: w.txid },
        });
      }
      held.calls[side].clear();
    }
  }

  #watchDeadline(waiter: Waiter): void {
    if (waiter.deadline !== Infinity && this.#sweeper === undefined) {
      this.#sweeper = setInterval(() => this.#sweep(), SWEEP_MS);
      this.#sweeper.unref();
    }
  }

  /** Blocking calls past their timeout fail; calls past their deadline go to the kernel. */
  #sweep(): void {
    const now = performance.now();
    let pending = false;
    for (const held of [...this.#leases.values()]) {
      if (held.calls.some((calls) => [...calls.values()].some((w) => w.deadline < now))) {
        this.#retire(held); // the kernel times the call out (and audits it) as its own
        continue;
      }
      for (const list of [...held.readers, ...held.writers]) {
        for (let i = 0; i < list.length; i++) {
          const w = list[i];
          if (w.deadline >= now) {
            if (w.deadline !== Infinity) pending = true;
            continue;
          }
          list.splice(i--, 1);
          w.reject({ code: 'E_TIMED_OUT', message: `Nothing arrived within ${w.call.timeoutMs} ms` });
        }
      }
      if (held.calls.some((calls) => calls.size > 0)) pending = true;
    }
    if (!pending) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
  }
}

function deadlineOf(timeoutMs: number | undefined): number {
  return timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
}

function message(f: Frame): { bytes: Uint8Array; handles: number[]; txid: number } {
  return { bytes: f.bytes, handles: [], txid: f.txid };
}

function queueFull(depth: number): string {
  return `Channel queue is full (${depth} messages); wait until it drains`;
}
