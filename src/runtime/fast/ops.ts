/**
 * Which calls a lease can carry: plain channel traffic without handles. Everything else
 * (messages that carry handles, raw channel_call / channel_call_result, waits, any other
 * syscall) always goes through the kernel. The worker and the kernel thread decide with this
 * same function.
 */
import { type Call, OP } from '../wire.ts';

export type FastKind = 'write' | 'read' | 'call' | 'reply';

export function fastKind(call: Pick<Call, 'op' | 'name' | 'args'>): FastKind | undefined {
  const a = call.args as { handle?: unknown; bytes?: unknown; handles?: unknown; txid?: unknown };
  if (typeof a.handle !== 'number') return undefined;
  const plain =
    a.bytes instanceof Uint8Array &&
    (a.handles === undefined || (Array.isArray(a.handles) && a.handles.length === 0));
  switch (call.name) {
    case 'channel_write':
      return plain && (call.op === OP.SYS || call.op === OP.BLOCK) ? 'write' : undefined;
    case 'channel_read':
      return call.op === OP.SYS || call.op === OP.BLOCK ? 'read' : undefined;
    case 'channel_call':
      return plain && call.op === OP.CALL ? 'call' : undefined;
    case 'channel_reply':
      return plain && call.op === OP.SYS && typeof a.txid === 'number' ? 'reply' : undefined;
    default:
      return undefined;
  }
}
