/**
 * The checkpoint_* syscalls: an agent's saved state, kept under a key in the spawn tree and
 * loaded by its restarted successor (see checkpoint.ts).
 */
import type { SyscallDef } from './syscall-def.ts';

export const CHECKPOINT_CALLS: readonly SyscallDef[] = [
  {
    no: 70,
    name: 'checkpoint_save',
    doc: 'Save the caller’s state under its checkpoint key, replacing the previous one',
    args: { state: { type: 'json', doc: 'JSON text of the state' } },
    plane: 'data',
    run: (k, c, a) => {
      const r = k.checkpoints.save(c, a.state, k.ports.now());
      return { key: r.key, seq: r.seq };
    },
  },
  {
    no: 71,
    name: 'checkpoint_load',
    doc: 'The last state saved under the caller’s checkpoint key, or null',
    args: {},
    plane: 'data',
    run: (k, c) => k.checkpoints.load(c) ?? null,
  },
  {
    no: 72,
    name: 'checkpoint_clear',
    doc: 'Forget the caller’s checkpoint, or that of its child named `name` and all below it',
    args: { name: { type: 'string', optional: true, doc: 'Checkpoint name the caller gave a child' } },
    plane: 'control',
    run: (k, c, a) => ({ cleared: k.checkpoints.clear(c, a.name) }),
    audit: (a, r) => ({ name: a.name, cleared: r.cleared }),
  },
];
