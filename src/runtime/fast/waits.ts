/**
 * The calls of one worker's agents that wait on one lease — readers for a message, writers for
 * room in a queue at its depth, callers for their reply — and how the worker waits for them:
 * while the conversation is active (something arrived within HOT_MS) it polls for up to its
 * budget (a futex wake-up costs microseconds to tens of microseconds on a virtual machine);
 * otherwise it sleeps on the lease's doorbell without blocking the thread. The budget adapts:
 * after a few polls in a row that found nothing it shrinks to an eighth (the peer is not
 * running, as when another process takes a core: polling would only keep it from running);
 * one that pays off restores it. Once the lease is recalled (or the worker gives it up) every
 * waiting call goes to the kernel, in order.
 *
 * @example
 * const waits = new LeaseWaits(new HeldLease(pkg), { send, spinMs: 0.05, watch, retired });
 * waits.readers[side].push(waiter); waits.wait();
 */
import { PARAMS } from '../../kernel/params.ts';
import { type Call, OP } from '../wire.ts';
import type { Frame, HeldLease } from './held.ts';
import type { GrantedHandle } from './lease.ts';

export type Outgoing = Omit<Call, 'req'>;

export interface Waiter {
  g: GrantedHandle;
  call: Outgoing;
  resolve(value: unknown): void;
  reject(error: { code: string; message: string }): void;
  /** performance.now() after which it gives up (Infinity: never). */
  deadline: number;
}

export interface Writer extends Waiter {
  kind: 'write' | 'call';
  bytes: Uint8Array;
}

interface CallWaiter extends Waiter {
  txid: number;
}

/** A conversation is active when something arrived this recently (ms). */
const HOT_MS = 1;
/** Longest sleep before a waiting call looks again on its own (ms). */
const SLEEP_MS = 50;
/** Polls in a row that find nothing before the poll budget shrinks. */
const MISSES_TO_SHRINK = 3;
/** A call past its deadline by this much goes to the kernel, which times it out (ms). */
const CALL_GRACE_MS = 5;

export interface WaitsHost {
  /** Takes a call to the kernel, marked to be served there. */
  send(call: Outgoing): Promise<unknown>;
  /** Longest poll (ms); 0 never polls. */
  spinMs: number;
  /** A waiter with a deadline was added: deadlines must be checked (sweep). */
  watch(): void;
  /** The lease is done for this worker. */
  retired(waits: LeaseWaits): void;
}

export class LeaseWaits {
  readonly lease: HeldLease;
  readonly readers: [Waiter[], Waiter[]] = [[], []];
  /** Writers waiting for room in side 0's or side 1's queue. */
  readonly writers: [Writer[], Writer[]] = [[], []];
  /** Calls made from side 0 or side 1 that await their reply, by transaction id. */
  readonly calls: [Map<number, CallWaiter>, Map<number, CallWaiter>] = [new Map(), new Map()];
  retired = false;
  lastActivity = 0;
  readonly #host: WaitsHost;
  readonly #sleeping: [boolean, boolean] = [false, false];
  readonly #sleepingForRoom: [boolean, boolean] = [false, false];
  /** Polls in a row that found nothing. */
  #misses = 0;

  constructor(lease: HeldLease, host: WaitsHost) {
    this.lease = lease;
    this.#host = host;
  }

  waiting(): boolean {
    return (
      this.readers[0].length + this.readers[1].length + this.writers[0].length + this.writers[1].length > 0 ||
      this.calls[0].size + this.calls[1].size > 0
    );
  }

  /** A call finished on the lease at once. */
  done(waiter: Waiter, value: unknown): void {
    this.lastActivity = performance.now();
    waiter.resolve(value);
    // This worker may hold the other end too: its waiting calls may go on now.
    if (this.waiting()) this.pump();
  }

  wouldBlock(waiter: Waiter, cell: number, message: string): void {
    this.lease.countWait(waiter.g, cell);
    waiter.reject({ code: 'E_WOULD_BLOCK', message });
  }

  /** Sends the call to the kernel; with `retire`, the lease is done for this worker (order). */
  toKernel(waiter: Waiter, retire: boolean): void {
    if (retire) this.retire();
    this.#host.send(waiter.call).then(waiter.resolve, waiter.reject);
  }

  addReader(waiter: Waiter, cell: number): void {
    this.lease.countWait(waiter.g, cell);
    this.readers[waiter.g.side].push(waiter);
    if (waiter.deadline !== Infinity) this.#host.watch();
    this.wait();
  }

