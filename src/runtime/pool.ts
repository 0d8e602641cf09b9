/**
 * The worker pool: agents multiplexed M:N onto a few worker threads. Each worker hosts many
 * agents (each in its own isolate) and talks to the kernel over its link (shared-memory
 * rings, or a MessagePort as the fallback). This side runs on the kernel's thread: it
 * starts and stops agents on workers, and serves their calls through the AgentHost's port
 * for each agent, so every call meets the same kernel checks as any other. Beside it: the
 * worker threads themselves (pool-workers.ts), the start frame (pool-start.ts), the book of
 * workers and placement (pool-slots.ts), serving a call (pool-calls.ts).
 *
 * @example
 * const pool = new WorkerPool({ workers: 2 });
 * host.register(new PooledRuntime('isolate', pool));
 */
import { availableParallelism } from 'node:os';
import { type Agent, type HostPlane, isAlive, KernelError, type PooledTier } from '../kernel/index.ts';
import type { AgentPort, Wait } from '../sdk/port.ts';
import { agentBundle, sdkBundle } from './bundle.ts';
import { Leases } from './fast/leases.ts';
import { verifiedBytes } from './images.ts';
import type { Link, Transport } from './link.ts';
import { type Served, serveCall } from './pool-calls.ts';
import { type Hosted, leastLoaded, type Slot } from './pool-slots.ts';
import { agentStart, sendStart } from './pool-start.ts';
import { onWorkerReport, startWorker, stopWorkers, terminateWorkers } from './pool-workers.ts';
import { KernelPump } from './pump.ts';
import { serviceStart, threadEndReason } from './service-thread.ts';
import { encodeControl, encodeReply, type Frame } from './wire.ts';

export interface PoolOptions {
  /** Worker threads; default: one per core. */
  workers?: number;
  transport?: Transport;
  /** The worker entry (benchmarks host trusted agents in a thread with their own). */
  workerFile?: URL;
  /**
   * The kernel the agents' calls go to: with it (and ring transport), channels whose ends are
   * in use by agents on workers are leased to those workers (src/runtime/fast).
   */
  plane?: HostPlane;
}

const WORKER_FILE = new URL('./worker/main.ts', import.meta.url);

export class WorkerPool {
  readonly transport: Transport;
  readonly size: number;
  readonly #workerFile: URL;
  readonly #slots: Slot[] = [];
  readonly #hosted = new Map<number, Hosted>();
  readonly #pump: KernelPump;
  /** Channel leases to this pool's workers (see fast/leases.ts), when a kernel was given. */
  readonly leases: Leases<Slot> | undefined;
  #closed = false;
  #startsSent = 0;
  #wasmSlot: Slot | undefined;

