/**
 * Serving a pooled agent's calls on the kernel's thread: each call frame from a worker goes
 * through the agent's port (the same kernel checks as any other caller), and its answer goes
 * back as a reply frame. Channel calls a worker's lease can carry are sent back to the lease
 * instead (src/runtime/fast).
 *
 * @example
 * serveCall({ port, agent, slot, link, leases }, call);
 */
import { KernelError } from '../kernel/errors.ts';
import type { Agent } from '../kernel/index.ts';
import type { AgentPort, Wait } from '../sdk/port.ts';
import { blockOrLease, callOrLease, LEASED } from './fast/kernel-path.ts';
import type { Leases } from './fast/leases.ts';
import { fastKind } from './fast/ops.ts';
import type { Link } from './link.ts';
import { waitFor } from './waits.ts';
import { type Call, encodeReply, OP, type Reply } from './wire.ts';

/** Who a call came from: the agent, its port, and the worker (slot) and link it runs on. */
export interface Served<S> {
  port: AgentPort;
  agent: Agent;
  slot: S;
  link: Link;
  leases: Leases<S> | undefined;
}

/** Answers one call frame; never throws (a failure becomes an error reply). */
export function serveCall<S>(served: Served<S>, call: Call): void {
  const { port, agent, slot, link, leases } = served;
  const handle = call.args.handle as number;
  // A channel call that the worker's lease can carry goes back to it.
  const leasable = leases !== undefined && !call.viaKernel && fastKind(call) !== undefined;
  const leased = () => leases!.fastFor(slot, call.pid, handle);
  if (leasable && leased()) {
    link.send(encodeReply({ type: 'leased', pid: call.pid, req: call.req }));
    return;
  }
  const channel = leases !== undefined && call.name.startsWith('channel_') && typeof handle === 'number';
  if (channel) leases.noteUse(slot, call.pid, handle);
  const answer = (value: unknown) => {
    // The channel may qualify for a lease now; its grant reaches the worker before this answer.
    if (channel && value !== LEASED) leases.consider(call.pid, handle);
    if (value === LEASED) link.send(encodeReply({ type: 'leased', pid: call.pid, req: call.req }));
    else if (call.name === 'region_map') link.sendShared(call.pid, call.req, value);
    else link.send(encodeReply(replyFor(call, value)));
  };
  const fail = (error: unknown) => {
    if (channel) leases.consider(call.pid, handle);
    link.send(encodeReply(errorFor(call, error)));
  };
  try {
    switch (call.op) {
      case OP.SYS:
        answer(port.sys(call.name, call.args));
        return;
      case OP.BLOCK: {
        const wait = waitFor(call.name, call.args);
        if (leasable)
          blockOrLease(port, agent, call.name, call.args, wait, call.timeoutMs, leased).then(answer, fail);
        else port.block!(call.name, call.args, wait, call.timeoutMs).then(answer, fail);
        return;
      }
      case OP.CALL:
        if (leasable) callOrLease(port, agent, call.args as never, leased).then(answer, fail);
        else port.call!(call.args as never).then(answer, fail);
        return;
      case OP.WAIT:
        port.wait(call.args as unknown as Wait, call.timeoutMs).then(() => answer(undefined), fail);
        return;
      case OP.SERVICE:
        port.service(call.name as never, call.args.payload).then(answer, fail);
        return;
      default:
        throw new KernelError('E_BAD_ARG', `Unknown call kind ${call.op}`);
    }
  } catch (error) {
    fail(error);
  }
}

function replyFor(call: Call, value: unknown): Reply {
  const v = value as { bytes?: unknown; handles?: unknown; txid?: unknown } | undefined;
  if (
    (call.name === 'channel_read' || call.name === 'channel_call_result' || call.op === OP.CALL) &&
    v?.bytes instanceof Uint8Array &&
    Array.isArray(v.handles)
  ) {
    return {
      type: 'message',
      pid: call.pid,
      req: call.req,
      txid: Number(v.txid) >>> 0,
      handles: v.handles as number[],
      bytes: v.bytes,
    };
  }
  return { type: 'value', pid: call.pid, req: call.req, value };
}

function errorFor(call: Call, error: unknown): Reply {
  if (error instanceof KernelError) {
    return { type: 'error', pid: call.pid, req: call.req, code: error.code, message: error.message };
  }
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' && e.code.startsWith('E_') ? e.code : 'E_BAD_STATE';
  return {
    type: 'error',
    pid: call.pid,
    req: call.req,
    code: code as never,
    message: String(e?.message ?? error),
  };
}
