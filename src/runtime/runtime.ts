/**
 * What every runtime tier implements for the agent host (isolate and wasm on the worker pool,
 * process, builtin), and how an error a runtime or an agent throws becomes an exit status.
 *
 * @example
 * host.register(new ProcessRuntime()); // a Runtime
 * runtime.run(agent, port).catch((e) => host.exited(pid, exitFromError(e)));
 */
import type { Agent, ExitStatus, RuntimeTier } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';

export interface Runtime {
  readonly tier: RuntimeTier;
  /** Runs the agent's code to completion; resolves with its JSON result text or rejects. */
  run(agent: Agent, port: AgentPort): Promise<string | undefined>;
  /** Stops an agent's code at once (the kill switch). */
  stop(pid: number): void;
  /** Pauses an agent's code (suspend) and lets it continue (resume), where the runtime can. */
  suspend?(pid: number): void;
  resume?(pid: number): void;
  /** Releases the runtime's threads or processes (the system is shutting down). */
  close?(): Promise<void>;
}

/** Exit status for an error thrown by an agent or by its runtime. */
export function exitFromError(error: unknown): ExitStatus {
  const e = error as { code?: string; message?: string; reason?: ExitStatus['reason']; exitCode?: number };
  if (e && typeof e.reason === 'string')
    return { code: e.exitCode ?? 1, reason: e.reason, message: e.message };
  if (e && typeof e.code === 'string' && e.code.startsWith('E_')) {
    return { code: 1, reason: 'denied', message: `${e.code}: ${e.message}` };
  }
  return { code: 1, reason: 'error', message: e?.message ?? String(error) };
}
