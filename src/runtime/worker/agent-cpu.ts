/**
 * An isolate agent's CPU time as its worker keeps it: the slices the kernel scheduler grants
 * (asked for and given back at the agent's yield points, its calls out) and the watchdog's
 * check against the agent's CPU limit. An isolate runs JavaScript only when the agent starts
 * or a call out returns to it (an entry); the limit holds for the CPU time of one run of code
 * between two yields, and stop-cause.ts names a stop there truly (CPU or memory).
 *
 * @example
 * const cpu = new AgentCpu(spec, forward);
 * cpu.begin(isolate);                        // the agent got its isolate
 * const over = cpu.check(isolate, lease, sample);
 * if (over) agent.stop(over.reason, over.message);
 */
import type IvmModule from 'isolated-vm';
import { OP } from '../op.ts';
import type { Op } from '../wire.ts';
import type { AgentLease } from './agent-lease.ts';
import type { Forward } from './outcome.ts';
import { type ProcessSample, StopCause } from './stop-cause.ts';

/** Same as the host's CPU_SLICE_MS (kept here so the worker imports nothing of the host). */
const CPU_SLICE_MS = 5;
/** Watchdog ticks an idle-looking agent is skipped for before its CPU time is read again. */
const IDLE_RECHECK = 20;
/** How long an agent must stay over its CPU limit, in one run of its code, before it is stopped. */
const CONFIRM_MS = 15;

type Isolate = IvmModule.Isolate;

/** Why the watchdog would stop the agent. */
export interface CpuVerdict {
  reason: 'cpu_limit' | 'memory_limit';
  message?: string;
}

export class AgentCpu {
  /** CPU time the agent's isolate has used, as of the last look (ms). */
  usedMs = 0;
  readonly #limits: { cpuMs: number; memoryMb: number };
  readonly #forward: Forward;
  /** The isolate's CPU time when this agent got it (an isolate may have served another). */
  #base = 0n;
  /** CPU time (ns) when the agent last gave the CPU back by calling out. */
  #atYield = 0n;
  /** Times JavaScript was (re-)entered in the isolate: its start, and each call out returning. */
  #entries = 0;
  /** #entries when the watchdog last saw the isolate idle (CPU time unchanged). */
  #idleAtEntries = -1;
  #lastCpu = -1n;
  #idleSkips = 0;
  #busy = false;
  /** CPU time (ns) when the current slice began, and whether the scheduler granted it. */
  #sliceMark = 0n;
  #holding = false;
  /** When the watchdog first saw the agent over its limit, and in which run of its code. */
  #overSince = 0;
  #overEntries = -1;
  /** What names a stop at the CPU limit truly (see stop-cause.ts). */
  readonly #cause = new StopCause();

  constructor(limits: { cpuMs: number; memoryMb: number }, forward: Forward) {
    this.#limits = limits;
    this.#forward = forward;
  }

  /** The agent got `iso`: its CPU time counts from here. */
  begin(iso: Isolate): void {
    this.#base = iso.cpuTime;
  }

  /** The agent's code starts running; setting it up was not the agent's computing. */
  enter(iso: Isolate): void {
    this.#busy = true;
    this.#entries++;
    this.#yielded(iso);
    this.#sliceMark = iso.cpuTime;
  }

  /** A call out left the isolate: the agent gave the CPU back. */
  callOut(iso: Isolate | undefined): void {
    this.#yielded(iso);
  }

  /** A call's answer goes back in: a new run of the agent's code, after a blocking call in a new slice. */
  answered(iso: Isolate | undefined, op: Op): void {
    this.#yielded(iso);
    this.#entries++;
    if (op === OP.BLOCK || op === OP.WAIT || op === OP.CALL) this.#sliceMark = this.#atYield;
  }

