/**
 * Every limit of the planner, in one place (the service's params.ts). Together they bound what
 * one plan can ask of the system: how many nodes, how deep its sub-plans nest, how many times a
 * loop or a retry may run a node, and how long anything may wait.
 *
 * @example
 * import { PLAN_LIMITS } from './limits.ts';
 * if (plan.nodes.length > PLAN_LIMITS.NODES_MAX) throw new PlanError('E_TOO_BIG', '...');
 */

const KiB = 1024;
const MiB = 1024 * KiB;

export const PLAN_LIMITS = {
  /** Nodes in one plan (a sub-plan counts on its own). */
  NODES_MAX: 200,
  /** Characters of a node id: short, a path segment, usable in a `$from` reference. */
  ID_MAX_CHARS: 64,
  /** How deep sub-plans may nest inside one another. */
  DEPTH_MAX: 4,
  /** Nodes of one run running at once when the plan names no `parallel`. */
  PARALLEL_DEFAULT: 4,
  /** The most a plan may ask to run at once. */
  PARALLEL_MAX: 16,
  /** Items one `foreach` may run over, whatever its own max says. */
  FOREACH_MAX: 1000,
  /** Rounds one `repeat` may run, whatever its own max says. */
  REPEAT_MAX: 100,
  /** Retries of one node after its first attempt. */
  RETRIES_MAX: 10,
  /** First backoff before a retry when the node names none; it doubles each attempt. */
  BACKOFF_DEFAULT_MS: 200,
  /** Longest one backoff may be (the doubling stops there). */
  BACKOFF_MAX_MS: 60_000,
  /** Longest a node may run before it fails with a timeout. */
  TIMEOUT_MAX_MS: 30 * 60_000,
  /** A node's timeout when it names none. */
  TIMEOUT_DEFAULT_MS: 5 * 60_000,
  /** One plan document, as text. */
  SOURCE_MAX_BYTES: 512 * KiB,
  /** One node's output kept in its row, as JSON; a bigger one is kept in a file beside the store. */
  OUTPUT_INLINE_MAX_BYTES: 256 * KiB,
  /** One node's output, as JSON; a bigger one fails the node (keep data in files, pass paths). */
  OUTPUT_MAX_BYTES: 16 * MiB,
  /** Runs one agent may have that have not ended (running or waiting). */
  ACTIVE_RUNS_PER_AGENT: 32,
  /** Directories a plan's `roots` may name. */
  ROOTS_MAX: 16,
  /** Plans `choose` compares at once (tree of thoughts: the alternatives of one request). */
  CHOOSE_MAX: 8,
  /** Characters kept of an alternative's label and of its rationale from a model (one line each). */
  CHOOSE_LABEL_MAX_CHARS: 80,
  CHOOSE_RATIONALE_MAX_CHARS: 300,
  /**
   * Directory entries the previews of one `choose` call may walk, over all its plans and nodes
   * (one walk stops at 200,000 by itself, but eight plans of many nodes would each walk again).
   */
  CHOOSE_WALK_ENTRIES_MAX: 250_000,
  /** Longest the previews of one `choose` call may take, checked between nodes and during walks. */
  CHOOSE_TIME_MAX_MS: 30_000,
  /** Runs `ls` lists at most. */
  LIST_MAX: 500,
  /** Longest `run --wait` (and `wait`) waits before answering with the state so far (below the SDK's 60 s). */
  WAIT_MAX_MS: 50_000,
  /** Runs kept after they end (oldest ended ones go first). */
  ENDED_RUNS_KEPT: 10_000,
} as const;
