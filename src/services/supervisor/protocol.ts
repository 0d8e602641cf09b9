/**
 * The control protocol of a supervisor agent: JSON requests on its `control` channel, each
 * answered with a reply ({ ok: true, ... } or { ok: false, error }). The system (init) talks
 * to the root supervisor this way, and every supervisor to its child supervisors.
 */
import type { ChildSpec, RestartType, Strategy, TreeSpec } from './child-spec.ts';
import type { SupervisorErrorValue } from './errors.ts';

export type ControlRequest =
  /** First message a supervisor reads: its tree. With persist, it keeps dynamic children in its checkpoint. */
  | { op: 'init'; spec: TreeSpec; persist?: boolean }
  | { op: 'status' }
  | { op: 'start_child'; child: ChildSpec }
  /** Stops a child (children in reverse order, for a tree), removes it and forgets its checkpoints. */
  | { op: 'stop_child'; id: string }
  /** A handle to the service endpoint of the worker at `path` (ids from this supervisor down). */
  | { op: 'connect'; path: string[] }
  /** Stop every child, last first, and exit. */
  | { op: 'shutdown' };

export type ControlReply<T = object> = ({ ok: true } & T) | { ok: false; error: SupervisorErrorValue };

export interface ExitSummary {
  code: number;
  reason: string;
  message?: string;
}

export type ChildState = 'running' | 'stopped' | 'failed';

export interface ChildStatus {
  id: string;
  kind: 'worker' | 'supervisor';
  restart: RestartType;
  state: ChildState;
  pid: number | null;
  /** Pid of the warm standby of a critical worker. */
  standbyPid: number | null;
  restarts: number;
  lastExit: ExitSummary | null;
  /** For supervisors: their strategy, limits and children. */
  strategy?: Strategy;
  intensity?: number;
  period?: number;
  children?: ChildStatus[];
}

/** Where a supervisor stands: its own settings and its children's status. */
export interface TreeStatus {
  name: string;
  pid: number;
  strategy: Strategy;
  intensity: number;
  period: number;
  children: ChildStatus[];
}
