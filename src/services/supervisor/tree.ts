/**
 * A supervisor: one agent watching an ordered list of children and restarting them by its
 * strategy, restart types and restart intensity (see child-spec.ts, strategy.ts,
 * intensity.ts). It reaches the kernel only through its `os` object.
 *
 * Everything that changes its state (a child's exit, a control request) runs one at a time
 * through a mailbox, like an Erlang process's. Children start in order and stop in reverse
 * order. When restarts exceed the intensity, it stops every child and exits with
 * SHUTDOWN_EXIT_CODE and a reached_max_restart_intensity result: its own supervisor sees that
 * and decides, and at the top the system logs it.
 *
 * @example
 * export default async function (os) { await new Supervisor(os).run(); } // agent.ts
 */
import type { Os } from '../../sdk/os.ts';
import { askChild, type Child, childStatus, newChild, stopStandby, terminate } from './child.ts';
import {
  type ChildSpec,
  type ExitLike,
  exitKind,
  type Image,
  restartWanted,
  SHUTDOWN_EXIT_CODE,
  type TreeSpec,
} from './child-spec.ts';
import { SupervisorError } from './errors.ts';
import { RestartIntensity } from './intensity.ts';
import type { ChildState, ChildStatus, ExitSummary, TreeStatus } from './protocol.ts';
import { CLIENT_RIGHTS, promote, type SpawnContext, spawnSupervisor, spawnWorker } from './spawn.ts';
import { plan } from './strategy.ts';

/** What a persisting supervisor keeps in its checkpoint: its dynamic children. */
interface Saved {
  children: { spec: ChildSpec; state: ChildState; lastExit: ExitSummary | null }[];
}

export class Supervisor {
  readonly #os: Os;
  #spec!: TreeSpec;
  #intensity!: RestartIntensity;
  #persist = false;
  #image!: Image;
  readonly #held: Record<string, number> = {};
  readonly #children = new Map<string, Child>();
  /** Agent handle of every incarnation still watched, by pid. */
  readonly #watched = new Map<number, number>();
  #mailbox: Promise<unknown> = Promise.resolve();
  #exiting = false;
  readonly #done = Promise.withResolvers<void>();

  constructor(os: Os) {
    this.#os = os;
    this.#done.promise.catch(() => undefined); // a crash is reported through `done`, never unhandled
  }

  get exiting(): boolean {
    return this.#exiting;
  }

  /** Resolves when the supervisor has exited; rejects on an unexpected error (a crash). */
  get done(): Promise<void> {
    return this.#done.promise;
  }

  /** Runs `fn` after everything queued before it; nothing runs once the supervisor exits. */
  enqueue<T>(fn: () => Promise<T> | T): Promise<T | undefined> {
    const run = this.#mailbox.then(() => (this.#exiting ? undefined : fn()));
    this.#mailbox = run.catch(() => undefined);
    return run;
  }

