/**
 * One agent in its own V8 isolate (isolated-vm), inside a worker thread. The isolate holds
 * nothing but the ECMAScript built-ins, the SDK bundle and the agent's bundle: no process,
 * require, import of modules, fetch, sockets, timers or files. Its only way out is one
 * function, kept in a closure the agent cannot reach, that forwards a call to the kernel and
 * resolves with the answer. Code runs on isolated-vm's own threads, so the worker stays free
 * to stop it: dispose() ends it at once wherever it is.
 *
 * @example
 * const agent = new IsolateAgent(spec, (op, name, args, t) => side.call({ pid, op, name, args, timeoutMs: t }));
 * const outcome = await agent.run();
 */

import { getRandomValues } from 'node:crypto';
import { createRequire } from 'node:module';
import type IvmModule from 'isolated-vm';
import { ERROR_NUMBERS } from '../../kernel/errors.ts';
import type { Op } from '../wire.ts';
import { WASM_BOOT } from './wasm-boot.ts';

/** Same as the host's CPU_SLICE_MS (kept here so the worker imports nothing of the host). */
const CPU_SLICE_MS = 5;
/** How long a hibernating agent's code may take to end before its isolate is disposed. */
const HIBERNATE_GRACE_MS = 1000;

const require = createRequire(import.meta.url);
const ivm = require('isolated-vm') as typeof IvmModule;

export interface AgentSpec {
  pid: number;
  tier: 'isolate' | 'wasm';
  /** The module of a WebAssembly agent. */
  wasm?: Uint8Array;
  /** Named start handles: self and each grant. */
  handles: Record<string, number>;
  memoryMb: number;
  /** Longest the agent may compute without giving the CPU back. */
  cpuMs: number;
  sdk: string;
  code: string;
  file: string;
}

export type Outcome =
  | { ok: true; result: string | undefined }
  | {
      ok: false;
      reason: 'error' | 'memory_limit' | 'cpu_limit' | 'crashed' | 'denied' | 'killed';
      message: string;
    }
  | { ok: false; reason: 'hibernate'; wait: unknown };

export type Forward = (op: Op, name: string, args: unknown, timeoutMs?: number) => Promise<unknown>;

/** Compiled-code caches for the SDK bundle, shared by the isolates of this thread. */
const sdkCache = new Map<string, IvmModule.ExternalCopy<ArrayBuffer>>();

/**
 * The bootstrap, run as a closure in the agent's context with the forwarding reference as
 * $0. It builds the port and the `os` object, then runs the agent's default export.
 */
const BOOT = `
const forward = $0, pid = $1, handles = $2;
const sdk = globalThis.__aiosSdk, agent = globalThis.__aiosAgent;
const OPTIONS = { arguments: { copy: true }, result: { promise: true, copy: true } };
const invoke = (op, name, args, t) =>
  forward.apply(undefined, [op, name, args, t], OPTIONS).then((r) => {
    if (r.e !== undefined) throw new sdk.AiosError(r.e, r.m);
    return r.v;
  });
const port = Object.freeze({
  pid,
  handles: Object.freeze(handles),
  sys: (name, args) => invoke(0, name, args),
  block: (name, args, wait, timeoutMs) => invoke(1, name, args, timeoutMs),
  call: (args) => invoke(4, 'channel_call', args),
  wait: (wait, timeoutMs) => invoke(2, 'wait', wait, timeoutMs),
  service: (name, payload) => invoke(3, name, { payload }),
});
const main = agent && agent.default;
return (async () => {
  try {
    if (typeof main !== 'function') {
      throw new Error('The agent has no default export function; export default async function (os) { … }');
    }
    const value = await main(sdk.createOs(port));
    return { ok: true, result: value === undefined ? undefined : JSON.stringify(value) };
  } catch (e) {
    const code = e && typeof e.code === 'string' ? e.code : undefined;
    return { ok: false, code, message: e && e.message !== undefined ? String(e.message) : String(e) };
  }
})();
`;

