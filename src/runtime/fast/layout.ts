/**
 * The shared memory of a leased channel: what the kernel thread and the two workers that hold
 * the channel's ends see. A channel has two sides, 0 and 1, one per endpoint; each side has
 * - a message ring: the endpoint's queue (written by the other side's worker, read by its own),
 * - a reply ring: replies to calls made from this side (written by the other side's worker),
 * - a call table: the calls made from this side that await a reply,
 * - cells: messages queued (against the channel's depth), a doorbell its worker sleeps on.
 * A control block holds the lease state and, per side, an "in an operation" count: a worker
 * announces each operation there and checks the state, the kernel sets the state and waits for
 * the counts to reach zero (Dekker's handshake over sequentially consistent atomics), so once
 * the kernel has recalled a lease no worker operation is under way or can start.
 *
 * @example
 * const mem = FastMemory.create({ depth: [1024, 1024], grants: 2 });
 * worker.postMessage(mem.buffers);            // the other thread: new FastMemory(buffers)
 */
import { wouldBlockSlot } from '../../kernel/syscall-def.ts';
import { SYSCALL_NO, type SyscallName } from '../../kernel/syscall-numbers.ts';
import { Ring } from '../ring.ts';

export const LEASE = { OPEN: 1, RECALLING: 2, RECALLED: 3 } as const;

/** Call slot states. */
export const SLOT = { FREE: 0, WAITING: 1, REPLIED: 2 } as const;

/** Calls each side may have waiting at once; more go through the kernel. */
export const CALL_SLOTS = 64;
const SLOT_BITS = 6;
/** Transaction ids of calls made on a lease have the high bit set; the kernel's never do. */
export const FAST_TXID = 0x80000000;

/** Bytes of each message ring and reply ring (a 64 KiB message fits with room to spare). */
export const MESSAGE_RING_BYTES = 1 << 20;
export const REPLY_RING_BYTES = 1 << 18;

// Int32 cells of the control block. Lines of 64 bytes keep each writer's cells apart.
const STATE = 0;
const ACTIVE = [16, 32];
const SIDE = [48, 80];
const COUNT = 0;
const DEPTH = 1;
/** Bumped (and notified) when something arrives for this side or room frees up for it. */
const BELL = 2;
/** Threads of this side's worker asleep on BELL, and writers of this side waiting for room. */
const SLEEPERS = 3;
const WANT_ROOM = 4;
const READER = 5;
const TXSEQ = 6;
/** Who does this side's operations now: its worker (OWNER_WORKER) or its agent's isolate (see delegate.ts). */
const OWNER = 7;
export const OWNER_WORKER = 0;
export const OWNER_ISOLATE = 1;
const CALLS = 112;
const SLOT_INTS = 4;
const INTS = CALLS + 2 * CALL_SLOTS * SLOT_INTS;
const DEADLINES_AT = INTS * 4;
const COUNTERS_AT = DEADLINES_AT + 2 * CALL_SLOTS * 8;

/** Counter cells by what they count. */
export const C = {
  WRITE: 0,
  WRITE_BYTES: 1,
  WRITE_WB: 2,
  READ: 3,
  READ_WB: 4,
  CALL: 5,
  CALL_BYTES: 6,
  CALL_WB: 7,
  RESULT: 8,
  RESULT_WB: 9,
  REPLY: 10,
  REPLY_BYTES: 11,
} as const;

/** A syscall's counters: its calls and bytes, and calls that would have blocked. */
function counted(name: SyscallName, calls: number, bytes: number, blocked?: number) {
  const no = SYSCALL_NO[name];
  const sent = bytes >= 0;
  const served = { no, name: name as string, calls, bytes, sent };
  if (blocked === undefined) return [served];
  return [served, { ...wouldBlockSlot(no, name), calls: blocked, bytes: -1, sent: false }];
}

/**
 * Counters per granted handle, written by the worker that holds it and read by the kernel when
 * it seals the audit: the audit slot (syscall number and name) each counter cell adds to.
 */
export const COUNTED: readonly {
  no: number;
  name: string;
  calls: number;
  bytes: number;
  sent: boolean;
}[] = [
  ...counted('channel_write', C.WRITE, C.WRITE_BYTES, C.WRITE_WB),
  ...counted('channel_read', C.READ, -1, C.READ_WB),
  ...counted('channel_call', C.CALL, C.CALL_BYTES, C.CALL_WB),
  ...counted('channel_call_result', C.RESULT, -1, C.RESULT_WB),
  ...counted('channel_reply', C.REPLY, C.REPLY_BYTES),
];
export const COUNTERS_PER_GRANT = Object.keys(C).length;

/** What travels to a worker (structured-cloneable; the buffers are shared, not copied). */
export interface FastBuffers {
  control: SharedArrayBuffer;
  messages: [SharedArrayBuffer, SharedArrayBuffer];
  replies: [SharedArrayBuffer, SharedArrayBuffer];
}

