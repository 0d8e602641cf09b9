/**
 * Which calls a lease can carry: plain channel traffic without handles, with arguments the
 * kernel's own validators accept (so a malformed call still gets the kernel's E_BAD_ARG).
 * Everything else (messages that carry handles, raw channel_call / channel_call_result, waits,
 * any other syscall) always goes through the kernel. The worker and the kernel thread decide
 * with this same function.
 */
import { compileArgs, SYSCALLS } from '../../kernel/index.ts';
import { type Call, OP } from '../wire.ts';

export type FastKind = 'write' | 'read' | 'call' | 'reply';

const KINDS: Record<string, { kind: FastKind; ops: readonly number[] }> = {
  channel_write: { kind: 'write', ops: [OP.SYS, OP.BLOCK] },
  channel_read: { kind: 'read', ops: [OP.SYS, OP.BLOCK] },
  channel_call: { kind: 'call', ops: [OP.CALL] },
  channel_reply: { kind: 'reply', ops: [OP.SYS] },
};

const VALID = new Map(
  Object.keys(KINDS).map((name) => [name, compileArgs(SYSCALLS.find((d) => d.name === name)!.args)]),
);

export function fastKind(call: Pick<Call, 'op' | 'name' | 'args'>): FastKind | undefined {
  const k = KINDS[call.name];
  if (k === undefined || !k.ops.includes(call.op)) return undefined;
  const handles = call.args.handles as unknown[] | undefined;
  if (handles !== undefined && (!Array.isArray(handles) || handles.length > 0)) return undefined;
  return VALID.get(call.name)!(call.args) === undefined ? k.kind : undefined;
}