/** Watchdog ticks an idle-looking agent is skipped for before its CPU time is read again. */
const IDLE_RECHECK = 20;
export class IsolateAgent {
  readonly spec: AgentSpec;
  phase = 'new';
  /** CPU time the agent's isolate has used, as of the last look (ms). */
  cpuMs = 0;
  readonly #forward: Forward;
  #isolate: IvmModule.Isolate | undefined;
  /** Why we disposed the isolate, if we did. */
  #stopReason: 'cpu_limit' | 'killed' | 'hibernate' | undefined;
  #hibernateOn: unknown;
  #hibernateTimer: NodeJS.Timeout | undefined;
  #stopMessage = '';
  /** CPU time (ns) when the agent last gave the CPU back by calling out. */
  #cpuAtYield = 0n;
  /** Times JavaScript was (re-)entered in the isolate: its start, and each call out returning. */
  #entries = 0;
  /** #entries when the watchdog last saw the isolate idle (CPU time unchanged). */
  #idleAtEntries = -1;
  #lastCpu = -1n;
  #idleSkips = 0;
  #busy = false;
  #starting = false;
  /** CPU time (ns) when the current slice began, and whether the scheduler granted it. */
  #sliceMark = 0n;
  #holding = false;

  constructor(spec: AgentSpec, forward: Forward) {
    this.spec = spec;
    this.#forward = forward;
  }

  get cpuNs(): bigint {
    const iso = this.#isolate;
    return iso && !iso.isDisposed ? iso.cpuTime : 0n;
  }

