/**
 * The frames that travel between a worker's agents and the kernel. Channel traffic (the
 * hot path) has fixed binary layouts; everything else is one structured-clone value.
 * Every frame starts with: u8 type, u8 op, u16 flags, u32 pid, u32 request id.
 *
 * @example
 * link.send(FRAME_CALL_IO_BYTES + bytes.length, (b, v, o) => encodeIoCall(b, v, o, call));
 * link.poll((b, v, o, n) => { const f = decodeFrame(b, v, o, n); ... });
 */
import { deserialize, serialize } from 'node:v8';
import { ERROR_CODES, ERROR_NUMBERS, type ErrorCode } from '../kernel/errors.ts';
import { SYSCALL_NO } from '../kernel/syscall-numbers.ts';
import { OP, type Op } from './op.ts';

export const FRAME = {
  /** worker -> kernel: a call, its value structured-cloned. */
  CALL: 1,
  /** worker -> kernel: channel_write / channel_reply / channel_call with bytes and handles. */
  CALL_WRITE: 2,
  /** worker -> kernel: channel_read / channel_call_result (handle, txid). */
  CALL_READ: 3,
  /** kernel -> worker: a call's value, structured-cloned. */
  REPLY: 4,
  /** kernel -> worker: a call failed with a kernel error code and message. */
  REPLY_ERROR: 5,
  /** kernel -> worker: a message read from a channel. */
  REPLY_MESSAGE: 6,
  /** kernel -> worker: a call that returns nothing, or only a transaction id. */
  REPLY_VOID: 7,
  /** either way: a control message (start, stop, exit, usage …), structured-cloned. */
  CONTROL: 8,
  /** kernel -> worker: do this call on the channel's lease instead (see fast/). */
  REPLY_LEASED: 9,
} as const;

/** Call flag: serve this call in the kernel even if its channel is leased to the worker. */
const VIA_KERNEL = 1;

export { OP, type Op } from './op.ts';

export const HEADER = 12;

const { channel_write, channel_read, channel_call, channel_call_result, channel_reply } = SYSCALL_NO;
/** Syscalls with binary layouts, by their number in the syscall table. */
export const IO_CALLS = {
  channel_write,
  channel_read,
  channel_call,
  channel_call_result,
  channel_reply,
} as const;
const IO_NAMES = new Map<number, string>(Object.entries(IO_CALLS).map(([k, v]) => [v, k]));

export interface Call {
  pid: number;
  req: number;
  op: Op;
  name: string;
  args: Record<string, unknown>;
  /** BLOCK: ms to keep retrying; WAIT: the wait's timeout. */
  timeoutMs?: number;
  /** Serve it in the kernel, never answer "use the lease" (the worker could not). */
  viaKernel?: boolean;
}

export type Reply =
  | { type: 'value'; pid: number; req: number; value: unknown }
  | { type: 'error'; pid: number; req: number; code: ErrorCode; message: string }
  | { type: 'message'; pid: number; req: number; txid: number; handles: number[]; bytes: Uint8Array }
  | { type: 'leased'; pid: number; req: number };

export type Frame =
  | ({ type: 'call' } & Call)
  | Reply
  | { type: 'control'; pid: number; value: Record<string, unknown> };

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NO_TIMEOUT = 0xffffffff;

/** What writing a frame takes: its length and a function that writes it at an offset. */
export interface Encoded {
  length: number;
  fill(bytes: Uint8Array, view: DataView, offset: number): void;
}

function header(
  view: DataView,
  at: number,
  type: number,
  op: number,
  pid: number,
  req: number,
  flags = 0,
): void {
  view.setUint8(at, type);
  view.setUint8(at + 1, op);
  view.setUint16(at + 2, flags, true);
  view.setUint32(at + 4, pid, true);
  view.setUint32(at + 8, req, true);
}

function cloned(type: number, op: number, pid: number, req: number, value: unknown, flags = 0): Encoded {
  const body = serialize(value);
  return {
    length: HEADER + body.length,
    fill(bytes, view, at) {
      header(view, at, type, op, pid, req, flags);
      bytes.set(body, at + HEADER);
    },
  };
}

