/**
 * The kernel's public surface: the only module code outside src/kernel imports (a test
 * checks it). Agents' requests enter through one door, the syscall table (`kernel.syscall`);
 * what the kernel decides comes out on one event stream (`kernel.events`); the layers that
 * host agents and keep the store act on the host plane (`host`), which boot hands to them
 * alone. The kernel's machinery (process table, handle tables, channels, scheduler, audit
 * chain) stays inside.
 *
 * @example
 * const { kernel, host } = createKernel(ports);
 * const { systemHandle } = host.boot();
 * kernel.events.on('lifecycle', (change, agent) => log(change, agent.pid));
 * kernel.syscall(INIT_PID, 'system_info', { handle: systemHandle });
 */
import type { KernelEvents } from './events.ts';
import { HostPlane } from './host-plane.ts';
import { Kernel as KernelCore, type KernelOptions } from './kernel.ts';
import type { KernelPorts } from './ports.ts';

/** The door: syscalls in, events out. */
export interface Kernel {
  /**
   * Runs syscall `name` (or its number) for agent `pid`: validates the arguments, checks the
   * handle's rights, runs it and records the decision. Returns the result or throws a
   * KernelError.
   */
  syscall(pid: number, name: string | number, args?: Record<string, unknown>): unknown;
  /** Everything the kernel tells the layers above it. */
  readonly events: Pick<KernelEvents, 'on'>;
}

/** A kernel, and the host plane its hosts use (see host-plane.ts). */
export function createKernel(
  ports: KernelPorts,
  options: KernelOptions = {},
): { kernel: Kernel; host: HostPlane } {
  const core = new KernelCore(ports, options);
  return { kernel: core, host: new HostPlane(core) };
}

export { compileArgs } from './args.ts';
export type { AuditHead, AuditKind, AuditLevel } from './audit.ts';
export { GENESIS_HASH } from './audit.ts';
export { type VerifyReport, verifyJournal } from './audit-verify.ts';
export type { CheckpointRecord } from './checkpoint.ts';
export { base64urlDecode, base64urlEncode, utf8 } from './encoding.ts';
export { ERROR_CODES, ERROR_NUMBERS, type ErrorCode, KernelError } from './errors.ts';
export type { KernelEventMap, KernelEventName, KernelListener, LifecycleChange } from './events.ts';
export { HostPlane, type HostScheduler, type Session } from './host-plane.ts';
export type { IpcSignal } from './ipc.ts';
export { DEFAULT_RESOURCES, type KernelOptions, type KernelRestore } from './kernel.ts';
export type { Endpoint, EndpointLease, Handle, KObject, Message, PendingCall } from './objects.ts';
export { EXIT_KILLED, EXIT_SHUTDOWN, INIT_PID, PARAMS } from './params.ts';
export type { KernelPorts } from './ports.ts';
export {
  type Agent,
  type AgentState,
  type ExitStatus,
  type ImageRef,
  isAlive,
  type Quotas,
  type SchedClass,
  SERVICE_LABEL,
} from './process.ts';
export * from './rights.ts';
export * from './risk.ts';
export * from './runtimes.ts';
export { FairPolicy } from './sched/fair.ts';
export { FifoPolicy } from './sched/fifo.ts';
export type { ResourceSpec, ResourceView, SchedEvent } from './sched/scheduler.ts';
export type { PolicyFactory } from './sched/types.ts';
export * from './scope.ts';
export { type AgentInfo, agentInfo } from './sys-process.ts';
export type { SystemInfo } from './sys-system.ts';
export type { TokenInfo } from './sys-token.ts';
export { syscallMarkdown, syscallTable } from './syscall-doc.ts';
export * from './syscall-numbers.ts';
export { SYSCALLS, type SyscallDef } from './syscalls.ts';
export type { TokenRecord } from './tokens.ts';