  /**
   * CPU scheduling at a yield point (any call out). An agent about to block gives back the
   * slice it holds; one that has computed a whole slice since it last blocked waits for the
   * kernel scheduler to grant the next (weighted fair share of the `cpu` resource).
   */
  async schedule(iso: Isolate | undefined, op: Op, name: string): Promise<void> {
    if (!iso || iso.isDisposed || (op === OP.SERVICE && name !== 'yield' && name !== 'hibernate')) return;
    const usedMs = Number(iso.cpuTime - this.#sliceMark) / 1e6;
    if (op === OP.BLOCK || op === OP.WAIT || op === OP.CALL || name === 'hibernate') {
      if (this.#holding) {
        this.#holding = false;
        void this.#forward(OP.SERVICE, 'cpu', { payload: { used: usedMs, want: false } }).catch(() => {});
      }
      return;
    }
    if (usedMs < CPU_SLICE_MS) return;
    this.#cause.sampleHeap(iso);
    this.#holding = true;
    await this.#forward(OP.SERVICE, 'cpu', { payload: { used: usedMs, want: true } });
    this.#sliceMark = iso.isDisposed ? 0n : iso.cpuTime;
  }

  /**
   * The watchdog's look, with a sample of the process: whether the agent has computed longer
   * than its CPU limit since it last called out, naming the memory limit instead when its heap
   * looks full (see stop-cause.ts). Updates usedMs.
   */
  check(iso: Isolate, lease: AgentLease | undefined, sample?: ProcessSample): CpuVerdict | undefined {
    if (!this.#busy) return undefined;
    this.#cause.enter(this.#entries, sample);
    // An isolate runs JavaScript only after it starts or a call out returns to it. Once it
    // was seen idle, V8 is asked again at the next such entry, or at least every
    // IDLE_RECHECK ticks (a call's answer can reach the isolate a little after the entry is
    // counted): thousands of idle agents then cost the watchdog little.
    const entries = this.#entries;
    const fastOps = lease?.used === true && this.#leaseProgress(iso, lease);
    if (!fastOps && entries === this.#idleAtEntries && ++this.#idleSkips < IDLE_RECHECK) return undefined;
    this.#idleSkips = 0;
    const now = iso.cpuTime;
    if (now === this.#lastCpu) this.#idleAtEntries = entries;
    this.#lastCpu = now;
    this.usedMs = Number(now - this.#base) / 1e6;
    const ranMs = this.#cause.ranMs(Number(now - this.#atYield) / 1e6, sample);
    if (ranMs <= this.#limits.cpuMs) this.#overEntries = -1;
    else if (this.#overConfirmed(entries)) {
      if (this.#cause.memoryFull(this.#limits.memoryMb * 2 ** 20, sample)) return { reason: 'memory_limit' };
      return {
        reason: 'cpu_limit',
        message: `ran ${ranMs | 0} ms without yielding; its limit is ${this.#limits.cpuMs} ms`,
      };
    }
    return undefined;
  }

  /** The agent's code ended: a slice held to the end (or into hibernation) goes back to the scheduler. */
  end(iso: Isolate): void {
    if (this.#holding) {
      this.#holding = false;
      const usedMs = iso.isDisposed ? 0 : Number(iso.cpuTime - this.#sliceMark) / 1e6;
      void this.#forward(OP.SERVICE, 'cpu', { payload: { used: usedMs, want: false } }).catch(() => {});
    }
    this.#busy = false;
    if (!iso.isDisposed) this.usedMs = Number(iso.cpuTime - this.#base) / 1e6;
  }

  /**
   * Whether the agent was over its limit already CONFIRM_MS ago in the same run of its code.
   * isolated-vm counts a stretch of code still running by the wall clock, so a thread that
   * merely waited for a core (a loaded machine) looks like one that computed; when it gets
   * the core back it soon calls out or ends, and the count is true CPU time again.
   */
  #overConfirmed(entries: number): boolean {
    const now = performance.now();
    if (this.#overEntries !== entries) {
      this.#overEntries = entries;
      this.#overSince = now;
    }
    return now - this.#overSince >= CONFIRM_MS;
  }

  /**
   * Calls the lease client did on the isolate's thread count as calls out: the agent gave the
   * CPU back (at some point since the last look), and if one waited, it blocked. An agent that
   * computed a whole slice without blocking makes its next call through the worker, which asks
   * the scheduler for the next slice. True when the client did something since the last look.
   */
  #leaseProgress(iso: Isolate, lease: AgentLease): boolean {
    const seen = lease.progress();
    if (seen === 'none') return false;
    this.#entries++;
    this.#atYield = iso.cpuTime;
    if (seen === 'waited') this.#sliceMark = this.#atYield;
    else if (Number(this.#atYield - this.#sliceMark) / 1e6 >= CPU_SLICE_MS) lease.slow(true);
    return true;
  }

  #yielded(iso: Isolate | undefined): void {
    if (iso && !iso.isDisposed) this.#atYield = iso.cpuTime;
  }
}
