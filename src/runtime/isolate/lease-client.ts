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
import { HeldLease } from '../fast/held.ts';
import { C, OWNER_ISOLATE, OWNER_WORKER } from '../fast/layout.ts';
import { type GrantedHandle, type GrantPackage, key } from '../fast/lease.ts';

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

export function createLeaseClient(progressBuffer: SharedArrayBuffer, pid: number) {
  const progress = new Int32Array(progressBuffer);
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

  return {
    /** The handles of one side of a lease that this agent may use here. */
    install(pkg: GrantPackage): void {
      const lease = new HeldLease(pkg);
      for (const g of pkg.handles) if (g.pid === pid) held.set(key(pid, g.handle), { lease, g });
    },

    op(op: number, name: string, args: Record<string, unknown>, timeoutMs?: number): LeaseAnswer {
      const handle = args.handle;
      const entry = typeof handle === 'number' ? held.get(key(pid, handle)) : undefined;
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
      if (Atomics.load(progress, PROGRESS.SLOW) !== 0 || !plain(args, name)) return toWorker(lease, side);
      const bytes = args.bytes as Uint8Array;
      if (name === 'channel_write' && (op === 0 || op === 1)) {
        const r = lease.tryWrite(g, bytes);
        if (r === 'ok') return done({ v: undefined }, false);
        if (r !== 'full') return refused(r);
        if (op === 0) {
          lease.countWait(g, C.WRITE_WB);
          const depth = mem.depth(peer);
          return { e: 'E_WOULD_BLOCK', m: `Channel queue is full (${depth} messages); wait until it drains` };
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
      if (name === 'channel_read' && (op === 0 || op === 1)) {
        const r = lease.tryRead(g, pid);
        if (typeof r === 'object') return done(message(r), false);
        if (r !== 'empty') return refused(r);
        if (op === 0) {
          lease.countWait(g, C.READ_WB);
          return { e: 'E_WOULD_BLOCK', m: 'No message is waiting' };
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
      if (name === 'channel_call' && op === 4) {
        const callTimeout = (args.timeoutMs as number | undefined) ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
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
      if (name === 'channel_reply' && op === 0) {
        const r = lease.tryReply(g, args.txid as number, bytes);
        return r === 'ok' ? done({ v: undefined }, false) : refused(r);
      }
      return toWorker(lease, side);
    },
  };
}

/**
 * Arguments a lease can carry as they are: bytes (but for a read), no handles, a whole
 * transaction id; anything else goes to the worker, and from there to the kernel's validators.
 */
function plain(args: Record<string, unknown>, name: string): boolean {
  const handles = args.handles;
  if (handles !== undefined && (!Array.isArray(handles) || handles.length > 0)) return false;
  if (name !== 'channel_read' && !(args.bytes instanceof Uint8Array)) return false;
  if (args.txid !== undefined && !Number.isInteger(args.txid)) return false;
  const t = args.timeoutMs;
  return t === undefined || (typeof t === 'number' && t >= 0 && Number.isFinite(t));
}