  addWriter(writer: Writer, cell: number): void {
    this.lease.countWait(writer.g, cell);
    const side = writer.g.side;
    this.writers[1 - side].push(writer);
    if (writer.deadline !== Infinity) this.#host.watch();
    // A sleeper of this side that was not waiting for room must look again.
    if (this.#sleeping[side] && !this.#sleepingForRoom[side]) this.lease.memory.kick(side);
    this.wait();
  }

  /** A request went out: its caller waits for the reply (or the kernel, after the deadline). */
  addCall(writer: Writer, txid: number, timeoutMs: number): void {
    const waiter: CallWaiter = { ...writer, txid, deadline: performance.now() + timeoutMs + CALL_GRACE_MS };
    this.calls[writer.g.side].set(txid, waiter);
    this.lastActivity = performance.now();
    this.#host.watch();
  }

  /** What side `side`'s worker sleeps for: a message, a reply, or room in the other queue. */
  needs(side: 0 | 1): boolean {
    return this.readers[side].length > 0 || this.calls[side].size > 0 || this.writers[1 - side].length > 0;
  }

  /** Moves every waiting call on as far as the lease allows; true when something moved. */
  pump(): boolean {
    if (this.retired) return false;
    const lease = this.lease;
    if (!lease.open) return this.retire();
    let progressed = false;
    for (const side of lease.sides) {
      const calls = this.calls[side];
      if (calls.size > 0) {
        const deliver = (f: Frame) => {
          const w = calls.get(f.txid);
          if (!w) return;
          calls.delete(f.txid);
          progressed = true;
          w.resolve(message(f));
        };
        if (!lease.takeReplies(side, (txid) => calls.get(txid)?.g, deliver)) return this.retire();
      }
      const readers = this.readers[side];
      while (readers.length > 0) {
        const w = readers[0];
        const r = lease.tryRead(w.g, w.call.pid);
        if (r === 'empty') break;
        if (r === 'closed') return this.retire();
        readers.shift();
        progressed = true;
        if (typeof r === 'object') w.resolve(message(r));
        else this.#host.send(w.call).then(w.resolve, w.reject);
      }
    }
    for (const peer of [0, 1] as const) {
      const writers = this.writers[peer];
      while (writers.length > 0) {
        const w = writers[0];
        const timeoutMs = (w.call.args.timeoutMs as number | undefined) ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
        const r =
          w.kind === 'write'
            ? lease.tryWrite(w.g, w.bytes)
            : lease.tryCall(w.g, w.call.pid, w.bytes, timeoutMs);
        if (r === 'full') break;
        if (r === 'closed' || r === 'nospace' || r === 'noslot') return this.retire();
        writers.shift();
        progressed = true;
        if (r === 'ok') w.resolve(undefined);
        else if (typeof r === 'number') this.addCall(w, r, timeoutMs);
        else this.#host.send(w.call).then(w.resolve, w.reject);
      }
    }
    if (progressed) this.lastActivity = performance.now();
    return progressed;
  }

  /** Polls while the conversation is active, then sleeps on the doorbells of its sides. */
  wait(): void {
    const start = performance.now();
    const spinMs = this.#host.spinMs;
    if (spinMs > 0 && start - this.lastActivity < HOT_MS) {
      const until = start + (this.#misses >= MISSES_TO_SHRINK ? spinMs / 8 : spinMs);
      let moved = false;
      while (!moved && performance.now() < until) moved = this.pump();
      this.#misses = moved ? 0 : this.#misses + 1;
    }
    if (this.retired) return;
    for (const side of this.lease.sides) {
      if (this.needs(side) && !this.#sleeping[side]) void this.#sleep(side);
    }
  }

  async #sleep(side: 0 | 1): Promise<void> {
    const mem = this.lease.memory;
    this.#sleeping[side] = true;
    try {
      while (!this.retired && this.needs(side)) {
        const wantRoom = this.writers[1 - side].length > 0;
        this.#sleepingForRoom[side] = wantRoom;
        const seq = mem.bell(side);
        const unmark = mem.sleeping(side, wantRoom);
        try {
          this.pump(); // what arrived before the mark was seen by no one
          if (this.retired || !this.needs(side)) break;
          await mem.sleepAsync(side, seq, SLEEP_MS);
        } finally {
          unmark();
        }
        this.pump();
      }
    } finally {
      this.#sleeping[side] = false;
      this.#sleepingForRoom[side] = false;
    }
    // Woken with something to do: the conversation may be active again.
    if (!this.retired && this.waiting()) this.wait();
  }

  /**
   * The lease is done for this worker: every call waiting on it goes to the kernel, in order,
   * marked to be served there (the kernel recalls the lease first if it still holds).
   */
  retire(): true {
    if (this.retired) return true;
    this.retired = true;
    this.#host.retired(this);
    const now = performance.now();
    const left = (w: Waiter) =>
      w.deadline === Infinity ? undefined : Math.max(0, Math.round(w.deadline - now));
    const forward = (w: Waiter, call: Outgoing) => this.#host.send(call).then(w.resolve, w.reject);
    for (const side of [0, 1] as const) {
      for (const w of this.readers[side].splice(0)) {
        const args = { handle: w.g.handle };
        forward(w, { pid: w.call.pid, op: OP.BLOCK, name: 'channel_read', args, timeoutMs: left(w) });
      }
      for (const w of this.writers[side].splice(0)) {
        if (w.kind === 'write') forward(w, { ...w.call, op: OP.BLOCK, timeoutMs: left(w) });
        else forward(w, w.call);
      }
      for (const w of this.calls[side].values()) {
        const args = { handle: w.g.handle, txid: w.txid };
        forward(w, { pid: w.call.pid, op: OP.BLOCK, name: 'channel_call_result', args });
      }
      this.calls[side].clear();
    }
    return true;
  }

  /**
   * Blocking calls past their timeout fail with the kernel's E_TIMED_OUT; a call past its
   * deadline sends everything to the kernel, which times it out (and audits it) as its own.
   * True while some deadline remains to watch.
   */
  sweep(now: number): boolean {
    if (this.calls.some((calls) => [...calls.values()].some((w) => w.deadline < now))) {
      this.retire();
      return false;
    }
    let pending = this.calls[0].size + this.calls[1].size > 0;
    for (const list of [...this.readers, ...this.writers]) {
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
    return pending;
  }
}

export function message(f: Frame): { bytes: Uint8Array; handles: number[]; txid: number } {
  return { bytes: f.bytes, handles: [], txid: f.txid };
}