  /** An unexpected error: crash, so that our own supervisor restarts us (let it crash). */
  fail(error: unknown): void {
    if (this.#exiting) return;
    this.#exiting = true;
    this.#done.reject(error);
  }

  async exit(code: number, message: string, result?: unknown): Promise<void> {
    if (this.#exiting) return;
    this.#exiting = true;
    try {
      await this.#os.exit(code, result, message);
    } catch {
      // already ended (killed, or the system is stopping)
    }
    this.#done.resolve();
  }

  /** Takes the tree and starts its children in order. */
  async init(spec: TreeSpec, persist: boolean): Promise<TreeStatus> {
    const os = this.#os;
    this.#spec = spec;
    this.#persist = persist;
    this.#intensity = new RestartIntensity(spec.intensity, spec.period);
    this.#image = ((await os.info(os.handles.self)) as { image: Image }).image;
    for (const name of ['system', 'llm', 'tool', 'cpu']) {
      if (os.handles[name] !== undefined)
        this.#held[name] = (await os.handle.info(os.handles[name])).rightsMask;
    }
    for (const child of spec.children) await this.#add(child, false);
    const saved = persist ? await os.checkpoint.load<Saved>() : undefined;
    for (const s of saved?.children ?? []) {
      const child = await this.#add(s.spec, true);
      child.lastExit = s.lastExit;
      if (s.state === 'failed') child.state = 'failed';
    }
    for (const child of this.#children.values()) {
      if (child.state === 'failed') continue;
      try {
        await this.#start(child);
      } catch (error) {
        if (!(error instanceof SupervisorError) || !child.dynamic) {
          await this.#stopAll();
          throw error;
        }
        // A remembered child that no longer starts (its file is gone) fails alone.
        child.state = 'failed';
        child.lastExit = { code: 1, reason: 'error', message: error.message };
        await this.#log(error.message);
      }
    }
    await this.#save();
    return this.status(false);
  }

  async startChild(spec: ChildSpec): Promise<ChildStatus> {
    const existing = this.#children.get(spec.id);
    if (existing) {
      const hint = existing.state === 'failed' ? '; it gave up earlier, so stop it first' : '';
      throw new SupervisorError('already_present', `A child named '${spec.id}' is already supervised${hint}`);
    }
    const child = await this.#add(spec, true);
    try {
      await this.#start(child);
    } catch (error) {
      await this.#remove(child);
      throw error;
    }
    await this.#save();
    return (await this.status(true)).children.find((c) => c.id === spec.id)!;
  }

  async stopChild(id: string): Promise<void> {
    const child = this.#required(id);
    await terminate(this.#os, child);
    await this.#remove(child);
    await this.#os.sys('checkpoint_clear', { name: id });
    await this.#save();
  }

  /** Stops every child, last first, then exits normally (asked by our own supervisor). */
  async shutdown(): Promise<void> {
    await this.#stopAll();
  }

  /** A client handle to the worker at `path`, through child supervisors where the path goes on. */
  async connect(path: string[]): Promise<number> {
    const [id, ...rest] = path;
    const child = this.#required(id ?? '');
    if (child.spec.kind === 'worker') {
      if (rest.length > 0) throw new SupervisorError('not_found', `'${id}' is a worker; it has no children`);
      return this.#os.handle.duplicate(child.client, CLIENT_RIGHTS);
    }
    if (rest.length === 0)
      throw new SupervisorError('not_a_service', `'${id}' is a supervisor; name one of its workers`);
    if (child.state !== 'running')
      throw new SupervisorError('unavailable', `Supervisor '${id}' is not running`);
    const reply = await askChild(this.#os, child, { op: 'connect', path: rest });
    return reply.handles[0];
  }

  async status(deep: boolean): Promise<TreeStatus> {
    const children: ChildStatus[] = [];
    for (const c of this.#children.values()) {
      const status = childStatus(c);
      if (deep && c.spec.kind === 'supervisor' && c.state === 'running') {
        try {
          const reply = await askChild(this.#os, c, { op: 'status' });
          status.children = reply.json<{ children: ChildStatus[] }>().children;
        } catch {
          // it may be restarting; its own entry says so
        }
      }
      children.push(status);
    }
    const { name, strategy, intensity, period } = this.#spec;
    return { name, pid: this.#os.pid, strategy, intensity, period, children };
  }

  /** The kernel reported that incarnation `pid` ended. */
  async childExited(pid: number, exit: ExitLike): Promise<void> {
    const handle = this.#watched.get(pid);
    this.#watched.delete(pid);
    if (handle !== undefined) await this.#os.handle.close(handle);
    const child = [...this.#children.values()].find((c) => c.pid === pid || c.standby?.pid === pid);
    if (!child) return; // we stopped it ourselves
    if (child.standby?.pid === pid) {
      await this.#os.handle.close(child.standby.promote);
      child.standby = undefined;
      await this.#log(`standby of '${child.spec.id}' ended (${describe(exit)})`);
      if (!this.#intensity.record(Date.now())) return this.#giveUp(child, exit);
      return this.#retry(child, () => this.#startStandby(child));
    }
    child.pid = 0;
    child.handle = 0;
    child.lastExit = { code: exit.code, reason: exit.reason, message: exit.message };
    await this.#closeControl(child);
    const kind = exitKind(child.spec, exit);
    if (!restartWanted(child.spec.restart, kind)) return this.#ended(child, kind === 'normal');
    if (!this.#intensity.record(Date.now())) return this.#giveUp(child, exit);
    await this.#log(`'${child.spec.id}' ended (${describe(exit)}); restarting (${this.#spec.strategy})`);
    const order = [...this.#children.values()].filter((c) => c === child || c.state === 'running');
    const { stop, start } = plan(
      this.#spec.strategy,
      order.map((c) => c.spec.id),
      child.spec.id,
    );
    for (const id of stop) {
      const sibling = this.#children.get(id)!;
      await terminate(this.#os, sibling, true);
      if (sibling.spec.restart === 'temporary') await this.#remove(sibling);
    }
    for (const id of start) {
      const next = this.#children.get(id);
      if (!next || this.#exiting) continue;
      next.restarts++;
      await this.#retry(next, () => this.#start(next));
    }
  }

  async #add(spec: ChildSpec, dynamic: boolean): Promise<Child> {
    const child = await newChild(this.#os, spec, dynamic);
    this.#children.set(spec.id, child);
    return child;
  }

  async #remove(child: Child): Promise<void> {
    this.#children.delete(child.spec.id);
    for (const h of [child.server, child.client, child.control]) if (h !== 0) await this.#os.handle.close(h);
    if (child.standby) await stopStandby(this.#os, child);
  }

  /** Starts an incarnation: the standby takes over when there is one. */
  async #start(child: Child): Promise<void> {
    const ctx = this.#context();
    if (child.spec.kind === 'supervisor') {
      await this.#closeControl(child);
      const started = await spawnSupervisor(ctx, child.spec, this.#image);
      this.#running(child, started);
      child.control = started.control;
      try {
        await askChild(this.#os, child, { op: 'init', spec: child.spec.tree });
      } catch (error) {
        child.pid = 0;
        child.state = 'stopped';
        await this.#os.kill(started.handle).catch(() => undefined);
        throw new SupervisorError(
          'start_failed',
          `Cannot start '${child.spec.id}': ${(error as Error).message}`,
        );
      }
      return;
    }
    const standby = child.standby;
    child.standby = undefined;
    if (!standby || !(await promote(this.#os, standby.promote, child.server))) {
      if (standby) await this.#os.kill(standby.handle).catch(() => undefined);
      this.#running(child, await spawnWorker(ctx, child.spec, 'active', child.server));
    } else this.#running(child, standby, false);
    // The active instance runs; a standby that fails to start is retried on its own.
    if (child.spec.critical) await this.#retry(child, () => this.#startStandby(child));
  }

  async #closeControl(child: Child): Promise<void> {
    if (child.control === 0) return;
    await this.#os.handle.close(child.control);
    child.control = 0;
  }

  async #startStandby(child: Child): Promise<void> {
    if (child.spec.kind !== 'worker' || child.state !== 'running') return;
    const s = await spawnWorker(this.#context(), child.spec, 'standby', child.server);
    child.standby = { pid: s.pid, handle: s.handle, promote: s.promote };
    this.#watch(s.pid, s.handle);
  }

  #running(child: Child, spawned: { pid: number; handle: number }, watch = true): void {
    child.pid = spawned.pid;
    child.handle = spawned.handle;
    child.state = 'running';
    if (watch) this.#watch(spawned.pid, spawned.handle);
  }

  /** Retries a failing start, each attempt a restart against the intensity. */
  async #retry(child: Child, start: () => Promise<void>): Promise<void> {
    for (;;) {
      if (this.#exiting) return;
      try {
        return await start();
      } catch (error) {
        if (!(error instanceof SupervisorError)) throw error;
        await this.#log(error.message);
        const exit = { code: 1, reason: 'error', message: error.message };
        child.lastExit = exit;
        if (!this.#intensity.record(Date.now())) return this.#giveUp(child, exit);
      }
    }
  }

  async #stopAll(): Promise<void> {
    for (const child of [...this.#children.values()].reverse()) await terminate(this.#os, child);
  }

  /** A child ended and will not restart. */
  async #ended(child: Child, normal: boolean): Promise<void> {
    child.state = normal ? 'stopped' : 'failed';
    if (child.standby) await stopStandby(this.#os, child);
    await this.#log(
      `'${child.spec.id}' ended (${describe(child.lastExit!)}); ${child.spec.restart}, not restarted`,
    );
    if (normal || child.spec.restart === 'temporary') {
      await this.#os.sys('checkpoint_clear', { name: child.spec.id });
      if (child.dynamic || child.spec.restart === 'temporary') await this.#remove(child);
    }
    await this.#save();
    if (this.#spec.autoShutdown && ![...this.#children.values()].some((c) => c.state === 'running')) {
      await this.exit(0, 'every child has ended');
    }
  }

  /** More restarts than the intensity allows: stop everything and escalate. */
  async #giveUp(child: Child, exit: ExitLike): Promise<void> {
    const { name, intensity, period } = this.#spec;
    const message =
      `Supervisor '${name}' gave up: more than ${intensity} restarts within ${period} s ` +
      `(last: '${child.spec.id}' ${describe(exit)})`;
    await this.#log(message);
    await this.#stopAll();
    await this.exit(SHUTDOWN_EXIT_CODE, message, {
      error: { code: 'reached_max_restart_intensity', message },
    });
  }

  #watch(pid: number, handle: number): void {
    this.#watched.set(pid, handle);
    this.#os.wait(handle).then(
      (exit) => this.enqueue(() => this.childExited(pid, exit)).catch((error) => this.fail(error)),
      (error) => this.fail(error),
    );
  }

  #required(id: string): Child {
    const child = this.#children.get(id);
    if (!child) throw new SupervisorError('not_found', `No child is named '${id}' in '${this.#spec.name}'`);
    return child;
  }

  #context(): SpawnContext {
    return {
      os: this.#os,
      held: this.#held,
      clientOf: (id) => {
        const sibling = this.#children.get(id);
        if (!sibling || sibling.client === 0) {
          throw new SupervisorError('bad_spec', `'${id}' is not a worker of '${this.#spec.name}'`);
        }
        return sibling.client;
      },
    };
  }

  async #save(): Promise<void> {
    if (!this.#persist) return;
    const children = [...this.#children.values()]
      .filter((c) => c.dynamic)
      .map((c) => ({ spec: c.spec, state: c.state, lastExit: c.lastExit }));
    await this.#os.checkpoint.save({ children } satisfies Saved);
  }

  async #log(message: string): Promise<void> {
    await this.#os.log(`supervisor ${this.#spec.name}: ${message}`);
  }
}

function describe(exit: ExitLike): string {
  return `${exit.reason}, code ${exit.code}${exit.message ? `: ${exit.message}` : ''}`;
}
