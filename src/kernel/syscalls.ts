/**
 * The syscall table: the single source of every call's number, name, arguments, required
 * rights and doc line, one family per file (sys-*.ts, each entry beside its handler).
 * dispatch.ts validates every argument, resolves the primary handle and checks its rights
 * before a handler runs, and records the decision in the audit chain. docs/syscalls.md and
 * `aios syscalls` are generated from this table. Numbers are ABI: never renumber a call.
 */
import { CHANNEL_CALLS } from './sys-channel.ts';
import { CHECKPOINT_CALLS } from './sys-checkpoint.ts';
import { HANDLE_CALLS } from './sys-handle.ts';
import { PROCESS_CALLS } from './sys-process.ts';
import { REGION_CALLS } from './sys-region.ts';
import { SCHED_CALLS } from './sys-sched.ts';
import { SYSTEM_CALLS } from './sys-system.ts';
import { TOKEN_CALLS } from './sys-token.ts';
import { TOOL_CALLS } from './sys-tool.ts';
import type { SyscallDef } from './syscall-def.ts';

export type { SyscallDef } from './syscall-def.ts';

export const SYSCALLS: readonly SyscallDef[] = [
  ...PROCESS_CALLS, //    1-11
  ...HANDLE_CALLS, //    20-23
  ...TOKEN_CALLS, //     24-27
  ...CHANNEL_CALLS, //   30-35
  ...REGION_CALLS, //    40-44
  ...SCHED_CALLS, //     50-51
  ...TOOL_CALLS, //      60
  ...CHECKPOINT_CALLS, // 70-72
  ...SYSTEM_CALLS, //    80-82
];
