/**
 * A channel lease as an isolate agent holds it (see src/runtime/fast/delegate.ts): channel
 * writes, reads, calls and replies done on the lease's shared memory by the isolate's own
 * thread, so a round trip between two isolate agents involves no other thread. It runs in a
 * context of its own inside the agent's isolate (the agent's code cannot reach it, nor change
 * the built-ins it uses); the agent's context calls `op` synchronously and gets a copy of the
 * answer. It acts only while its worker has handed it the side (OWNER_ISOLATE); whatever it
 * cannot finish at once or after a short wait goes back to the worker, which then owns the side
 * again until the agent has nothing in flight.
 *
 * @example
 * const client = createLeaseClient(progress);
 * client.install(grantPackage);
 * const answer = client.op(4, 'channel_call', { handle: 3, bytes });  // { v } | { e, m } | { s }
 */
import { PARAMS } from '../../kernel/params.ts';
import type { Frame } from '../fast/held.ts';
import { HeldLease, MAX_PAYLOAD } from '../fast/held.ts';
import { C, OWNER_ISOLATE, OWNER_WORKER } from '../fast/layout.ts';
import { type GrantedHandle, type GrantPackage, key } from '../fast/lease.ts';
import { OP } from '../op.ts';

/**
 * Polls for a message, a reply or room while the conversation is active: about 50 µs (the
 * isolate has no clock finer than Date.now's milliseconds, so the bound is a count of polls
 * of a few shared cells each), and an eighth of that after MISSES_TO_SHRINK polls in a row
 * found nothing (the other side is not running: polling would only keep it from a core).
 */
const SPIN_POLLS = 2500;
const MISSES_TO_SHRINK = 3;
/** A conversation is active when something moved this recently (ms). */
const HOT_MS = 1;
/**
 * Longest the isolate's thread sleeps on the lease's bell before it hands the wait to its worker
 * (ms): it holds one of isolated-vm's threads, and the agent's CPU clock runs meanwhile.
 */
const SLEEP_MS = 0.25;

/** Cells of the progress block the agent's worker reads (see IsolateAgent). */
export const PROGRESS = {
  /** Operations done here: each counts as a call out (the agent gave the CPU back). */
  OPS: 0,
  /** Operations that waited: the agent blocked, so its CPU slice starts again. */
  WAITED: 1,
  /** Set by the worker: the agent's slice is used up; its next call goes through the worker. */
  SLOW: 2,
} as const;

/** What `op` answers: a value, a kernel error, or where the call goes instead. */
export type LeaseAnswer =
  | { v: unknown }
  | { e: string; m: string }
  | { s: 'worker' }
  | { s: 'kernel' }
  | { s: 'result'; txid: number; timeoutMs: number };

/**
 * What `op` answers, a number: the value, the reply or the transaction id are in the scratch
 * buffer it shares with the agent's context (see lease-boot.ts).
 */
export const ANSWER = { DONE: 0, MESSAGE: 1, EMPTY: 2, FULL: 3, WORKER: 4, KERNEL: 5, RESULT: 6 } as const;

/** The scratch buffer: cells (length, transaction id, a number), then a message's bytes. */
export const SCRATCH_BYTES = 16 + MAX_PAYLOAD;