  /** Runs the agent to completion. Never rejects. */
  async run(): Promise<Outcome> {
    const spec = this.spec;
    let isolate: IvmModule.Isolate;
    let context: IvmModule.Context | undefined;
    try {
      const ready = takeWarm(spec.memoryMb, spec.sdk);
      isolate = ready?.isolate ?? new ivm.Isolate({ memoryLimit: spec.memoryMb });
      context = ready?.context;
    } catch (error) {
      return {
        ok: false,
        reason: 'crashed',
        message: `Cannot create an isolate: ${(error as Error).message}`,
      };
    }
    this.#isolate = isolate;
    const call = async (op: Op, name: string, args: unknown, timeoutMs?: number) => {
      this.#yielded();
      try {
        await this.#schedule(op, name);
        if (op === 3 && name === 'yield') return { v: undefined };
        if (op === 3 && name === 'hibernate') {
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
        if (op === 3 && name === 'random') {
          return {
            v: getRandomValues(
              new Uint8Array(Math.min(65_536, Number((args as { payload: number }).payload) || 0)),
            ),
          };
        }
        return { v: await this.#forward(op, String(name), args, timeoutMs) };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        return { e: typeof e.code === 'string' ? e.code : 'E_BAD_STATE', m: String(e.message ?? error) };
      } finally {
        this.#yielded();
        this.#entries++;
        if (op === 1 || op === 2 || op === 4) this.#sliceMark = this.#cpuAtYield;
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
      this.#starting = true;
      // Trusted set-up runs on this thread, without a hop to isolated-vm's threads.
      if (!context) {
        context = isolate.createContextSync();
        compileSdk(isolate, spec.sdk).runSync(context);
      }
      this.#starting = false;
      if (this.#stopReason) throw new Error('stopped before it started');
      this.#busy = true;
      this.#entries++;
      this.#yielded();
      this.#sliceMark = isolate.cpuTime; // setting up is not the agent's computing
      let outcome: { ok: boolean; result?: string; code?: string; message?: string };
      if (spec.tier === 'wasm') {
        outcome = (await context.evalClosure(
          WASM_BOOT,
          [
            forward,
            new ivm.ExternalCopy(spec.wasm!).copyInto(),
            new ivm.ExternalCopy(spec.handles).copyInto(),
            new ivm.ExternalCopy(ERROR_NUMBERS).copyInto(),
          ],
          { result: { promise: true, copy: true } },
        )) as typeof outcome;
      } else {
        const script = isolate.compileScriptSync(spec.code, { filename: `file://${spec.file}` });
        this.phase = 'top-level';
        await script.run(context, { timeout: Math.max(spec.cpuMs, 1) });
        this.phase = 'boot';
        outcome = (await context.evalClosure(
          BOOT,
          [forward, spec.pid, new ivm.ExternalCopy(spec.handles).copyInto()],
          { result: { promise: true, copy: true } },
        )) as typeof outcome;
      }
      if (this.#hibernateOn !== undefined) return { ok: false, reason: 'hibernate', wait: this.#hibernateOn };
      if (outcome.ok) return { ok: true, result: outcome.result };
      const denied = outcome.code?.startsWith('E_') === true;
      return {
        ok: false,
        reason: denied ? 'denied' : 'error',
        message: denied ? `${outcome.code}: ${outcome.message}` : (outcome.message ?? 'failed'),
      };
    } catch (error) {
      return this.#failure(error);
    } finally {
      clearTimeout(this.#hibernateTimer);
      if (this.#holding) {
        // A slice held to the end (or into hibernation) goes back to the scheduler.
        this.#holding = false;
        const usedMs = isolate.isDisposed ? 0 : Number(isolate.cpuTime - this.#sliceMark) / 1e6;
        void this.#forward(3, 'cpu', { payload: { used: usedMs, want: false } }).catch(() => {});
      }
      this.#busy = false;
      if (!isolate.isDisposed) this.cpuMs = Number(isolate.cpuTime) / 1e6;
      // Disposing the isolate invalidates the reference too; releasing it first, while the
      // agent may still have calls in flight, can abort the process inside isolated-vm.
      if (!isolate.isDisposed) isolate.dispose();
    }
  }

  /** The kill switch: ends the agent's code now, wherever it is. */
  stop(reason: 'cpu_limit' | 'killed' | 'hibernate' = 'killed', message = ''): void {
    this.#stopReason ??= reason;
    this.#stopMessage ||= message;
    // Disposing while isolated-vm builds the context can abort the process; run() checks
    // the stop reason as soon as the context is ready.
    if (this.#starting) return;
    const iso = this.#isolate;
    if (iso && !iso.isDisposed) iso.dispose();
  }

  /**
   * Called by the worker's watchdog: stops the agent if it has computed longer than its CPU
   * limit since it last called out. Returns CPU ms used so far.
   */
  check(): number {
    const iso = this.#isolate;
    if (!iso || iso.isDisposed) return 0;
    if (!this.#busy) return this.cpuMs;
    // An isolate runs JavaScript only after it starts or a call out returns to it. Once it
    // was seen idle, V8 is asked again at the next such entry, or at least every
    // IDLE_RECHECK ticks (a call's answer can reach the isolate a little after the entry is
    // counted): thousands of idle agents then cost the watchdog little.
    const entries = this.#entries;
    if (entries === this.#idleAtEntries && ++this.#idleSkips < IDLE_RECHECK) return this.cpuMs;
    this.#idleSkips = 0;
    const now = iso.cpuTime;
    if (now === this.#lastCpu) this.#idleAtEntries = entries;
    this.#lastCpu = now;
    this.cpuMs = Number(now) / 1e6;
    if (this.#busy && now - this.#cpuAtYield > BigInt(this.spec.cpuMs) * 1_000_000n) {
      this.stop(
        'cpu_limit',
        `ran ${(Number(now - this.#cpuAtYield) / 1e6) | 0} ms without yielding; its limit is ${this.spec.cpuMs} ms`,
      );
    }
    return Number(now) / 1e6;
  }

  /**
   * CPU scheduling at a yield point (any call out). An agent about to block gives back the
   * slice it holds; one that has computed a whole slice since it last blocked waits for the
   * kernel scheduler to grant the next (weighted fair share of the `cpu` resource).
   */
  async #schedule(op: Op, name: string): Promise<void> {
    const iso = this.#isolate;
    if (!iso || iso.isDisposed || (op === 3 && name !== 'yield' && name !== 'hibernate')) return;
    const usedMs = Number(iso.cpuTime - this.#sliceMark) / 1e6;
    if (op === 1 || op === 2 || op === 4 || name === 'hibernate') {
      if (this.#holding) {
        this.#holding = false;
        void this.#forward(3, 'cpu', { payload: { used: usedMs, want: false } }).catch(() => {});
      }
      return;
    }
    if (usedMs < CPU_SLICE_MS) return;
    this.#holding = true;
    await this.#forward(3, 'cpu', { payload: { used: usedMs, want: true } });
    this.#sliceMark = iso.isDisposed ? 0n : iso.cpuTime;
  }

  #yielded(): void {
    const iso = this.#isolate;
    if (iso && !iso.isDisposed) this.#cpuAtYield = iso.cpuTime;
  }

  #failure(error: unknown): Outcome {
    const message = (error as Error)?.message ?? String(error);
    if (this.#stopReason === 'cpu_limit')
      return { ok: false, reason: 'cpu_limit', message: this.#stopMessage };
    if (this.#stopReason === 'killed') return { ok: false, reason: 'killed', message: 'stopped' };
    if (this.#stopReason === 'hibernate') return { ok: false, reason: 'hibernate', wait: this.#hibernateOn };
    if (/memory limit/i.test(message)) {
      return {
        ok: false,
        reason: 'memory_limit',
        message: `exceeded its ${this.spec.memoryMb} MB memory limit`,
      };
    }
    if (/Script execution timed out/i.test(message)) {
      return {
        ok: false,
        reason: 'cpu_limit',
        message: `ran ${this.spec.cpuMs} ms without yielding; its limit is ${this.spec.cpuMs} ms`,
      };
    }
    return { ok: false, reason: 'error', message };
  }
}

type CachedScript = IvmModule.Script & {
  cachedData?: IvmModule.ExternalCopy<ArrayBuffer>;
  cachedDataRejected?: boolean;
};

/** The SDK compiled in `isolate`, from V8's code cache after the first time on this thread. */
function compileSdk(isolate: IvmModule.Isolate, sdk: string): IvmModule.Script {
  const cached = sdkCache.get(sdk);
  if (cached) {
    const script = isolate.compileScriptSync(sdk, {
      cachedData: cached,
      filename: 'aios:sdk',
    }) as CachedScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(sdk, {
    produceCachedData: true,
    filename: 'aios:sdk',
  }) as CachedScript;
  if (script.cachedData) sdkCache.set(sdk, script.cachedData);
  return script;
}

/**
 * Fresh isolates with the SDK loaded, made ahead of time while the thread is idle, so that a
 * spawn does not wait for V8 to build one. Each serves exactly one agent; only the default
 * memory limit is kept warm.
 */
const WARM_MAX = 2;
const WARM_MEMORY_MB = 64;
const warm: { isolate: IvmModule.Isolate; context: IvmModule.Context; sdk: string }[] = [];
let refilling = false;

function takeWarm(
  memoryMb: number,
  sdk: string,
): { isolate: IvmModule.Isolate; context: IvmModule.Context } | undefined {
  const ready = memoryMb === WARM_MEMORY_MB && warm[0]?.sdk === sdk ? warm.shift() : undefined;
  if (memoryMb === WARM_MEMORY_MB) refillWarm(sdk);
  return ready;
}

function refillWarm(sdk: string): void {
  if (refilling) return;
  refilling = true;
  setImmediate(() => {
    refilling = false;
    if (warm.length > 0 && warm[0].sdk !== sdk) for (const w of warm.splice(0)) w.isolate.dispose();
    if (warm.length >= WARM_MAX) return;
    const isolate = new ivm.Isolate({ memoryLimit: WARM_MEMORY_MB });
    const context = isolate.createContextSync();
    compileSdk(isolate, sdk).runSync(context);
    warm.push({ isolate, context, sdk });
    if (warm.length < WARM_MAX) refillWarm(sdk);
  });
}

/** Disposes the warm isolates (the thread is stopping). */
export function disposeWarm(): void {
  for (const w of warm.splice(0)) w.isolate.dispose();
}
