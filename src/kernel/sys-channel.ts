/**
 * The channel_* syscalls: pairs of endpoints carrying messages of at most 64 KiB with handles,
 * and request/reply calls with deadlines (see ipc.ts for queues and backpressure).
 */
import { KernelError } from './errors.ts';
import type { ReadResult } from './ipc.ts';
import type { Kernel } from './kernel.ts';
import type { Endpoint, Handle } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { DEFAULT_RIGHTS, RIGHTS } from './rights.ts';
import { bytes, H, type SyscallDef, sent } from './syscall-def.ts';

export const CHANNEL_CALLS: readonly SyscallDef[] = [
  {
    no: 30,
    name: 'channel_create',
    doc: 'A pair of connected channel endpoints, both held by the caller',
    args: { depth: { type: 'u32', optional: true, doc: 'Queue depth of each end' } },
    plane: 'control',
    run: (k, c, a) => channelCreate(k, c, a.depth),
  },
  {
    no: 31,
    name: 'channel_write',
    doc: 'Queue a message (at most 64 KiB with header) on the peer end',
    args: { handle: H('Channel endpoint'), bytes, handles: sent },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE },
    plane: 'data',
    run: (k, c, a, h) => channelWrite(k, c, h, a.bytes, a.handles),
  },
  {
    no: 32,
    name: 'channel_read',
    doc: 'Take the next message; E_WOULD_BLOCK when none waits',
    args: { handle: H('Channel endpoint') },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.READ },
    plane: 'data',
    run: (k, c, _a, h) => channelRead(k, c, h),
  },
  {
    no: 33,
    name: 'channel_call',
    doc: 'Send a request and register for its reply; returns a transaction id',
    args: {
      handle: H('Channel endpoint'),
      bytes,
      handles: sent,
      timeoutMs: { type: 'u32', optional: true, doc: 'Reply deadline in ms' },
    },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE | RIGHTS.READ },
    plane: 'data',
    run: (k, c, a, h) => channelCall(k, c, h, a.bytes, a.handles, a.timeoutMs),
  },
  {
    no: 34,
    name: 'channel_call_result',
    doc: 'The reply to a call; E_WOULD_BLOCK until it arrives, E_TIMED_OUT after the deadline',
    args: { handle: H('Channel endpoint'), txid: { type: 'u32', doc: 'Transaction id from channel_call' } },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.READ },
    plane: 'data',
    run: (k, c, a, h) => channelCallResult(k, c, h, a.txid),
  },
  {
    no: 35,
    name: 'channel_reply',
    doc: 'Answer a request read from this endpoint',
    args: {
      handle: H('Channel endpoint'),
      txid: { type: 'u32', doc: 'Transaction id of the request' },
      bytes,
      handles: sent,
    },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE },
    plane: 'data',
    run: (k, c, a, h) => channelReply(k, c, h, a.txid, a.bytes, a.handles),
  },
];

const NONE: number[] = [];

function channelCreate(k: Kernel, caller: Agent, depth?: number): { handles: [number, number] } {
  const d = depth ?? caller.quotas.ipcQueueDepth;
  if (d < 1 || d > caller.quotas.ipcQueueDepth) {
    throw new KernelError(
      'E_QUOTA',
      `Queue depth must be from 1 to this agent's quota of ${caller.quotas.ipcQueueDepth}`,
    );
  }
  const [a, b] = k.ipc.createPair(d);
  const ha = k.handles.install(caller.table, caller.pid, a, DEFAULT_RIGHTS.channel);
  const hb = k.handles.install(caller.table, caller.pid, b, DEFAULT_RIGHTS.channel);
  return { handles: [ha.value, hb.value] };
}

function channelWrite(k: Kernel, caller: Agent, h: Handle, bytes: Uint8Array, handles?: number[]): void {
  k.ipc.write(caller, h.object as Endpoint, bytes, handles ?? NONE);
  caller.usage.messagesSent++;
  caller.usage.bytesSent += bytes.length;
}

function channelRead(k: Kernel, caller: Agent, h: Handle): ReadResult {
  return k.ipc.read(caller, h.object as Endpoint);
}

function channelCall(
  k: Kernel,
  caller: Agent,
  h: Handle,
  bytes: Uint8Array,
  handles: number[] | undefined,
  timeoutMs: number | undefined,
): { txid: number } {
  const endpoint = h.object as Endpoint;
  const timeout = timeoutMs ?? PARAMS.CALL_TIMEOUT_DEFAULT_MS;
  const now = k.ports.now();
  const txid = k.ipc.call(caller, endpoint, bytes, handles ?? NONE, now + timeout);
  caller.usage.messagesSent++;
  caller.usage.bytesSent += bytes.length;
  // Priority inheritance: a realtime caller lends its deadline to the agent serving the peer end.
  const server = endpoint.peer?.reader ?? 0;
  if (caller.schedClass === 'realtime' && server !== 0 && server !== caller.pid) {
    const call = endpoint.calls.get(txid);
    if (call && call.status === 'waiting') {
      call.boosted = server;
      k.scheduler.boost(server, now + (caller.deadlineMs ?? timeout));
    }
  }
  return { txid };
}

function channelCallResult(k: Kernel, caller: Agent, h: Handle, txid: number): ReadResult {
  return k.ipc.takeReply(caller, h.object as Endpoint, txid);
}

function channelReply(
  k: Kernel,
  caller: Agent,
  h: Handle,
  txid: number,
  bytes: Uint8Array,
  handles?: number[],
): void {
  k.ipc.write(caller, h.object as Endpoint, bytes, handles ?? NONE, txid, true);
  caller.usage.messagesSent++;
  caller.usage.bytesSent += bytes.length;
}