export class FastMemory {
  readonly buffers: FastBuffers;
  readonly #cells: Int32Array;
  readonly #deadlines: Float64Array;
  readonly counters: BigInt64Array;
  readonly messages: [Ring, Ring];
  readonly replies: [Ring, Ring];

  static create(options: { depth: [number, number]; grants: number }): FastMemory {
    const control = new SharedArrayBuffer(COUNTERS_AT + options.grants * COUNTERS_PER_GRANT * 8);
    const mem = new FastMemory({
      control,
      messages: [Ring.create(MESSAGE_RING_BYTES).buffer, Ring.create(MESSAGE_RING_BYTES).buffer],
      replies: [Ring.create(REPLY_RING_BYTES).buffer, Ring.create(REPLY_RING_BYTES).buffer],
    });
    for (const side of [0, 1]) Atomics.store(mem.#cells, SIDE[side] + DEPTH, options.depth[side]);
    Atomics.store(mem.#cells, STATE, LEASE.OPEN);
    return mem;
  }

  constructor(buffers: FastBuffers) {
    this.buffers = buffers;
    this.#cells = new Int32Array(buffers.control, 0, INTS);
    this.#deadlines = new Float64Array(buffers.control, DEADLINES_AT, 2 * CALL_SLOTS);
    this.counters = new BigInt64Array(buffers.control, COUNTERS_AT);
    this.messages = [new Ring(buffers.messages[0]), new Ring(buffers.messages[1])];
    this.replies = [new Ring(buffers.replies[0]), new Ring(buffers.replies[1])];
  }

  get state(): number {
    return Atomics.load(this.#cells, STATE);
  }

  /**
   * A worker starts an operation on `side`'s behalf: true while the lease is open, and then
   * the kernel cannot recall it until end(side). On false the worker must not touch anything.
   */
  begin(side: number): boolean {
    Atomics.add(this.#cells, ACTIVE[side], 1);
    if (Atomics.load(this.#cells, STATE) === LEASE.OPEN) return true;
    Atomics.sub(this.#cells, ACTIVE[side], 1);
    return false;
  }

  end(side: number): void {
    Atomics.sub(this.#cells, ACTIVE[side], 1);
  }

  /**
   * The kernel ends the lease: no operation starts after this returns, and it returns once
   * those under way have ended (skipping sides whose worker is gone: `skip`).
   */
  close(skip: readonly number[] = []): void {
    Atomics.store(this.#cells, STATE, LEASE.RECALLING);
    for (const side of [0, 1]) {
      if (skip.includes(side)) continue;
      for (
        let v = Atomics.load(this.#cells, ACTIVE[side]);
        v !== 0;
        v = Atomics.load(this.#cells, ACTIVE[side])
      ) {
        // A worker's operation lasts microseconds; wait in short naps in case its thread is descheduled.
        Atomics.wait(this.#cells, ACTIVE[side], v, 0.05);
      }
    }
    Atomics.store(this.#cells, STATE, LEASE.RECALLED);
    for (const side of [0, 1]) this.#ringBell(side);
  }

  /**
   * The operations of side `side` are done by the one thread that owns it: its worker, or the
   * isolate of the agent that holds it (delegate.ts). Only the owner changes this.
   */
  owner(side: number): number {
    return Atomics.load(this.#cells, SIDE[side] + OWNER);
  }

  setOwner(side: number, owner: number): void {
    Atomics.store(this.#cells, SIDE[side] + OWNER, owner);
  }

  /**
   * The isolate that owned `side` is gone (disposed, perhaps in the middle of an operation):
   * its announced operation will never end, so the kernel must not wait for it.
   */
  abandon(side: number): void {
    Atomics.store(this.#cells, ACTIVE[side], 0);
    Atomics.notify(this.#cells, ACTIVE[side]);
    Atomics.store(this.#cells, SIDE[side] + OWNER, OWNER_WORKER);
  }

  /** Blocks this thread until side's bell moves from `seq` or `ms` pass (an isolate's short wait). */
  sleepSync(side: number, seq: number, ms: number): void {
    Atomics.wait(this.#cells, SIDE[side] + BELL, seq, ms);
  }

  count(side: number): number {
    return Atomics.load(this.#cells, SIDE[side] + COUNT);
  }

  depth(side: number): number {
    return Atomics.load(this.#cells, SIDE[side] + DEPTH);
  }

  /** A message joined (+1) or left (-1) side's queue. */
  addCount(side: number, delta: number): void {
    Atomics.add(this.#cells, SIDE[side] + COUNT, delta);
  }

  setReader(side: number, pid: number): void {
    this.#cells[SIDE[side] + READER] = pid;
  }

  reader(side: number): number {
    return this.#cells[SIDE[side] + READER];
  }

  /** Wakes side's worker if it sleeps: something arrived for it. */
  wake(side: number): void {
    if (Atomics.load(this.#cells, SIDE[side] + SLEEPERS) !== 0) this.#ringBell(side);
  }

  /** Wakes side's worker if a writer of it waits for room: a message left the other side's queue. */
  wakeForRoom(side: number): void {
    if (Atomics.load(this.#cells, SIDE[side] + WANT_ROOM) !== 0) this.#ringBell(side);
  }

  /** Wakes side's worker whether or not it sleeps (it looks again at what it waits for). */
  kick(side: number): void {
    this.#ringBell(side);
  }

  #ringBell(side: number): void {
    Atomics.add(this.#cells, SIDE[side] + BELL, 1);
    Atomics.notify(this.#cells, SIDE[side] + BELL);
  }

  /** The bell's value now: sleep on it with sleep(side, seq, ms) after checking for work. */
  bell(side: number): number {
    return Atomics.load(this.#cells, SIDE[side] + BELL);
  }

  /** Marks a sleeper (and a writer waiting for room) of side; the returned function unmarks. */
  sleeping(side: number, wantRoom: boolean): () => void {
    const base = SIDE[side];
    Atomics.add(this.#cells, base + SLEEPERS, 1);
    if (wantRoom) Atomics.add(this.#cells, base + WANT_ROOM, 1);
    return () => {
      Atomics.sub(this.#cells, base + SLEEPERS, 1);
      if (wantRoom) Atomics.sub(this.#cells, base + WANT_ROOM, 1);
    };
  }

  /** Sleeps without blocking the thread until side's bell moves from `seq` or `ms` pass. */
  async sleepAsync(side: number, seq: number, ms: number): Promise<void> {
    const waited = Atomics.waitAsync(this.#cells, SIDE[side] + BELL, seq, ms);
    if (waited.async) await waited.value;
  }

  /** A fresh transaction id for a call from `side` using call slot `slot`. */
  nextTxid(side: number, slot: number): number {
    const seq = Atomics.add(this.#cells, SIDE[side] + TXSEQ, 1) & ((1 << (31 - SLOT_BITS)) - 1);
    return (FAST_TXID | (seq << SLOT_BITS) | slot) >>> 0;
  }

  slotState(side: number, slot: number): number {
    return Atomics.load(this.#cells, CALLS + (side * CALL_SLOTS + slot) * SLOT_INTS);
  }

  /** A waiting call: the caller's pid, its transaction id and deadline (epoch ms, this clock). */
  slotCall(side: number, slot: number): { txid: number; pid: number; deadline: number } {
    const at = CALLS + (side * CALL_SLOTS + slot) * SLOT_INTS;
    return {
      txid: this.#cells[at + 1] >>> 0,
      pid: this.#cells[at + 2],
      deadline: this.#deadlines[side * CALL_SLOTS + slot],
    };
  }

  openSlot(side: number, slot: number, txid: number, pid: number, deadline: number): void {
    const at = CALLS + (side * CALL_SLOTS + slot) * SLOT_INTS;
    this.#cells[at + 1] = txid | 0;
    this.#cells[at + 2] = pid;
    this.#deadlines[side * CALL_SLOTS + slot] = deadline;
    Atomics.store(this.#cells, at, SLOT.WAITING);
  }

  setSlot(side: number, slot: number, state: number): void {
    Atomics.store(this.#cells, CALLS + (side * CALL_SLOTS + slot) * SLOT_INTS, state);
  }
}

/** The call slot a lease transaction id names. */
export function slotOf(txid: number): number {
  return txid & (CALL_SLOTS - 1);
}

/**
 * Epoch milliseconds, comparable between threads (the kernel's clock may differ; see lease.ts).
 * An agent's isolate (lease-client.ts) has only Date.now.
 */
export function epochMs(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.timeOrigin + performance.now();
}

/** Writes a ring frame: the transaction id (0 for a plain message), then the bytes. */
export function writeFrame(ring: Ring, txid: number, bytes: Uint8Array): boolean {
  return ring.writeWith(4 + bytes.length, (out, view, at) => {
    view.setUint32(at, txid, true);
    out.set(bytes, at + 4);
  });
}

/** Reads the next ring frame (a copy), or undefined when the ring is empty. */
export function readFrame(ring: Ring): { txid: number; bytes: Uint8Array } | undefined {
  let frame: { txid: number; bytes: Uint8Array } | undefined;
  ring.readWith((data, view, at, length) => {
    if (length < 4) throw new RangeError('A lease frame is shorter than its transaction id');
    frame = { txid: view.getUint32(at, true), bytes: data.slice(at + 4, at + length) };
  });
  return frame;
}
