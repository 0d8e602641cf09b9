/**
 * A lease as a worker holds it: the channel operations it may do without the kernel thread,
 * each one synchronous and bounded (a copy into or out of a ring), each announced to the kernel
 * (FastMemory.begin/end) so a recall never sees half of one. An operation that the lease
 * cannot complete exactly as the kernel would says why, and the caller sends the call to the
 * kernel instead: 'closed' (recalled), 'nospace' (a ring is out of bytes although the queue is
 * under its depth), 'noslot' (too many calls waiting), 'refused' (a reply the lease cannot
 * match to a waiting call). 'full' is the kernel's own backpressure: the queue is at its depth.
 *
 * @example
 * const held = new HeldLease(pkg);
 * const g = held.grant(pid, handle);
 * if (held.tryWrite(g, bytes) === 'ok') …
 */
import { PARAMS } from '../../kernel/params.ts';
import { RIGHTS } from '../../kernel/rights.ts';
import {
  C,
  CALL_SLOTS,
  COUNTERS_PER_GRANT,
  epochMs,
  FAST_TXID,
  FastMemory,
  readFrame,
  SLOT,
  slotOf,
  writeFrame,
} from './layout.ts';
import { type GrantedHandle, type GrantPackage, key } from './lease.ts';

export type Refusal = 'closed' | 'nospace' | 'noslot' | 'refused';
export interface Frame {
  txid: number;
  bytes: Uint8Array;
}

/** Largest payload of a message without handles. */
export const MAX_PAYLOAD = PARAMS.MSG_MAX_BYTES - PARAMS.MSG_HEADER_BYTES;

export class HeldLease {
  readonly id: number;
  readonly memory: FastMemory;
  /** Sides whose end an agent of this worker holds. */
  readonly sides: readonly (0 | 1)[];
  readonly #grants = new Map<number, GrantedHandle>();
  /** Where the search for a free call slot starts next, per side. */
  readonly #nextSlot = [0, 0];

  constructor(pkg: GrantPackage) {
    this.id = pkg.id;
    this.memory = new FastMemory(pkg.buffers);
    for (const g of pkg.handles) this.#grants.set(key(g.pid, g.handle), g);
    this.sides = ([0, 1] as const).filter((s) => pkg.handles.some((g) => g.side === s));
  }

  /** The grant for `pid`'s `handle`, if this lease has one. */
  grant(pid: number, handle: number): GrantedHandle | undefined {
    return this.#grants.get(key(pid, handle));
  }

  get open(): boolean {
    return this.memory.state === 1;
  }

  /** Queues a message on the other end. */
  tryWrite(g: GrantedHandle, bytes: Uint8Array): 'ok' | 'full' | Refusal {
    if ((g.rights & RIGHTS.WRITE) === 0 || bytes.length > MAX_PAYLOAD) return 'refused';
    const mem = this.memory;
    const peer = 1 - g.side;
    if (!mem.begin(g.side)) return 'closed';
    try {
      if (mem.count(peer) >= mem.depth(peer)) return 'full';
      if (!writeFrame(mem.messages[peer], 0, bytes)) return 'nospace';
      mem.addCount(peer, 1);
      this.#add(g, C.WRITE, 1);
      this.#add(g, C.WRITE_BYTES, bytes.length);
    } finally {
      mem.end(g.side);
    }
    mem.wake(peer);
    return 'ok';
  }

  /** Takes the next message queued on this end. */
  tryRead(g: GrantedHandle, pid: number): Frame | 'empty' | Refusal {
    if ((g.rights & RIGHTS.READ) === 0) return 'refused';
    const mem = this.memory;
    const side = g.side;
    if (!mem.begin(side)) return 'closed';
    let frame: Frame | undefined;
    try {
      frame = readFrame(mem.messages[side]);
      if (frame === undefined) return 'empty';
      mem.addCount(side, -1);
      mem.setReader(side, pid);
      this.#add(g, C.READ, 1);
    } finally {
      mem.end(side);
    }
    mem.wakeForRoom(1 - side);
    return frame;
  }

