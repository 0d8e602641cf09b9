/**
 * The part of an agent context's boot code (isolate-boot.ts, BOOT) that hands the agent's calls on
 * leased channels to its lease client (src/runtime/isolate/lease-client.ts), in the other context
 * of its isolate. Arguments cross as numbers and the bytes through a scratch buffer the two share:
 * copying an object between contexts costs several times the call itself. The scratch holds
 * nothing but this agent's own messages; still, everything here uses built-ins taken before the
 * agent's code runs, so code that rewires them never sees the buffer.
 */
import { MAX_PAYLOAD } from '../fast/held.ts';
import { ANSWER } from '../isolate/lease-client.ts';
import { OP } from '../op.ts';

/** Defines `__aiosAttach(client, scratch)` and `fastCall(op, name, args, t)` for BOOT. */
export const LEASE_BOOT = `
let fast;
let cells;
let scratch;
let scratchBuffer;
const U8 = Uint8Array;
const I32 = Int32Array;
const TA = Object.getPrototypeOf(U8.prototype);
const uncurry = (f) => Function.prototype.call.bind(f);
const lengthOf = uncurry(Object.getOwnPropertyDescriptor(TA, 'length').get);
const copyInto = uncurry(TA.set);
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isFinite = Number.isFinite;
Object.defineProperty(globalThis, '__aiosAttach', { configurable: true, writable: false, value: (client, buffer) => {
  fast = client;
  scratchBuffer = buffer;
  cells = new I32(buffer, 0, 4);
  scratch = new U8(buffer, 16);
} });
const LEASED = { channel_write: 1, channel_read: 1, channel_call: 1, channel_reply: 1 };
const A = ${JSON.stringify(ANSWER)};
// The answer as the port gives it: { v }, { e, m } or { s } (where the call goes instead).
const fastCall = (op, name, args, t) => {
  const timeout = op === ${OP.CALL} ? args.timeoutMs : t;
  const handles = args.handles;
  let length = -1;
  let plain = (handles === undefined || (isArray(handles) && handles.length === 0)) &&
    (timeout === undefined || (typeof timeout === 'number' && isFinite(timeout) && timeout >= 0));
  if (plain && name !== 'channel_read') {
    try {
      length = lengthOf(args.bytes);
      if (length > ${MAX_PAYLOAD}) throw 0;
      copyInto(scratch, args.bytes);
    } catch {
      plain = false;
    }
  }
  if (plain && name === 'channel_reply') {
    const txid = args.txid;
    if (isInteger(txid) && txid >= 0 && txid <= 0xffffffff) cells[1] = txid | 0;
    else plain = false;
  }
  const handle = typeof args.handle === 'number' ? args.handle : -1;
  const code = fast.applySync(undefined, [op, name, handle, plain ? length : -2, timeout === undefined ? -1 : timeout]);
  switch (code) {
    case A.DONE: return { v: undefined };
    case A.MESSAGE: {
      const bytes = new U8(cells[0]);
      copyInto(bytes, new U8(scratchBuffer, 16, cells[0]));
      return { v: { bytes, handles: [], txid: cells[1] >>> 0 } };
    }
    case A.EMPTY: return { e: 'E_WOULD_BLOCK', m: 'No message is waiting' };
    case A.FULL: return { e: 'E_WOULD_BLOCK', m: 'Channel queue is full (' + cells[2] + ' messages); wait until it drains' };
    case A.RESULT: return { s: 'result', txid: cells[1] >>> 0, timeoutMs: cells[2] };
    case A.KERNEL: return { s: 'kernel' };
    default: return { s: 'worker' };
  }
};
`;
