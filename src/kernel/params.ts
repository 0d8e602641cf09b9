/**
 * Every limit the kernel enforces, in one place (xv6's param.h).
 *
 * @example
 * import { PARAMS } from './params.ts';
 * if (bytes.length > PARAMS.MSG_MAX_PAYLOAD) throw new KernelError('E_TOO_BIG', '...');
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
  LLM_TOKENS_PER_MIN_DEFAULT: 100_000,
  HANDLES_PER_AGENT_MAX: 4096,
  CHILDREN_PER_AGENT_DEFAULT: 256,
  AGENTS_MAX: 200_000,

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

  /** Largest agent checkpoint, in characters of the JSON text of its saved state. */
  CHECKPOINT_MAX_CHARS: 512 * KiB,

  /** Request/reply default timeout. */
  CALL_TIMEOUT_DEFAULT_MS: 5_000,

  /** Audit: a signed checkpoint after this many entries; records kept before sealing. */
  AUDIT_CHECKPOINT_EVERY: 1000,
  AUDIT_PENDING_MAX: 4096,

  /** Capability tokens: longest lifetime that can be minted (30 days). */
  TOKEN_TTL_MAX_MS: 30 * 24 * 3600 * 1000,
  TOKEN_TTL_DEFAULT_MS: 24 * 3600 * 1000,
} as const;

/** Largest payload when a message carries no handles. */
export const MSG_MAX_PAYLOAD = PARAMS.MSG_MAX_BYTES - PARAMS.MSG_HEADER_BYTES;
