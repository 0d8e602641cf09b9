/**
 * A supervised child as its supervisor tracks it: the spec, the current incarnation (pid and
 * agent handle), the standby of a critical worker, the endpoint that outlives incarnations,
 * and restart bookkeeping; with the operations on one child that need no view of its siblings.
 */
import type { Os } from '../../sdk/os.ts';
import type { ChildSpec } from './child-spec.ts';
import { SupervisorError } from './errors.ts';
import type { ChildState, ChildStatus, ExitSummary } from './protocol.ts';

/** How long a child supervisor may take to start its tree, to stop it, or to answer. */
export const CHILD_SUPERVISOR_TIMEOUT_MS = 10_000;

export interface Child {
  spec: ChildSpec;
  /** Added by start_child rather than the tree spec: removed once it ends for good. */
  dynamic: boolean;
  state: ChildState;
  /** The running incarnation, or 0. */
  pid: number;
  handle: number;
  restarts: number;
  lastExit: ExitSummary | null;
  /** Workers: both ends of the endpoint that outlives incarnations (0 for supervisors). */
  server: number;
  client: number;
  standby: { pid: number; handle: number; promote: number } | undefined;
  /** Child supervisors: our end of their control channel. */
  control: number;
}

export async function newChild(os: Os, spec: ChildSpec, dynamic: boolean): Promise<Child> {
  const child: Child = {
    spec,
    dynamic,
    state: 'stopped',
    pid: 0,
    handle: 0,
    restarts: 0,
    lastExit: null,
    server: 0,
    client: 0,
    standby: undefined,
    control: 0,
  };
  if (spec.kind === 'worker') [child.server, child.client] = await os.ipc.channel();
  return child;
}

/** Sends a control request to a child supervisor; its error reply is thrown as a SupervisorError. */
export async function askChild(os: Os, child: Child, request: object) {
  const reply = await os.ipc.call(child.control, request, { timeoutMs: CHILD_SUPERVISOR_TIMEOUT_MS });
  const body = reply.json<{ ok: boolean; error?: { code: never; message: string } }>();
  if (!body.ok) throw SupervisorError.from(body.error!);
  return reply;
}

/**
 * Stops a child's incarnation: a child supervisor is first asked to stop its own children
 * (last first), then the kernel's kill. With keepStandby, a critical worker's standby stays
 * ready for the restart. The exit that follows is not treated as a failure (pid is cleared first).
 */
export async function terminate(os: Os, child: Child, keepStandby = false): Promise<void> {
  const { pid, handle } = child;
  child.pid = 0;
  child.handle = 0;
  child.state = 'stopped';
  if (pid !== 0 && child.spec.kind === 'supervisor') {
    await askChild(os, child, { op: 'shutdown' }).catch(() => undefined);
    await os.wait(handle, CHILD_SUPERVISOR_TIMEOUT_MS).catch(() => undefined);
  }
  if (pid !== 0) await os.kill(handle).catch(() => undefined);
  if (child.control !== 0) {
    await os.handle.close(child.control);
    child.control = 0;
  }
  if (!keepStandby && child.standby) await stopStandby(os, child);
}

export async function stopStandby(os: Os, child: Child): Promise<void> {
  const standby = child.standby!;
  child.standby = undefined;
  await os.kill(standby.handle).catch(() => undefined);
  await os.handle.close(standby.promote);
}

export function childStatus(c: Child): ChildStatus {
  const status: ChildStatus = {
    id: c.spec.id,
    kind: c.spec.kind,
    restart: c.spec.restart,
    state: c.state,
    pid: c.pid || null,
    standbyPid: c.standby?.pid ?? null,
    restarts: c.restarts,
    lastExit: c.lastExit,
  };
  if (c.spec.kind === 'supervisor') {
    const { strategy, intensity, period } = c.spec.tree;
    Object.assign(status, { strategy, intensity, period, children: [] });
  }
  return status;
}
