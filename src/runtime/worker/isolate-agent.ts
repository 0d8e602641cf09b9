/**
 * One agent in its own V8 isolate (isolated-vm), inside a worker thread. The isolate holds
 * nothing but the ECMAScript built-ins, the SDK bundle and the agent's bundle: no process,
 * require, import of modules, fetch, sockets, timers or files. Its only way out is one
 * function, kept in a closure the agent cannot reach, that forwards a call to the kernel and
 * resolves with the answer. Code runs on isolated-vm's own threads, so the worker stays free
 * to stop it: dispose() ends it at once wherever it is. Its CPU slices and the watchdog's
 * check of its CPU limit are agent-cpu.ts.
 *
 * @example
 * const agent = new IsolateAgent(spec, (op, name, args, t) => side.call({ pid, op, name, args, timeoutMs: t }));
 * const outcome = await agent.run();
 */

import { getRandomValues } from 'node:crypto';
import { createRequire } from 'node:module';
import type IvmModule from 'isolated-vm';
import { ERROR_NUMBERS } from '../../kernel/errors.ts';
import type { GrantPackage } from '../fast/lease.ts';
import { RETRY } from '../fast/router.ts';
import { OP } from '../op.ts';
import type { Op } from '../wire.ts';
import { AgentCpu } from './agent-cpu.ts';
import { AgentLease } from './agent-lease.ts';
import { onCatastrophe } from './catastrophe.ts';
import { agentLoader } from './code-cache.ts';
import { bootOf } from './isolate-boot.ts';
import { benchClock, newIsolate, type Ready, recycle } from './isolates.ts';
import {
  type AgentSpec,
  type Ended,
  endedOf,
  type Forward,
  failureOf,
  type Outcome,
  type StopReason,
} from './outcome.ts';
import type { ProcessSample } from './stop-cause.ts';
import { WASM_BOOT } from './wasm-boot.ts';
import { fitted, WasmLimitError } from './wasm-limits.ts';

/** How long a hibernating agent's code may take to end before its isolate is disposed. */
const HIBERNATE_GRACE_MS = 1000;

const require = createRequire(import.meta.url);
const ivm = require('isolated-vm') as typeof IvmModule;

export type { AgentSpec, Forward, Outcome } from './outcome.ts';

export class IsolateAgent {
  readonly spec: AgentSpec;
  phase = 'new';
  /** Whether the agent got an isolate that served an earlier agent. */
  reused = false;
  readonly #forward: Forward;
  #isolate: IvmModule.Isolate | undefined;
  /** Why we disposed the isolate, if we did. */
  #stopReason: StopReason | undefined;
  #hibernateOn: unknown;
  #hibernateTimer: NodeJS.Timeout | undefined;
  #stopMessage = '';
  #starting = false;
  #context: IvmModule.Context | undefined;
  /** Calls out not yet answered, and whether the agent's code ended cleanly (returned or hibernated). */
  #inFlight = 0;
  #clean = false;
  #ended = false;
  /**
   * The agent mapped shared memory or held a lease: its isolate is not kept (code left in it
   * could write there).
   */
  #mapped = false;
  /** Its CPU slices and the watchdog's check of its CPU limit. */
  readonly #cpu: AgentCpu;
  /** Called when the agent has no call in flight any more. */
  readonly #onIdle: () => void;
  /** Leased channel calls in the isolate (agent-lease.ts); undefined for a wasm agent. */
  #lease: AgentLease | undefined;
  /** The lease client's context is being made (see stop), and the isolate let go meanwhile. */
  #making = false;
  #released = false;
  /** Set before the isolate is disposed; the agent's boot code reads it (see BOOT in isolate-boot.ts). */
  readonly #stopped = new Int32Array(new SharedArrayBuffer(4));

  constructor(spec: AgentSpec, forward: Forward, onIdle: () => void = () => {}) {
    this.spec = spec;
    this.#forward = forward;
    this.#onIdle = onIdle;
    this.#cpu = new AgentCpu(spec, forward);
  }

  /** CPU time the agent's isolate has used, as of the last look (ms). */
  get cpuMs(): number {
    return this.#cpu.usedMs;
  }

  /** Whether the agent has no call in flight (its isolate may then own its lease sides). */
  get idle(): boolean {
    return this.#inFlight === 0 && this.phase === 'running' && !this.#ended;
  }

