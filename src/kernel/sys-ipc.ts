/**
 * Handlers of the channel_* and region_* syscalls.
 */
import { KernelError } from './errors.ts';
import type { ReadResult } from './ipc.ts';
import type { Kernel } from './kernel.ts';
import type { Endpoint, Handle, Region } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { DEFAULT_RIGHTS } from './rights.ts';

const NONE: number[] = [];

export function channelCreate(k: Kernel, caller: Agent, depth?: number): { handles: [number, number] } {
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

export function channelWrite(
  k: Kernel,
  caller: Agent,
  h: Handle,
  bytes: Uint8Array,
  handles?: number[],
): void {
  k.ipc.write(caller, h.object as Endpoint, bytes, handles ?? NONE);
  caller.usage.messagesSent++;
  caller.usage.bytesSent += bytes.length;
}

export function channelRead(k: Kernel, caller: Agent, h: Handle): ReadResult {
  return k.ipc.read(caller, h.object as Endpoint);
}

export function channelCall(
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

export function channelCallResult(k: Kernel, caller: Agent, h: Handle, txid: number): ReadResult {
  return k.ipc.takeReply(caller, h.object as Endpoint, txid);
}

export function channelReply(
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

export function regionAlloc(k: Kernel, caller: Agent, size: number): { handle: number } {
  const region = k.memory.alloc(caller, size);
  try {
    return { handle: k.handles.install(caller.table, caller.pid, region, DEFAULT_RIGHTS.region).value };
  } catch (error) {
    k.memory.free(region);
    throw error;
  }
}

export function regionMap(k: Kernel, caller: Agent, h: Handle): { buffer: SharedArrayBuffer; size: number } {
  return k.memory.map(h.object as Region, caller);
}