  constructor(options: PoolOptions = {}) {
    this.transport = options.transport ?? (typeof SharedArrayBuffer === 'function' ? 'ring' : 'port');
    this.size = Math.max(1, options.workers ?? availableParallelism());
    this.#workerFile = options.workerFile ?? WORKER_FILE;
    this.#pump = new KernelPump((link, frame) => this.#onFrame(link, frame));
    if (options.plane && this.transport === 'ring') {
      this.leases = new Leases<Slot>(options.plane, {
        workerOf: (pid) => this.#hosted.get(pid)?.slot,
        grant: (slot, pkg) => {
          slot.link.postLease(pkg); // the shared memory, then its announcement in the ring
          slot.link.send(encodeControl(0, { op: 'lease', id: pkg.id }));
        },
        recalled: (slot, id) => {
          if (this.#slots.includes(slot)) slot.link.send(encodeControl(0, { op: 'lease-end', id }));
        },
      });
    }
  }

  /** Agents hosted now. */
  get agents(): number {
    return this.#hosted.size;
  }

  /** Agents that ran in an isolate an earlier agent of the same image and spawner had used. */
  reused = 0;

  /** Starts `agent` on the least loaded worker (wasm agents: on their one worker); settles when it ends. */
  async run(agent: Agent, port: AgentPort, tier: PooledTier): Promise<string | undefined> {
    if (this.#closed) throw new KernelError('E_BAD_STATE', 'The worker pool is closed');
    const slot = tier === 'wasm' ? this.#pickWasm() : this.#pick();
    // The worker keeps the process alive while it hosts anyone.
    if (slot.agents++ === 0) slot.worker.ref();
    let sdk: string;
    let code: string;
    let wasm: Uint8Array | undefined;
    try {
      [sdk, code] = await Promise.all([sdkBundle(), tier === 'isolate' ? agentBundle(agent.image) : '']);
      wasm = tier === 'wasm' ? verifiedBytes(agent) : undefined;
      await slot.ready;
      if (this.#closed) throw new KernelError('E_BAD_STATE', 'The worker pool is closed');
    } catch (error) {
      this.#release(slot);
      throw error;
    }
    const start = agentStart(agent, port, tier, { sdk, code, wasm });
    return new Promise((resolve, reject) => {
      this.#hosted.set(agent.pid, { agent, port, slot, start, cpuBase: 0, resolve, reject, held: undefined });
      sendStart(slot, agent.pid, start, ++this.#startsSent);
    });
  }

  /**
   * Starts a trusted service agent (builtin, labelled for a worker thread) on a thread of its
   * own in this pool, so its channels can be leased like isolate agents' (service-thread.ts);
   * settles when it ends. The thread is terminated when it ends or is stopped.
   */
  async runService(agent: Agent, port: AgentPort): Promise<string | undefined> {
    if (this.#closed) throw new KernelError('E_BAD_STATE', 'The worker pool is closed');
    verifiedBytes(agent); // the code it runs is the code it was spawned with
    const slot = this.#spawnWorker(agent);
    slot.agents++;
    try {
      await slot.ready;
      if (this.#closed) throw new KernelError('E_BAD_STATE', 'The worker pool is closed');
    } catch (error) {
      void slot.worker.terminate();
      throw error;
    }
    const start = serviceStart(agent, port);
    return new Promise((resolve, reject) => {
      this.#hosted.set(agent.pid, { agent, port, slot, start, cpuBase: 0, resolve, reject, held: undefined });
      slot.link.send(encodeControl(agent.pid, start));
    });
  }

  /** Agents that hibernate now (their code released, waiting to be started again). */
  get hibernating(): number {
    let n = 0;
    for (const h of this.#hosted.values()) if (h.slot === undefined) n++;
    return n;
  }

  /** The agent's code asked to hibernate until `wait`: release its worker, start it again then. */
  #hibernate(hosted: Hosted, wait: Wait): void {
    this.leases?.recallAgent(hosted.agent.pid);
    if (hosted.slot) this.#release(hosted.slot);
    hosted.slot = undefined;
    hosted.cpuBase = hosted.agent.usage.cpuMsTotal;
    hosted.port.wait(wait).then(
      () => this.#wake(hosted),
      () => this.#wake(hosted),
    );
  }

  async #wake(hosted: Hosted): Promise<void> {
    const pid = hosted.agent.pid;
    if (this.#closed || this.#hosted.get(pid) !== hosted || !isAlive(hosted.agent)) return;
    const slot = this.#pick();
    if (slot.agents++ === 0) slot.worker.ref();
    await slot.ready;
    if (this.#closed || this.#hosted.get(pid) !== hosted) {
      this.#release(slot);
      return;
    }
    hosted.slot = slot;
    sendStart(slot, pid, hosted.start, ++this.#startsSent);
  }

  /** The kill switch: the worker disposes the agent's isolate as soon as the frame lands. */
  stop(pid: number): void {
    const hosted = this.#hosted.get(pid);
    if (!hosted) return;
    if (hosted.slot?.service)
      void hosted.slot.worker.terminate(); // wherever its code is
    else if (hosted.slot) hosted.slot.link.send(encodeControl(pid, { op: 'stop' }));
    else {
      this.#hosted.delete(pid); // hibernating: nothing runs
      hosted.reject({ reason: 'killed', message: 'stopped while hibernating' });
    }
  }

  suspend(pid: number): void {
    const hosted = this.#hosted.get(pid);
    if (!hosted) return;
    hosted.held ??= [];
    // Its channel calls must reach the kernel now, to be held there until it resumes.
    this.leases?.recallAgent(pid);
  }

  resume(pid: number): void {
    const hosted = this.#hosted.get(pid);
    if (!hosted?.held) return;
    const held = hosted.held;
    hosted.held = undefined;
    for (const call of held) serveCall(this.#served(hosted), call);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.leases?.recallAll();
    for (const hosted of this.#hosted.values())
      hosted.reject({ reason: 'killed', message: 'the system shut down' });
    this.#hosted.clear();
    await stopWorkers(this.#slots);
    this.#pump.stop();
    await terminateWorkers(this.#slots);
    for (const s of this.#slots) s.link.close();
    this.#slots.length = 0;
  }

  #release(slot: Slot): void {
    if (--slot.agents === 0) slot.worker.unref();
  }

  /**
   * The worker for the next agent: the least loaded, and of those the one with the most
   * isolates ready (a worker that just used one is busy making the next). A worker more is
   * started from the second agent on (one-off runs need one), so that several can make
   * isolates ahead of time and take turns.
   * A system that runs for long starts them all once it is ready (prewarm).
   */
  #pick(): Slot {
    const shared = this.#shared();
    if (shared.length < this.size && (this.#startsSent > 0 || shared.length === 0)) {
      shared.push(this.#spawnWorker());
    }
    return leastLoaded(shared);
  }

  /**
   * The worker of every wasm agent. A wasm agent's calls are synchronous (isolated-vm's
   * applySyncPromise), which isolated-vm 6 supports on one thread of a process only: on any
   * other worker thread it refused the answers ("A non-transferable value was passed") and the
   * thread aborted the process when it collected its garbage. If that worker dies, the next
   * one chosen takes over.
   */
  #pickWasm(): Slot {
    if (this.#wasmSlot === undefined || !this.#slots.includes(this.#wasmSlot)) this.#wasmSlot = this.#pick();
    return this.#wasmSlot;
  }

  /**
   * Starts every worker now, so that the first agents do not wait for a thread to come up
   * (a long-running system calls this once it is ready; one-off runs start one on demand).
   */
  prewarm(): void {
    while (!this.#closed && this.#shared().length < this.size) this.#spawnWorker().worker.unref();
  }

  /** The workers that host any agent (not a service's own thread). */
  #shared(): Slot[] {
    return this.#slots.filter((s) => !s.service);
  }

  /** Starts a worker for any agents, or with `service`, a thread of that service's own. */
  #spawnWorker(service?: Agent): Slot {
    const slot = startWorker({
      transport: this.transport,
      bell: this.#pump.bell,
      file: this.#workerFile,
      service,
      inPool: (s) => this.#slots.includes(s),
    });
    const { worker } = slot;
    worker.on('error', (error) =>
      this.#lost(slot, `worker failed: ${error.message}`, threadEndReason(error)),
    );
    worker.on('exit', (code) => this.#lost(slot, `worker exited with code ${code}`));
    this.#slots.push(slot);
    this.#pump.add(slot.link);
    this.#pump.start();
    return slot;
  }

  /** A worker died: its agents crashed with it (or hit the thread's heap limit). */
  #lost(slot: Slot, message: string, reason = 'crashed'): void {
    const i = this.#slots.indexOf(slot);
    if (i < 0) return;
    this.#slots.splice(i, 1);
    this.#pump.remove(slot.link);
    this.leases?.workerLost(slot);
    for (const [pid, hosted] of this.#hosted) {
      if (hosted.slot !== slot) continue;
      this.#hosted.delete(pid);
      hosted.reject({ reason, message });
    }
  }

  #onFrame(link: Link, frame: Frame): void {
    if (frame.type === 'control' && frame.pid === 0) {
      onWorkerReport(
        this.#slots.find((s) => s.link === link),
        frame.value,
      );
      return;
    }
    const hosted = this.#hosted.get(frame.pid);
    if (frame.type === 'control') {
      if (hosted && hosted.slot?.link === link) this.#onControl(hosted, frame.value);
      return;
    }
    if (frame.type !== 'call') return;
    if (!hosted || hosted.slot?.link !== link) {
      link.send(
        encodeReply({
          type: 'error',
          pid: frame.pid,
          req: frame.req,
          code: 'E_BAD_STATE',
          message: 'No such agent here',
        }),
      );
      return;
    }
    if (hosted.held) hosted.held.push(frame);
    else serveCall(this.#served(hosted), frame);
  }

  #served(hosted: Hosted): Served<Slot> {
    return {
      port: hosted.port,
      agent: hosted.agent,
      slot: hosted.slot!,
      link: hosted.slot!.link,
      leases: this.leases,
    };
  }

  #onControl(hosted: Hosted, value: Record<string, unknown>): void {
    // Usage reports, and the last figure with an agent's exit or hibernation.
    if (value.cpuMs !== undefined)
      hosted.agent.usage.cpuMsTotal = hosted.cpuBase + (Number(value.cpuMs) || 0);
    if (value.reused === true) this.reused++;
    if (value.op === 'hibernate') this.#hibernate(hosted, value.wait as Wait);
    else if (value.op === 'exit') {
      this.#hosted.delete(hosted.agent.pid);
      if (hosted.slot) this.#release(hosted.slot);
      if (hosted.slot?.service) void hosted.slot.worker.terminate(); // its thread ends with it
      if (value.ok) hosted.resolve(value.result as string | undefined);
      else
        hosted.reject({
          reason: String(value.reason),
          message: String(value.message),
          exitCode:
            Number.isInteger(value.exitCode) && Number(value.exitCode) > 0
              ? Number(value.exitCode)
              : undefined,
        });
    }
  }
}