  /**
   * Gives the agent's isolate one side of a lease (only this agent holds it on this worker), so
   * its calls there run on the isolate's own thread (lease-client.ts). Resolves true once the
   * client can take them; undefined when this agent cannot (a wasm agent, or not running).
   */
  attachLease(pkg: GrantPackage): Promise<boolean> | undefined {
    const iso = this.#isolate;
    const lease = this.#lease;
    if (!lease || !iso || iso.isDisposed || this.#ended) return undefined;
    this.#mapped = true;
    // Disposing an isolate while isolated-vm builds a context in it can abort the process: a
    // stop (or release) meanwhile takes effect once the context is made.
    const making = (on: boolean) => {
      this.#making = on;
      if (!on && (this.#stopReason || this.#released) && !iso.isDisposed) iso.dispose();
    };
    return lease.install(iso, pkg, making).then(
      () => !this.#ended,
      () => false,
    );
  }

  /**
   * Runs the agent to completion. Never rejects. The isolate outlives the outcome until
   * release(), so the worker can report the end first and tear the isolate down after.
   */
  async run(): Promise<Outcome> {
    const spec = this.spec;
    let wasm: { module: Uint8Array; memoryMax?: number } | undefined;
    if (spec.tier === 'wasm') {
      try {
        wasm = fitted(spec.wasm!, spec.memoryMb * 2 ** 20);
      } catch (error) {
        const memory = error instanceof WasmLimitError && error.memory;
        return { ok: false, reason: memory ? 'memory_limit' : 'error', message: (error as Error).message };
      }
    }
    let ready: Ready;
    try {
      ready = newIsolate(spec.memoryMb, spec.tier === 'isolate' ? spec.reuseKey : undefined);
    } catch (error) {
      return {
        ok: false,
        reason: 'crashed',
        message: `Cannot create an isolate: ${(error as Error).message}`,
      };
    }
    const { isolate, context } = ready;
    this.#isolate = isolate;
    this.#context = context;
    this.reused = ready.reused === true;
    this.#cpu.begin(isolate);
    // A fatal out-of-memory parks the isolate's thread and its code never settles: the run
    // ends here instead, as memory_limit (see onCatastrophe).
    const catastrophe = new Promise<never>((_, reject) =>
      onCatastrophe(isolate, () => {
        this.#stopReason ??= 'memory_limit';
        reject(new Error('Isolate was disposed during execution due to memory limit'));
      }),
    );
    catastrophe.catch(() => {});
    const call = async (op: Op, name: string, args: unknown, timeoutMs?: number, via?: 'kernel') => {
      // Code of an agent that has ended (still running in its context) acts as no one.
      if (this.#ended) return { e: 'E_BAD_STATE', m: 'The agent has ended' };
      this.#inFlight++;
      if (name === 'region_map') this.#mapped = true;
      this.#cpu.callOut(this.#isolate);
      try {
        await this.#cpu.schedule(this.#isolate, op, name);
        if (op === OP.SERVICE && name === 'yield') return { v: undefined };
        if (op === OP.SERVICE && name === 'hibernate') {
          // The SDK ends the agent's code with an error after this answer, so the isolate
          // winds down with nothing in flight (disposing it while it awaits calls can wedge
          // isolated-vm). Code that catches that error and goes on is cut off after a grace.
          this.#hibernateOn = (args as { payload: unknown }).payload;
          this.#hibernateTimer = setTimeout(() => this.stop('hibernate'), HIBERNATE_GRACE_MS);
          return { v: undefined };
        }
        if (this.#hibernateOn !== undefined) {
          return { e: 'E_BAD_STATE', m: 'The agent is hibernating; its code has ended' };
        }
        if (op === OP.SERVICE && name === 'random') {
          return {
            v: getRandomValues(
              new Uint8Array(Math.min(65_536, Number((args as { payload: number }).payload) || 0)),
            ),
          };
        }
        const v = await this.#forward(op, String(name), args, timeoutMs, via);
        return v === RETRY ? { r: 1 } : { v };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        return { e: typeof e.code === 'string' ? e.code : 'E_BAD_STATE', m: String(e.message ?? error) };
      } finally {
        this.#inFlight--;
        this.#cpu.answered(this.#isolate, op);
        this.#lease?.slow(false);
        if (this.#inFlight === 0) this.#onIdle();
      }
    };
    // A wasm agent's calls are synchronous (applySyncPromise), which takes only transferable results.
    const forward = new ivm.Reference(
      spec.tier === 'wasm'
        ? async (op: Op, name: string, args: unknown, timeoutMs?: number) =>
            new ivm.ExternalCopy(await call(op, name, args, timeoutMs)).copyInto()
        : call,
    );
    try {
      // Trusted set-up runs on this thread, without a hop to isolated-vm's threads: the
      // bundle is compiled and wrapped, none of the agent's code runs yet.
      this.#starting = true;
      benchClock(context);
      const booted = spec.tier === 'isolate' ? bootOf(context) : undefined;
      const boot = booted?.boot;
      if (booted) this.#lease = new AgentLease(booted.attach, spec.pid);
      const load =
        spec.tier === 'isolate' ? agentLoader(ready, { code: spec.code, file: spec.file }) : undefined;
      this.#starting = false;
      if (this.#stopReason) throw new Error('stopped before it started');
      this.#cpu.enter(isolate);
      this.phase = 'running';
      // One hop to isolated-vm's threads runs the agent's top-level code and then its main;
      // the watchdog holds both to the CPU limit.
      const outcome = (await Promise.race([
        catastrophe,
        boot
          ? boot.apply(
              undefined,
              [
                load!.derefInto(),
                forward,
                spec.pid,
                new ivm.ExternalCopy(spec.handles).copyInto(),
                new ivm.ExternalCopy(this.#stopped.buffer).copyInto(),
              ],
              { result: { promise: true, copy: true } },
            )
          : context.evalClosure(
              WASM_BOOT,
              [
                forward,
                new ivm.ExternalCopy(wasm!.module).copyInto(),
                new ivm.ExternalCopy(spec.handles).copyInto(),
                new ivm.ExternalCopy(ERROR_NUMBERS).copyInto(),
                wasm!.memoryMax ?? 0,
              ],
              { result: { promise: true, copy: true } },
            ),
      ])) as Ended;
      this.#hibernateOn ??= outcome.hibernate;
      this.#clean = outcome.ok || this.#hibernateOn !== undefined;
      if (this.#hibernateOn !== undefined) return { ok: false, reason: 'hibernate', wait: this.#hibernateOn };
      return endedOf(outcome, spec);
    } catch (error) {
      return this.#failure(error);
    } finally {
      this.#ended = true;
      this.#starting = false;
      clearTimeout(this.#hibernateTimer);
      this.#cpu.end(isolate);
    }
  }

  /**
   * Lets go of the isolate once the agent's code has ended (run() settled): kept for the next
   * agent of the same key if the code ended cleanly with nothing in flight, else disposed.
   * Disposing it invalidates the forwarding reference too; releasing that first, while the
   * agent may still have calls in flight, can abort the process inside isolated-vm.
   */
  release(): void {
    const iso = this.#isolate;
    this.#isolate = undefined; // a late stop() must not reach an isolate another agent has now
    if (!iso || iso.isDisposed) return;
    if (this.#making) {
      this.#released = true; // disposed once its lease context is made (see attachLease)
      return;
    }
    this.#lease?.release();
    const key = this.spec.reuseKey;
    const reusable =
      key !== undefined && this.spec.tier === 'isolate' && this.#clean && !this.#stopReason && !this.#mapped;
    if (reusable && this.#inFlight === 0 && recycle(key, iso, this.#context!)) return;
    iso.dispose();
  }

  /** The kill switch: ends the agent's code now, wherever it is. */
  stop(reason: StopReason = 'killed', message = ''): void {
    this.#stopReason ??= reason;
    this.#stopMessage ||= message;
    // First, so that no answer resumes the agent's code even if V8 loses the termination
    // dispose() requests (see BOOT in isolate-boot.ts).
    Atomics.store(this.#stopped, 0, 1);
    // Disposing while isolated-vm builds the context can abort the process; run() checks
    // the stop reason as soon as the context is ready.
    if (this.#starting || this.#making) return;
    const iso = this.#isolate;
    if (iso && !iso.isDisposed) iso.dispose();
  }

  /**
   * Called by the worker's watchdog with a sample of the process: stops the agent if it has
   * computed longer than its CPU limit since it last called out, naming the memory limit
   * instead when its heap looks full (see stop-cause.ts). Returns CPU ms used so far.
   */
  check(sample?: ProcessSample): number {
    const iso = this.#isolate;
    if (!iso || iso.isDisposed) return 0;
    const over = this.#cpu.check(iso, this.#lease, sample);
    if (over) this.stop(over.reason, over.message);
    return this.#cpu.usedMs;
  }

  #failure(error: unknown): Outcome {
    return failureOf(error, this.spec, {
      reason: this.#stopReason,
      message: this.#stopMessage,
      wait: this.#hibernateOn,
      disposed: this.#isolate?.isDisposed === true,
    });
  }
}