/** Encodes a call from an agent, choosing the binary layout for channel traffic. */
export function encodeCall(call: Call): Encoded {
  const no = (IO_CALLS as Record<string, number>)[call.name];
  const a = call.args as {
    handle?: unknown;
    txid?: unknown;
    bytes?: unknown;
    handles?: unknown;
    timeoutMs?: unknown;
  };
  const simple =
    no !== undefined &&
    (call.op === OP.SYS || call.op === OP.BLOCK || call.op === OP.CALL) &&
    isU32(a.handle) &&
    (a.txid === undefined || isU32(a.txid)) &&
    (a.timeoutMs === undefined || isU32(a.timeoutMs)) &&
    (call.timeoutMs === undefined || isU32(call.timeoutMs));
  const flags = call.viaKernel ? VIA_KERNEL : 0;
  if (simple && (no === channel_read || no === channel_call_result)) {
    return {
      length: HEADER + 16,
      fill(_bytes, view, at) {
        header(view, at, FRAME.CALL_READ, call.op, call.pid, call.req, flags);
        view.setUint32(at + 12, no, true);
        view.setUint32(at + 16, a.handle as number, true);
        view.setUint32(at + 20, (a.txid as number | undefined) ?? 0, true);
        view.setUint32(at + 24, call.timeoutMs ?? NO_TIMEOUT, true);
      },
    };
  }
  const handles = a.handles;
  if (
    simple &&
    a.bytes instanceof Uint8Array &&
    (handles === undefined || (Array.isArray(handles) && handles.length <= 64 && handles.every(isU32)))
  ) {
    const bytes = a.bytes;
    const list = (handles ?? []) as number[];
    const fixed = HEADER + 24 + list.length * 4;
    return {
      length: fixed + bytes.length,
      fill(out, view, at) {
        header(view, at, FRAME.CALL_WRITE, call.op, call.pid, call.req, flags);
        view.setUint32(at + 12, no, true);
        view.setUint32(at + 16, a.handle as number, true);
        view.setUint32(at + 20, (a.txid as number | undefined) ?? 0, true);
        view.setUint32(at + 24, (a.timeoutMs as number | undefined) ?? NO_TIMEOUT, true);
        view.setUint32(at + 28, call.timeoutMs ?? NO_TIMEOUT, true);
        view.setUint32(at + 32, list.length, true);
        for (let i = 0; i < list.length; i++) view.setUint32(at + 36 + i * 4, list[i], true);
        out.set(bytes, at + fixed);
      },
    };
  }
  return cloned(FRAME.CALL, call.op, call.pid, call.req, [call.name, call.args, call.timeoutMs], flags);
}

export function encodeReply(reply: Reply): Encoded {
  if (reply.type === 'leased') {
    return {
      length: HEADER,
      fill(_bytes, view, at) {
        header(view, at, FRAME.REPLY_LEASED, 0, reply.pid, reply.req);
      },
    };
  }
  if (reply.type === 'error') {
    const text = encoder.encode(reply.message.slice(0, 1024));
    return {
      length: HEADER + 4 + text.length,
      fill(bytes, view, at) {
        header(view, at, FRAME.REPLY_ERROR, 0, reply.pid, reply.req);
        view.setUint32(at + 12, ERROR_NUMBERS[reply.code], true);
        bytes.set(text, at + HEADER + 4);
      },
    };
  }
  if (reply.type === 'message') {
    const fixed = HEADER + 8 + reply.handles.length * 4;
    return {
      length: fixed + reply.bytes.length,
      fill(bytes, view, at) {
        header(view, at, FRAME.REPLY_MESSAGE, 0, reply.pid, reply.req);
        view.setUint32(at + 12, reply.txid, true);
        view.setUint32(at + 16, reply.handles.length, true);
        for (let i = 0; i < reply.handles.length; i++)
          view.setUint32(at + 20 + i * 4, reply.handles[i], true);
        bytes.set(reply.bytes, at + fixed);
      },
    };
  }
  const v = reply.value;
  if (v === undefined || (typeof v === 'object' && v !== null && isTxid(v))) {
    return {
      length: HEADER + 8,
      fill(_bytes, view, at) {
        header(view, at, FRAME.REPLY_VOID, v === undefined ? 0 : 1, reply.pid, reply.req);
        view.setUint32(at + 12, v === undefined ? 0 : (v as { txid: number }).txid, true);
        view.setUint32(at + 16, 0, true);
      },
    };
  }
  return cloned(FRAME.REPLY, 0, reply.pid, reply.req, v);
}

