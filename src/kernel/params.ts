/**
 * Every limit the kernel enforces, in one place (xv6's param.h).
 *
 * @example
 * import { PARAMS } from './params.ts';
 * if (bytes.length > PARAMS.MSG_MAX_BYTES) throw new KernelError('E_TOO_BIG', '...');
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const PARAMS = {
  /** Largest IPC message, header and handle slots included: 64 KiB. */
  MSG_MAX_BYTES: 64 * KiB,
  /** Fixed header of every message on the wire: txid, flags, lengths. */
  MSG_HEADER_BYTES: 16,
  /** Each transferred handle takes a 4-byte slot in the message. */
  MSG_HANDLE_SLOT_BYTES: 4,
  MSG_MAX_HANDLES: 64,

  /** Default and ceiling of the per-agent quotas. */
  MEM_QUOTA_DEFAULT: 64 * MiB,
  MEM_QUOTA_MAX: 1 * GiB,
  /** Also the longest an isolate may compute without yielding before it is stopped (cpu_limit). */
  CPU_MS_PER_EPOCH_DEFAULT: 200,
  IPC_QUEUE_DEPTH_DEFAULT: 1024,
  IPC_QUEUE_DEPTH_MAX: 65_536,
  /**
   * An endpoint's queue drops the messages already read from its front once more than this
   * many have piled up there and they are over half of it (reads stay O(1), memory bounded).
   */
  IPC_QUEUE_COMPACT_AFTER: 1024,
  LLM_TOKENS_PER_MIN_DEFAULT: 100_000,
  /** The window the LLM token quota counts over: a minute, restarted by the first request after it. */
  LLM_QUOTA_WINDOW_MS: 60_000,
  /**
   * The LLM resource's slots before anything is known of the provider. Only a starting point:
   * the host learns each provider's concurrency and token rate from what it answers (429s,
   * Retry-After, x-ratelimit-* headers, latency) and resizes the resource (docs/llm.md).
   */
  LLM_SLOTS_START: 4,
  /** Most LLM requests the learnt concurrency may reach, per provider and model. */
  LLM_SLOTS_MAX: 256,
  /**
   * Rate-limited (429) attempts of one request before it gives up on that model: 429 is
   * back-pressure, waited out (Retry-After) within the request's deadline, not a failure.
   */
  LLM_RATE_LIMIT_RETRIES: 100,
  /**
   * Latency (ms per generated token) this many times the best seen means the provider is
   * past its best concurrency (a local server that slows down instead of refusing).
   */
  LLM_LATENCY_TOLERANCE: 2,
  HANDLES_PER_AGENT_MAX: 4096,
  /** Default of the children quota: live agents below an agent, grandchildren included. */
  CHILDREN_PER_AGENT_DEFAULT: 256,
  /** Agents alive at once, system-wide (a kernel option may lower it). */
  AGENTS_LIVE_MAX: 16_384,
  /** Agents in the process table, ended ones kept for ps and wait included. */
  AGENTS_MAX: 200_000,
  /** Ended agents kept in the table for ps and wait before the oldest are forgotten. */
  AGENTS_ENDED_KEPT: 10_000,

  /** Memory regions are accounted in whole pages. */
  PAGE_BYTES: 4 * KiB,

  /**
   * WebAssembly agents: what each table entry and global is charged against the memory quota
   * (V8 keeps an entry in the heap and in a dispatch table, and a growing table is copied), and
   * the share of the quota left after start that tables may grow into (one eighth).
   */
  WASM_TABLE_ENTRY_BYTES: 32,
  WASM_GLOBAL_BYTES: 16,
  WASM_TABLE_SHARE: 8,

  /** Scheduler: epoch length, weight range, aging thresholds. */
  EPOCH_MS: 100,
  WEIGHT_MIN: 1,
  WEIGHT_MAX: 1000,
  /** A normal request waiting this long is treated as realtime with deadline = now. */
  AGING_NORMAL_MS: 2_000,
  /** A batch request waiting this long joins the normal class. */
  AGING_BATCH_MS: 5_000,
  /** A running preemptible request is not preempted before it has run this long. */
  PREEMPT_MIN_RUN_MS: 10,
  /** A fair-share lane sweeps out requests that left it once every this many pushes. */
  SCHED_LANE_SWEEP_EVERY: 4096,

  /** Largest agent checkpoint, in characters of the JSON text of its saved state. */
  CHECKPOINT_MAX_CHARS: 512 * KiB,

  /** Request/reply default timeout. */
  CALL_TIMEOUT_DEFAULT_MS: 5_000,

  /** Audit: a seal (a signed entry) after this many entries; records queued before a flush. */
  AUDIT_SEAL_EVERY: 1000,
  AUDIT_PENDING_MAX: 4096,
  /**
   * While entries wait after the last seal, the host signs one at most this often (and
   * at a clean shutdown): until then whoever can write aios.db could rewrite them unnoticed.
   */
  AUDIT_SEAL_MS: 1000,

  /** Most entries a process-tier agent's folder may hold (each is checked for links leading out). */
  PROCESS_FOLDER_ENTRIES_MAX: 200_000,

  /** os.log: per agent, at most this many lines and bytes per window; the rest is dropped and counted. */
  AGENT_LOG_WINDOW_MS: 1_000,
  AGENT_LOG_LINES_PER_WINDOW: 200,
  AGENT_LOG_BYTES_PER_WINDOW: 256 * KiB,
  /** A longer log line is cut here. */
  AGENT_LOG_LINE_MAX_CHARS: 8 * KiB,
  /** aios.log is rotated (aios.log.1, .2, …) past this size; this many old files are kept. */
  LOG_FILE_MAX_BYTES: 16 * MiB,
  LOG_FILES_KEPT: 5,

  /** Syscall arguments: longest string (names, paths, scopes), and longest encoded token. */
  ARG_STRING_MAX_CHARS: 4096,
  /** An ML-DSA-65 signature is 3309 bytes, so an encoded token is about 4.6 KB. */
  ARG_TOKEN_MAX_CHARS: 8192,

  /** Capability tokens: longest lifetime that can be minted (30 days). */
  TOKEN_TTL_MAX_MS: 30 * 24 * 3600 * 1000,
  TOKEN_TTL_DEFAULT_MS: 24 * 3600 * 1000,
} as const;

/** The pid of init, the first agent: the owner's, holding the system handle with every right. */
export const INIT_PID = 1;

/** The exit code of an agent that was killed (as a shell reports a process ended by SIGKILL: 128 + 9). */
export const EXIT_KILLED = 137;
/** The exit code of an agent ended by the system shutting down (128 + SIGTERM's 15). */
export const EXIT_SHUTDOWN = 143;
