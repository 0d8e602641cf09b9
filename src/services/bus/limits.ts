/**
 * Every limit of the context bus, in one place (the service's params.ts). Together they bound
 * what one context can hold on disk and what one answer can carry: a context's backlog is at
 * most BACKLOG_MAX events and BACKLOG_MAX_BYTES of data, its state at most KEYS_MAX values.
 *
 * @example
 * import { BUS_LIMITS } from './limits.ts';
 * if (bytes > BUS_LIMITS.VALUE_MAX_BYTES) throw new BusError('E_TOO_BIG', '...');
 */

const KiB = 1024;
const MiB = 1024 * KiB;

export const BUS_LIMITS = {
  /** Context names: short, printable, usable as a path segment. */
  NAME_MAX_CHARS: 128,
  /** State keys. */
  KEY_MAX_CHARS: 256,
  /** Event types ('task.done', 'plan.step'). */
  TYPE_MAX_CHARS: 64,
  /** Agent names in grants (the vouched names the service knows callers by). */
  AGENT_MAX_CHARS: 256,
  /** One state value, as JSON: shared state is facts and small records, not documents. */
  VALUE_MAX_BYTES: 16 * KiB,
  /** One event's data, as JSON. */
  EVENT_MAX_BYTES: 16 * KiB,
  /** Keys in one context's state (so reading all of it fits one answer). */
  KEYS_MAX: 1024,
  /** Events a new context keeps when its creator names no backlog. */
  BACKLOG_DEFAULT: 1000,
  /** The most events a context may keep; older ones are dropped and readers told how many. */
  BACKLOG_MAX: 10_000,
  /** The most event data a context keeps, whatever its backlog: the oldest go first beyond it. */
  BACKLOG_MAX_BYTES: 16 * MiB,
  /** Events one read returns when the reader names no limit. */
  READ_LIMIT_DEFAULT: 100,
  /** The most events one read returns (at most 16 MiB with the largest events). */
  READ_LIMIT_MAX: 1000,
  /**
   * Longest a read waits for the next event. Below the SDK's call timeout (60 s), so a waiting
   * reader always gets an answer, empty at worst, and simply reads again.
   */
  WAIT_MAX_MS: 30_000,
  /** Contexts one agent may own. */
  CONTEXTS_PER_AGENT: 32,
  /** Readers waiting on one context at once; one more is told to come back. */
  SUBSCRIBERS_PER_CONTEXT: 64,
  /** Agents one context may be shared with. */
  GRANTS_PER_CONTEXT: 256,
} as const;