  /** Sends a request and opens its call slot; returns the transaction id. */
  tryCall(g: GrantedHandle, pid: number, bytes: Uint8Array, timeoutMs: number): number | 'full' | Refusal {
    const both = RIGHTS.READ | RIGHTS.WRITE;
    if ((g.rights & both) !== both || bytes.length > MAX_PAYLOAD) return 'refused';
    const mem = this.memory;
    const side = g.side;
    const peer = 1 - side;
    if (!mem.begin(side)) return 'closed';
    let txid = 0;
    try {
      const slot = this.#freeSlot(side);
      if (slot === undefined) return 'noslot';
      if (mem.count(peer) >= mem.depth(peer)) return 'full';
      txid = mem.nextTxid(side, slot);
      mem.openSlot(side, slot, txid, pid, epochMs() + timeoutMs);
      if (!writeFrame(mem.messages[peer], txid, bytes)) {
        mem.setSlot(side, slot, SLOT.FREE);
        return 'nospace';
      }
      mem.addCount(peer, 1);
      this.#add(g, C.CALL, 1);
      this.#add(g, C.CALL_BYTES, bytes.length);
    } finally {
      mem.end(side);
    }
    mem.wake(peer);
    return txid;
  }

  /** Answers a call made from the other end that still waits, before its deadline. */
  tryReply(g: GrantedHandle, txid: number, bytes: Uint8Array): 'ok' | Refusal {
    if ((g.rights & RIGHTS.WRITE) === 0 || bytes.length > MAX_PAYLOAD || txid < FAST_TXID) return 'refused';
    const mem = this.memory;
    const caller = 1 - g.side;
    const slot = slotOf(txid);
    if (!mem.begin(g.side)) return 'closed';
    try {
      if (mem.slotState(caller, slot) !== SLOT.WAITING) return 'refused';
      const call = mem.slotCall(caller, slot);
      if (call.txid !== txid || epochMs() > call.deadline) return 'refused';
      if (!writeFrame(mem.replies[caller], txid, bytes)) return 'nospace';
      mem.setSlot(caller, slot, SLOT.REPLIED);
      this.#add(g, C.REPLY, 1);
      this.#add(g, C.REPLY_BYTES, bytes.length);
    } finally {
      mem.end(g.side);
    }
    mem.wake(caller);
    return 'ok';
  }

  /**
   * Takes the replies waiting for calls made from `side`, freeing their slots and counting a
   * channel_call_result (and the wait for it) for the grant `grantOf` names. False when the
   * lease is closed (the replies are the kernel's then).
   */
  takeReplies(
    side: 0 | 1,
    grantOf: (txid: number) => GrantedHandle | undefined,
    deliver: (frame: Frame) => void,
  ): boolean {
    const mem = this.memory;
    if (mem.replies[side].isEmpty()) return mem.state === 1;
    if (!mem.begin(side)) return false;
    const got: Frame[] = [];
    try {
      for (let f = readFrame(mem.replies[side]); f; f = readFrame(mem.replies[side])) {
        mem.setSlot(side, slotOf(f.txid), SLOT.FREE);
        const g = grantOf(f.txid);
        if (g) {
          this.#add(g, C.RESULT, 1);
          this.#add(g, C.RESULT_WB, 1);
        }
        got.push(f);
      }
    } finally {
      mem.end(side);
    }
    for (const f of got) deliver(f);
    return true;
  }

  /** Counts E_WOULD_BLOCK for a call that then waits here (or returns it: a try). */
  countWait(g: GrantedHandle, cell: number): void {
    if (!this.memory.begin(g.side)) return;
    this.#add(g, cell, 1);
    this.memory.end(g.side);
  }

  /**
   * A free call slot of `side`, found in the shared slot states: the worker and the isolate that
   * own a side in turn (delegate.ts) both open calls on it. Only the owner frees or takes slots.
   */
  #freeSlot(side: 0 | 1): number | undefined {
    const mem = this.memory;
    for (let i = 0; i < CALL_SLOTS; i++) {
      const slot = (this.#nextSlot[side] + i) & (CALL_SLOTS - 1);
      if (mem.slotState(side, slot) === SLOT.FREE) {
        this.#nextSlot[side] = slot + 1;
        return slot;
      }
    }
    return undefined;
  }

  /** Counters are added to, not stored: the worker and the isolate both count on a grant. */
  #add(g: GrantedHandle, cell: number, n: number): void {
    Atomics.add(this.memory.counters, g.counters * COUNTERS_PER_GRANT + cell, BigInt(n));
  }
}
