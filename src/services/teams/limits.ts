/**
 * Every limit of multi-agent teams, in one place (the service's params.ts): how long the manager
 * waits for a role, how often it tries again, how much one team may say.
 *
 * @example
 * import { TEAM_LIMITS } from './limits.ts';
 * await callRole(role, step, TEAM_LIMITS.STEP_TIMEOUT_DEFAULT_MS);
 */
export const TEAM_LIMITS = {
  /** Characters of a goal: one request in words, not a document. */
  GOAL_MAX_CHARS: 1000,
  /** How long the manager waits for one role's step (a research, a plan, a run, a verdict) by default. */
  STEP_TIMEOUT_DEFAULT_MS: 120_000,
  /** The shortest and longest step timeout a caller may ask for. */
  STEP_TIMEOUT_MIN_MS: 1000,
  STEP_TIMEOUT_MAX_MS: 600_000,
  /** How long the roles have to start and register before the team gives up on them. */
  START_TIMEOUT_MS: 120_000,
  /** Rounds of research, plan, execution and validation: the first and one retry after a failed verdict. */
  ROUNDS_MAX: 2,
  /** Teams one caller may have running at once. */
  RUNNING_PER_CALLER_MAX: 4,
  /** Characters of one transcript line's text. */
  TEXT_MAX_CHARS: 2000,
  /** Bytes of one transcript entry's data (as JSON); more is cut and marked so. */
  DATA_MAX_BYTES: 16 * 1024,
  /** Transcript entries one team may write. */
  ENTRIES_MAX: 2000,
  /** Teams `ls` lists at most. */
  LIST_MAX: 500,
  /** How long `run --wait` and `watch` may wait for news. */
  WAIT_MAX_MS: 30_000,
  /** Facts the researcher reports at most (the largest first): its findings fit one bus value (16 KiB). */
  FACTS_MAX: 40,
  /** Memory of one role agent's isolate. */
  ROLE_MEMORY_BYTES: 64 * 1024 * 1024,
} as const;