export function createLeaseClient(
  progressBuffer: SharedArrayBuffer,
  pid: number,
  scratchBuffer: SharedArrayBuffer,
) {
  const progress = new Int32Array(progressBuffer);
  const cells = new Int32Array(scratchBuffer, 0, 4);
  const scratch = new Uint8Array(scratchBuffer, 16);
  const held = new Map<number, { lease: HeldLease; g: GrantedHandle }>();
  let lastActivity = -Infinity;
  let misses = 0;
  const now = () => Date.now();

  const toWorker = (lease: HeldLease, side: number): LeaseAnswer => {
    lease.memory.setOwner(side, OWNER_WORKER);
    return { s: 'worker' };
  };

  /**
   * Polls `attempt` while the conversation is active, then sleeps on the side's bell, for at
   * most SLEEP_MS in all; undefined when nothing came.
   */
  const waitFor = <T>(lease: HeldLease, side: number, attempt: () => T | undefined): T | undefined => {
    const mem = lease.memory;
    const hot = now() - lastActivity <= HOT_MS;
    if (hot) {
      const polls = misses >= MISSES_TO_SHRINK ? SPIN_POLLS / 8 : SPIN_POLLS;
      for (let i = 0; i < polls; i++) {
        const got = attempt();
        if (got !== undefined) {
          misses = 0;
          return got;
        }
      }
      misses++;
    }
    const seq = mem.bell(side);
    const unmark = mem.sleeping(side, false);
    try {
      const got = attempt();
      if (got !== undefined) return got;
      mem.sleepSync(side, seq, SLEEP_MS);
      return attempt();
    } finally {
      unmark();
    }
  };

  const done = (answer: LeaseAnswer, waited: boolean): LeaseAnswer => {
    lastActivity = now();
    Atomics.add(progress, PROGRESS.OPS, 1);
    if (waited) Atomics.add(progress, PROGRESS.WAITED, 1);
    return answer;
  };

  const message = (f: Frame) => ({ v: { bytes: f.bytes, handles: [], txid: f.txid } });

  /** The answer as a number, with what goes with it in the scratch buffer. */
  const encode = (a: LeaseAnswer): number => {
    if ('v' in a) {
      const m = a.v as { bytes: Uint8Array; txid: number } | undefined;
      if (m === undefined) return ANSWER.DONE;
      scratch.set(m.bytes);
      cells[0] = m.bytes.length;
      cells[1] = m.txid | 0;
      return ANSWER.MESSAGE;
    }
    if ('e' in a) return a.m === 'full' ? ANSWER.FULL : ANSWER.EMPTY;
    if (a.s === 'result') {
      cells[1] = a.txid | 0;
      cells[2] = a.timeoutMs;
      return ANSWER.RESULT;
    }
    return a.s === 'kernel' ? ANSWER.KERNEL : ANSWER.WORKER;
  };

  return {
    /** The handles of one side of a lease that this agent may use here. */
    install(pkg: GrantPackage): void {
      const lease = new HeldLease(pkg);
      for (const g of pkg.handles) if (g.pid === pid) held.set(key(pid, g.handle), { lease, g });
    },

    /**
     * Does call `op` `name` on `handle` if it can: `length` bytes of the message are in the
     * scratch buffer (-1: none, a read; -2: arguments a lease cannot carry as they are: the
     * worker, and from there the kernel's validators, see them); a reply's transaction id is
     * in its second cell; `timeout` is the call's (-1: none).
     */
    op(op: number, name: string, handle: number, length: number, timeout: number): number {
      const timeoutMs = timeout < 0 ? undefined : timeout;
      return encode(answer(op, name, handle, length, timeoutMs));
    },
  };

  function answer(op: number, name: string, handle: number, length: number, timeoutMs?: number): LeaseAnswer {
    const entry = held.get(key(pid, handle));
    if (!entry) return { s: 'worker' };
    const { lease, g } = entry;
    const mem = lease.memory;
    const side = g.side;
    const peer = 1 - side;
    if (mem.owner(side) !== OWNER_ISOLATE) return { s: 'worker' };
    // Recalled: the worker (or the kernel) does the calls from now on.
    const refused = (r: string): LeaseAnswer => {
      if (r !== 'closed' && lease.open) return { s: 'kernel' };
      held.delete(key(pid, g.handle));
      return { s: 'worker' };
    };
    if (!lease.open) return refused('closed');
    const plain = length >= 0 || (length === -1 && name === 'channel_read');
    if (Atomics.load(progress, PROGRESS.SLOW) !== 0 || !plain) return toWorker(lease, side);
    const bytes = scratch.subarray(0, Math.max(0, length));
    if (name === 'channel_write' && (op === OP.SYS || op === OP.BLOCK)) {
      const r = lease.tryWrite(g, bytes);
      if (r === 'ok') return done({ v: undefined }, false);
      if (r !== 'full') return refused(r);
      if (op === OP.SYS) {
        lease.countWait(g, C.WRITE_WB);
        cells[2] = mem.depth(peer);
        return { e: 'E_WOULD_BLOCK', m: 'full' };
      }
      const later = waitFor(lease, side, () => {
        const again = lease.tryWrite(g, bytes);
        return again === 'full' ? undefined : again;
      });
      if (later === undefined) return toWorker(lease, side);
      if (later !== 'ok') return refused(later);
      lease.countWait(g, C.WRITE_WB);
      return done({ v: undefined }, true);
    }
    if (name === 'channel_read' && (op === OP.SYS || op === OP.BLOCK)) {
      const r = lease.tryRead(g, pid);
      if (typeof r === 'object') return done(message(r), false);
      if (r !== 'empty') return refused(r);
      if (op === OP.SYS) {
        lease.countWait(g, C.READ_WB);
        return { e: 'E_WOULD_BLOCK', m: 'empty' };
      }
      // A read with a timeout is left to the worker, which keeps the kernel's deadline.
      if (timeoutMs !== undefined) return toWorker(lease, side);
      const queue = mem.messages[side];
      const later = waitFor(lease, side, () => {
        // Looking costs two loads; taking announces an operation to the kernel.
        if (queue.isEmpty() && lease.open) return undefined;
        const again = lease.tryRead(g, pid);
        return again === 'empty' ? undefined : again;
      });
      if (later === undefined) return toWorker(lease, side);
      if (typeof later !== 'object') return refused(later);
      lease.countWait(g, C.READ_WB);
      return done(message(later), true);
    }
    if (name === 'channel_call' && op === OP.CALL) {
      const callTimeout = timeoutMs ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
      const r = lease.tryCall(g, pid, bytes, callTimeout);
      if (r === 'full') return toWorker(lease, side);
      if (typeof r !== 'number') return refused(r);
      let reply: Frame | undefined;
      const keep = (f: Frame) => {
        if (f.txid === r) reply = f;
      };
      // The reply, null once the lease is recalled, undefined while it has not come.
      const take = () => (lease.takeReplies(side, () => g, keep) ? reply : (reply ?? null));
      const got = waitFor(lease, side, take);
      if (got === undefined) {
        mem.setOwner(side, OWNER_WORKER);
        return done({ s: 'result', txid: r, timeoutMs: callTimeout }, false);
      }
      // Recalled while waiting: the kernel has the call now, and answers its result.
      if (got === null) return done({ s: 'result', txid: r, timeoutMs: callTimeout }, false);
      return done(message(got), true);
    }
    if (name === 'channel_reply' && op === OP.SYS) {
      const r = lease.tryReply(g, cells[1] >>> 0, bytes);
      return r === 'ok' ? done({ v: undefined }, false) : refused(r);
    }
    return toWorker(lease, side);
  }
}
