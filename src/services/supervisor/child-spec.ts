/**
 * What a supervisor supervises, in Erlang/OTP's vocabulary: a tree spec (strategy, restart
 * intensity and period) and its child specs (id, restart type, and what to start). Specs
 * arrive here resolved: files hashed into images, rights as bit sets (see spec.ts, which
 * turns a user's JSON into this).
 *
 * @example
 * const tree: TreeSpec = { name: 'web', strategy: 'one_for_all', intensity: 3, period: 5,
 *   autoShutdown: false, children: [{ id: 'db', kind: 'worker', restart: 'permanent', ... }] };
 */

/** How much restarts when one child fails. */
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one';
/** Which exits of a child restart it. */
export type RestartType = 'permanent' | 'transient' | 'temporary';

export const STRATEGIES: readonly Strategy[] = ['one_for_one', 'one_for_all', 'rest_for_one'];
export const RESTART_TYPES: readonly RestartType[] = ['permanent', 'transient', 'temporary'];

/** Defaults: at most 3 restarts in any 5 seconds, then the supervisor gives up. */
export const DEFAULT_INTENSITY = 3;
export const DEFAULT_PERIOD_S = 5;
export const DEFAULT_STRATEGY: Strategy = 'one_for_one';
export const DEFAULT_RESTART: RestartType = 'permanent';

/** Exit code of a supervisor that gave up (sysexits' EX_SOFTWARE); its parent sees `shutdown`. */
export const SHUTDOWN_EXIT_CODE = 70;

/** Handle names the supervisor gives children itself; child ids and grants may not use them. */
export const RESERVED_NAMES = ['self', 'service', 'standby', 'control', 'spawn'] as const;

export interface Image {
  ref: string;
  hash: string;
}

export interface WorkerSpec {
  id: string;
  kind: 'worker';
  restart: RestartType;
  /** Keep a warm standby that takes over when the active instance dies. */
  critical: boolean;
  image: Image;
  runtime: string;
  schedClass?: 'realtime' | 'normal' | 'batch';
  weight?: number;
  quotas?: Record<string, number>;
  /** Resource name (llm, tool, cpu, system) -> rights the child gets on it. */
  grants: Record<string, number>;
  /** Sibling workers whose service endpoint this child gets, as a handle named by their id. */
  connect: string[];
  /** Labels of the system's own services (never from a user's spec): its service name, its thread. */
  labels?: Record<string, string>;
}

export interface SupervisorSpec {
  id: string;
  kind: 'supervisor';
  restart: RestartType;
  tree: TreeSpec;
  /** As for a worker: the system's own services tree is a service itself. */
  labels?: Record<string, string>;
}

export type ChildSpec = WorkerSpec | SupervisorSpec;

export interface TreeSpec {
  name: string;
  strategy: Strategy;
  /** Most restarts allowed within `period` seconds; one more and the supervisor gives up. */
  intensity: number;
  period: number;
  /** Exit normally once no child is left running and none will restart. */
  autoShutdown: boolean;
  children: ChildSpec[];
}

/** How a child ended, as its restart type sees it. */
export type ExitKind = 'normal' | 'shutdown' | 'abnormal';

export interface ExitLike {
  code: number;
  reason: string;
  message?: string;
}

/**
 * normal: returned or exited with code 0. shutdown: a child supervisor gave up (or was told to
 * stop). abnormal: anything else (threw, crashed, killed, hit a limit).
 */
export function exitKind(child: ChildSpec, exit: ExitLike): ExitKind {
  if (exit.reason === 'normal' && exit.code === 0) return 'normal';
  if (child.kind === 'supervisor' && exit.code === SHUTDOWN_EXIT_CODE) return 'shutdown';
  return 'abnormal';
}

/** permanent: always; transient: only after an abnormal exit; temporary: never. */
export function restartWanted(type: RestartType, kind: ExitKind): boolean {
  if (type === 'permanent') return true;
  if (type === 'temporary') return false;
  return kind === 'abnormal';
}
