/**
 * What the worker and an isolate agent agree on: the spec an agent is started from, how its
 * calls are forwarded, and how the end of its run is told: a result, or the one true cause
 * of its stop (a limit, a kill, hibernation, or its own error).
 *
 * @example
 * return failureOf(error, spec, { reason: 'cpu_limit', message, wait: undefined, disposed: false });
 */
import type { PooledTier } from '../../kernel/runtimes.ts';
import type { Op } from '../wire.ts';

export interface AgentSpec {
  pid: number;
  tier: PooledTier;
  /** The module of a WebAssembly agent. */
  wasm?: Uint8Array;
  /** Named start handles: self and each grant. */
  handles: Record<string, number>;
  memoryMb: number;
  /** Longest the agent may compute without giving the CPU back. */
  cpuMs: number;
  /** The agent's bundle (its compiled code is cached by the bundle's SHA-256). */
  code: string;
  file: string;
  /** Agents with the same key may run in one isolate, one after the other (see recycle). */
  reuseKey?: string;
}

export type Outcome =
  | { ok: true; result: string | undefined }
  | {
      ok: false;
      reason: 'error' | 'memory_limit' | 'cpu_limit' | 'crashed' | 'denied' | 'killed';
      message: string;
      /** The exit code the agent chose (a wasm module's WASI proc_exit); 1 when it chose none. */
      exitCode?: number;
    }
  | { ok: false; reason: 'hibernate'; wait: unknown };

export type StopReason = 'cpu_limit' | 'memory_limit' | 'killed' | 'hibernate';

export type Forward = (
  op: Op,
  name: string,
  args: unknown,
  timeoutMs?: number,
  via?: 'kernel',
) => Promise<unknown>;

/** How a run was stopped from outside, if it was, as the agent knows it. */
export interface Stopped {
  reason: StopReason | undefined;
  message: string;
  /** What a hibernating agent waits on. */
  wait: unknown;
  /** isolated-vm disposed the isolate by itself. */
  disposed: boolean;
}

export function memoryLimit(spec: Pick<AgentSpec, 'memoryMb'>): Outcome {
  return { ok: false, reason: 'memory_limit', message: `exceeded its ${spec.memoryMb} MB memory limit` };
}

/** How the agent's code ended, as its boot code in the isolate reports it. */
export interface Ended {
  ok: boolean;
  result?: string;
  code?: string;
  message?: string;
  hibernate?: unknown;
  /** A wasm module failed with its memory grown to what its quota allows (wasm-boot.ts). */
  memoryFull?: boolean;
  /** The exit code the agent chose (a wasm module's WASI proc_exit). */
  exitCode?: number;
}

/** The outcome of code that ended by itself (not hibernating): a result, or why it failed. */
export function endedOf(ended: Ended, spec: Pick<AgentSpec, 'memoryMb'>): Outcome {
  if (ended.ok) return { ok: true, result: ended.result };
  // V8's words when the isolate's allocator refuses a buffer: that is its memory limit.
  if (ended.message === 'Array buffer allocation failed') return memoryLimit(spec);
  if (ended.memoryFull) {
    const message = `exceeded its ${spec.memoryMb} MB memory limit: its memory could grow no further (${ended.message})`;
    return { ok: false, reason: 'memory_limit', message };
  }
  const denied = ended.code?.startsWith('E_') === true;
  return {
    ok: false,
    reason: denied ? 'denied' : 'error',
    message: denied ? `${ended.code}: ${ended.message}` : (ended.message ?? 'failed'),
    exitCode: ended.exitCode,
  };
}

/** The outcome of a run that threw: the stop's own cause first, then what the error says. */
export function failureOf(
  error: unknown,
  spec: Pick<AgentSpec, 'memoryMb' | 'cpuMs'>,
  stop: Stopped,
): Outcome {
  const message = (error as Error)?.message ?? String(error);
  // isolated-vm found the heap past its limit after a full collection: that verdict is exact,
  // and wins over a stop at the CPU limit the watchdog made while those collections ran.
  if (/due to memory limit/.test(message) && stop.reason !== 'killed') return memoryLimit(spec);
  if (stop.reason === 'cpu_limit') return { ok: false, reason: 'cpu_limit', message: stop.message };
  if (stop.reason === 'killed') return { ok: false, reason: 'killed', message: 'stopped' };
  if (stop.reason === 'hibernate') return { ok: false, reason: 'hibernate', wait: stop.wait };
  // isolated-vm disposes an isolate by itself only when it goes past its memory limit (an
  // answer copied in, say), and then reports only that the run's promise was abandoned.
  if (stop.reason === 'memory_limit' || /memory limit/i.test(message) || stop.disposed) {
    return memoryLimit(spec);
  }
  if (/Script execution timed out/i.test(message)) {
    return {
      ok: false,
      reason: 'cpu_limit',
      message: `ran ${spec.cpuMs} ms without yielding; its limit is ${spec.cpuMs} ms`,
    };
  }
  return { ok: false, reason: 'error', message };
}
