/**
 * What the SDK needs from the runtime that hosts an agent. Every runtime (built-in, V8
 * isolate, WebAssembly, child process) implements this port; the SDK on top is the same.
 */

/** Something an agent can wait for. */
export type Wait =
  | { kind: 'readable'; handle: number }
  | { kind: 'writable'; handle: number }
  | { kind: 'reply'; handle: number; txid: number }
  | { kind: 'exit'; handle: number }
  | { kind: 'sleep'; ms: number };

/** Host services beyond plain syscalls. */
export type ServiceName = 'log' | 'llm' | 'tool' | 'image' | 'hibernate' | 'yield' | 'cpu' | 'connect';

export interface AgentPort {
  readonly pid: number;
  /** Named handles the agent starts with (`self`, and whatever was granted). */
  readonly handles: Readonly<Record<string, number>>;
  /** Runs a syscall; throws an object with `code` and `message` on a kernel error. */
  sys(name: string, args: Record<string, unknown>): unknown | Promise<unknown>;
  /** Resolves once the awaited condition may hold (callers re-check), or after timeoutMs. */
  wait(wait: Wait, timeoutMs?: number): Promise<void>;
  service(name: ServiceName, payload: unknown): Promise<unknown>;
  /**
   * Optional: runs a syscall, waiting for `wait` and retrying while it answers E_WOULD_BLOCK,
   * all on the kernel's side (one round trip for a runtime in another thread); E_TIMED_OUT
   * after timeoutMs. Without it the SDK loops over sys and wait itself.
   */
  block?(name: string, args: Record<string, unknown>, wait: Wait, timeoutMs?: number): Promise<unknown>;
  /**
   * Optional: channel_call and then its channel_call_result, both blocking, as one request
   * (one round trip for a runtime in another thread). Resolves with the reply message.
   */
  call?(args: {
    handle: number;
    bytes: Uint8Array;
    handles?: number[];
    timeoutMs?: number;
  }): Promise<unknown>;
}