export function encodeControl(pid: number, value: Record<string, unknown>): Encoded {
  return cloned(FRAME.CONTROL, 0, pid, 0, value);
}

/** Decodes one frame, copying what it keeps out of `bytes`. Throws on a malformed frame. */
export function decodeFrame(bytes: Uint8Array, view: DataView, at: number, length: number): Frame {
  if (length < HEADER) throw new Error(`Frame of ${length} bytes is shorter than its header`);
  const type = view.getUint8(at);
  const op = view.getUint8(at + 1) as Op;
  const pid = view.getUint32(at + 4, true);
  const req = view.getUint32(at + 8, true);
  const flagged = (view.getUint16(at + 2, true) & VIA_KERNEL) !== 0;
  const call = (c: Call): Frame =>
    flagged ? { type: 'call', ...c, viaKernel: true } : { type: 'call', ...c };
  const end = at + length;
  const body = () => deserialize(bytes.subarray(at + HEADER, end));
  switch (type) {
    case FRAME.CALL: {
      const [name, args, timeoutMs] = body() as [string, Record<string, unknown>, number | undefined];
      return call({ pid, req, op, name: String(name), args: args ?? {}, timeoutMs });
    }
    case FRAME.CALL_READ: {
      const no = view.getUint32(at + 12, true);
      const handle = view.getUint32(at + 16, true);
      const txid = view.getUint32(at + 20, true);
      const timeout = view.getUint32(at + 24, true);
      const args: Record<string, unknown> = no === channel_call_result ? { handle, txid } : { handle };
      return call({
        pid,
        req,
        op,
        name: IO_NAMES.get(no) ?? String(no),
        args,
        timeoutMs: timeout === NO_TIMEOUT ? undefined : timeout,
      });
    }
    case FRAME.CALL_WRITE: {
      const no = view.getUint32(at + 12, true);
      const handle = view.getUint32(at + 16, true);
      const txid = view.getUint32(at + 20, true);
      const callTimeout = view.getUint32(at + 24, true);
      const timeout = view.getUint32(at + 28, true);
      const count = view.getUint32(at + 32, true);
      if (count > 64 || HEADER + 24 + count * 4 > length) throw new Error('Frame lists too many handles');
      const handles: number[] = [];
      for (let i = 0; i < count; i++) handles.push(view.getUint32(at + 36 + i * 4, true));
      const args: Record<string, unknown> = {
        handle,
        bytes: bytes.slice(at + HEADER + 24 + count * 4, end),
      };
      if (count > 0) args.handles = handles;
      if (no === channel_reply) args.txid = txid;
      if (no === channel_call && callTimeout !== NO_TIMEOUT) args.timeoutMs = callTimeout;
      return call({
        pid,
        req,
        op,
        name: IO_NAMES.get(no) ?? String(no),
        args,
        timeoutMs: timeout === NO_TIMEOUT ? undefined : timeout,
      });
    }
    case FRAME.REPLY:
      return { type: 'value', pid, req, value: body() };
    case FRAME.REPLY_ERROR: {
      const code = CODES[view.getUint32(at + 12, true) - 1] ?? 'E_BAD_STATE';
      return { type: 'error', pid, req, code, message: decoder.decode(bytes.subarray(at + HEADER + 4, end)) };
    }
    case FRAME.REPLY_MESSAGE: {
      const txid = view.getUint32(at + 12, true);
      const count = view.getUint32(at + 16, true);
      if (count > 64 || HEADER + 8 + count * 4 > length) throw new Error('Frame lists too many handles');
      const handles: number[] = [];
      for (let i = 0; i < count; i++) handles.push(view.getUint32(at + 20 + i * 4, true));
      return {
        type: 'message',
        pid,
        req,
        txid,
        handles,
        bytes: bytes.slice(at + HEADER + 8 + count * 4, end),
      };
    }
    case FRAME.REPLY_VOID:
      return {
        type: 'value',
        pid,
        req,
        value: op === 0 ? undefined : { txid: view.getUint32(at + 12, true) },
      };
    case FRAME.CONTROL:
      return { type: 'control', pid, value: body() as Record<string, unknown> };
    case FRAME.REPLY_LEASED:
      return { type: 'leased', pid, req };
    default:
      throw new Error(`Unknown frame type ${type}`);
  }
}

function isU32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

function isTxid(v: object): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'txid' && isU32((v as { txid: unknown }).txid);
}
