/**
 * A channel lease, the kernel thread's side: while it holds, the two workers whose agents hold
 * the channel's ends move its messages, calls and replies through shared memory (layout.ts)
 * without the kernel thread. The kernel stays in charge:
 * - it grants the lease only for handles it names, with the rights it copies from them;
 * - recall() takes everything back (queued messages, waiting calls, replies not yet taken)
 *   into the kernel's own queues, after which no worker operation is under way or can start;
 *   the kernel calls it before it touches the channel (Ipc.settle) and when a granted handle
 *   is closed, revoked or sent away, so the kernel's semantics hold exactly;
 * - fold() adds the workers' counts to the audit and to each agent's usage.
 *
 * @example
 * const lease = new Lease(kernel, [endA, endB], [{ worker: w1, grants: [ha] }, { worker: w2, grants: [hb] }], onEnd);
 * w1.post(lease.grantFor(w1));
 */
import type { Endpoint, EndpointLease, Handle, HostPlane, Message, PendingCall } from '../../kernel/index.ts';
import {
  C,
  CALL_SLOTS,
  COUNTED,
  COUNTERS_PER_GRANT,
  epochMs,
  type FastBuffers,
  FastMemory,
  LEASE,
  readFrame,
  SLOT,
} from './layout.ts';

export interface LeaseSide<W> {
  /** The worker whose agents hold this end. */
  worker: W;
  /** Handles to this end that worker may use without the kernel. */
  grants: Handle[];
}

/** One handle a worker may use on the lease. */
export interface GrantedHandle {
  pid: number;
  handle: number;
  side: 0 | 1;
  rights: number;
  /** Index of its counters in the lease's counter block. */
  counters: number;
}

/** What a worker receives when granted a lease. */
export interface GrantPackage {
  id: number;
  buffers: FastBuffers;
  handles: GrantedHandle[];
}

interface Granted extends GrantedHandle {
  ref: Handle;
  /** Counter values already added to the audit. */
  seen: number[];
}

export class Lease<W> implements EndpointLease {
  readonly id: number;
  readonly ends: [Endpoint, Endpoint];
  readonly sides: [LeaseSide<W>, LeaseSide<W>];
  readonly memory: FastMemory;
  readonly #plane: HostPlane;
  readonly #granted: Granted[] = [];
  readonly #byKey = new Map<number, Granted>();
  readonly #onEnd: (lease: Lease<W>) => void;
  readonly #dead = new Set<W>();
  #open = true;
  /** Messages (writes, requests, replies) the lease carried, as of its last fold. */
  carried = 0;

