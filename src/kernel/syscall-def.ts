/**
 * The shape of a syscall table entry, and the argument specs several entries share.
 */
import type { ArgSpec } from './args.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import type { Agent } from './process.ts';
import type { ObjectKind } from './rights.ts';

// biome-ignore lint/suspicious/noExplicitAny: arguments are validated against `args` before a handler sees them
export type Args = any;

export interface SyscallDef {
  readonly no: number;
  readonly name: string;
  readonly doc: string;
  readonly args: Record<string, ArgSpec>;
  /** The handle argument dispatch resolves, the kind it must name (any if omitted) and the rights it needs. */
  readonly handle?: { readonly arg: string; readonly kind?: ObjectKind; readonly rights: number };
  /** Data-plane calls are counted in the audit; control-plane calls are each an entry. */
  readonly plane: 'control' | 'data';
  readonly run: (k: Kernel, caller: Agent, args: Args, h: Handle) => unknown;
  /** What the audit entry of an allowed call records besides its name. */
  readonly audit?: (args: Args, result: Args) => object;
}

export const H = (doc = 'Handle the call acts on'): ArgSpec => ({ type: 'handle', doc });
export const bytes: ArgSpec = { type: 'bytes', doc: 'Message payload' };
export const sent: ArgSpec = { type: 'handles', optional: true, doc: 'Handles to move to the receiver' };

/**
 * A call that ends in E_WOULD_BLOCK is counted in the audit in a slot of its own, numbered
 * past every syscall number (so no table entry may reach it) and named after its call, so
 * polling shows apart from work done. The kernel (dispatch.ts) and the workers that count
 * leased channel traffic (runtime/fast/layout.ts) both number these slots with this.
 *
 * @example
 * wouldBlockSlot(32, 'channel_read'); // { no: 288, name: 'channel_read:would_block' }
 */
export const WOULD_BLOCK_OFFSET = 256;

export function wouldBlockSlot(no: number, name: string): { no: number; name: string } {
  return { no: no + WOULD_BLOCK_OFFSET, name: `${name}:would_block` };
}
