/**
 * The states a run and a node go through, in one place for the declaration (ops.ts, loaded
 * without the engine) and the store.
 *
 * run:  running -> waiting (a person decides) -> running -> done | failed | rejected | cancelled
 * node: pending -> running -> done | failed | skipped | waiting | unknown (effect unknown) -> compensated | cancelled
 */
export const RUN_STATES = ['running', 'waiting', 'done', 'failed', 'rejected', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const ENDED: readonly RunState[] = ['done', 'failed', 'rejected', 'cancelled'];

export const NODE_STATES = [
  'pending',
  'running',
  'done',
  'failed',
  'skipped',
  'waiting',
  'unknown',
  'compensated',
  'cancelled',
] as const;
export type NodeState = (typeof NODE_STATES)[number];