  constructor(
    plane: HostPlane,
    id: number,
    ends: [Endpoint, Endpoint],
    sides: [LeaseSide<W>, LeaseSide<W>],
    onEnd: (lease: Lease<W>) => void,
  ) {
    this.#plane = plane;
    this.id = id;
    this.ends = ends;
    this.sides = sides;
    this.#onEnd = onEnd;
    sides.forEach((s, side) => {
      for (const ref of s.grants) {
        const g: Granted = {
          pid: ref.owner,
          handle: ref.value,
          side: side as 0 | 1,
          rights: ref.rights,
          counters: this.#granted.length,
          ref,
          seen: new Array(COUNTERS_PER_GRANT).fill(0),
        };
        this.#granted.push(g);
        this.#byKey.set(key(g.pid, g.handle), g);
      }
    });
    this.memory = FastMemory.create({ depth: [ends[0].depth, ends[1].depth], grants: this.#granted.length });
    ends[0].lease = this;
    ends[1].lease = this;
  }

  get open(): boolean {
    return this.#open;
  }

  /** The handles `worker` may use, and the shared memory. */
  grantFor(worker: W): GrantPackage {
    return {
      id: this.id,
      buffers: this.memory.buffers,
      handles: this.#granted
        .filter((g) => this.sides[g.side].worker === worker)
        .map(({ pid, handle, side, rights, counters }) => ({ pid, handle, side, rights, counters })),
    };
  }

  /** Whether agent `pid` on `worker` may use `handle` on this lease now. */
  grants(worker: W, pid: number, handle: number): boolean {
    const g = this.#byKey.get(key(pid, handle));
    return this.#open && g !== undefined && this.sides[g.side].worker === worker;
  }

  /** A worker died: its operations will never end, so recall does not wait for them. */
  workerLost(worker: W): void {
    this.#dead.add(worker);
  }

  handleGone(handle: Handle): void {
    if (this.#open && this.#granted.some((g) => g.ref === handle)) this.recall();
  }

  /**
   * Ends the lease and gives the kernel back what it carried: messages join each end's queue in
   * order, waiting calls join the calls of the end they were made on (replied ones with their
   * reply), and the workers' counts are added to the audit.
   */
  recall(): void {
    if (!this.#open) return;
    this.#open = false;
    const mem = this.memory;
    const skip = ([0, 1] as const).filter((side) => this.#dead.has(this.sides[side].worker));
    mem.close(skip);
    this.ends[0].lease = undefined;
    this.ends[1].lease = undefined;
    const now = this.#plane.now();
    const epoch = epochMs();
    for (const side of [0, 1] as const) {
      const end = this.ends[side];
      const messages: Message[] = [];
      for (let f = readFrame(mem.messages[side]); f; f = readFrame(mem.messages[side])) {
        messages.push({ bytes: f.bytes, handles: [], txid: f.txid });
      }
      const replies = new Map<number, Uint8Array>();
      for (let f = readFrame(mem.replies[side]); f; f = readFrame(mem.replies[side]))
        replies.set(f.txid, f.bytes);
      const calls: PendingCall[] = [];
      for (let slot = 0; slot < CALL_SLOTS; slot++) {
        const state = mem.slotState(side, slot);
        if (state === SLOT.FREE) continue;
        const { txid, pid, deadline } = mem.slotCall(side, slot);
        const reply = replies.get(txid);
        calls.push({
          txid,
          pid,
          // Worker deadlines are in epoch time; the kernel's clock may run on its own.
          deadline: now + Math.max(0, deadline - epoch),
          reply: reply === undefined ? undefined : { bytes: reply, handles: [], txid },
          status: state === SLOT.REPLIED && reply !== undefined ? 'replied' : 'waiting',
          boosted: 0,
        });
      }
      const reader = mem.reader(side);
      if (reader !== 0) end.reader = reader;
      if (!end.closed) this.#plane.adopt(end, messages, calls);
    }
    this.fold();
    this.#onEnd(this);
  }

  /**
   * Adds what the workers counted since the last fold to the audit and the agents' usage;
   * returns how many messages (writes, requests, replies) that was.
   */
  fold(): number {
    let sent = 0;
    const counters = this.memory.counters;
    for (const g of this.#granted) {
      const base = g.counters * COUNTERS_PER_GRANT;
      const now: number[] = [];
      let changed = false;
      for (let i = 0; i < COUNTERS_PER_GRANT; i++) {
        now.push(Number(Atomics.load(counters, base + i)));
        if (now[i] !== g.seen[i]) changed = true;
      }
      if (!changed) continue;
      const delta = now.map((v, i) => v - g.seen[i]);
      g.seen = now;
      for (const c of COUNTED) {
        const calls = delta[c.calls];
        if (calls <= 0) continue;
        const bytes = c.bytes >= 0 ? delta[c.bytes] : 0;
        this.#plane.countCarried(g.pid, c.no, c.name, bytes, calls, c.sent);
        if (c.sent) sent += calls;
      }
    }
    this.carried += sent;
    return sent;
  }

  /** Messages and bytes counted so far for `pid`'s handle (tests and statistics). */
  counted(pid: number, handle: number): { writes: number; reads: number; calls: number; replies: number } {
    const g = this.#byKey.get(key(pid, handle));
    if (!g) return { writes: 0, reads: 0, calls: 0, replies: 0 };
    const at = (i: number) => Number(Atomics.load(this.memory.counters, g.counters * COUNTERS_PER_GRANT + i));
    return { writes: at(C.WRITE), reads: at(C.READ), calls: at(C.CALL), replies: at(C.REPLY) };
  }

  /** For diagnostics: whether the shared state says open. */
  get state(): number {
    return this.#open ? this.memory.state : LEASE.RECALLED;
  }
}

/** One number naming an agent's handle. */
export function key(pid: number, handle: number): number {
  return pid * 0x1_0000_0000 + (handle >>> 0);
}
