/**
 * Syscall numbers by name. Generated from the syscall table (src/kernel/syscalls.ts) by
 * `npm run docs` (node scripts/gen-syscall-numbers.ts); do not edit by hand.
 */
export const SYSCALL_NO = {
  process_spawn: 1,
  process_kill: 2,
  process_suspend: 3,
  process_resume: 4,
  process_wait: 5,
  process_info: 6,
  process_list: 7,
  process_clone: 8,
  process_upgrade: 9,
  process_exit: 10,
  process_handle: 11,
  handle_duplicate: 20,
  handle_close: 21,
  handle_revoke: 22,
  handle_info: 23,
  token_mint: 24,
  token_revoke: 25,
  token_redeem: 26,
  token_list: 27,
  channel_create: 30,
  channel_write: 31,
  channel_read: 32,
  channel_call: 33,
  channel_call_result: 34,
  channel_reply: 35,
  region_alloc: 40,
  region_read: 41,
  region_write: 42,
  region_map: 43,
  region_free: 44,
  sched_submit: 50,
  sched_cancel: 51,
  tool_invoke: 60,
  checkpoint_save: 70,
  checkpoint_load: 71,
  checkpoint_clear: 72,
} as const;

export type SyscallName = keyof typeof SYSCALL_NO;
