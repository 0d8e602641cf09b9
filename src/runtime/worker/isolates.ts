/**
 * Where a worker's agent isolates come from. Every running agent has a V8 isolate to itself, made
 * from a startup snapshot that already holds the SDK and the boot function, evaluated and
 * compiled (a warm-up run compiles the functions every agent calls), so a new isolate runs
 * no script before the agent's own. Making the snapshot takes a few milliseconds, so the
 * first agents of a thread (a one-off `aios run`) load the SDK from V8's code cache instead,
 * until the thread is idle or a third agent comes. Agent bundles compile from the code cache
 * after their first time on this thread. A few isolates for the default memory limit are
 * made ahead of time while the thread has nothing else to do. An isolate whose agent ended
 * cleanly may serve the next agent of the same image and spawner, in a fresh context (recycle).
 *
 * The snapshot holds only code this project wrote (the SDK bundle and BOOT); an agent's own
 * code never runs outside its isolate and its limits.
 *
 * @example
 * useSdk(sdk);
 * const { isolate, context } = newIsolate(64, reuseKey);
 * const boot = bootOf(context);
 * const load = agentLoader({ isolate, context }, { code, file });
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type IvmModule from 'isolated-vm';
import { OP } from '../op.ts';
import { LEASE_BOOT } from './lease-boot.ts';

const require = createRequire(import.meta.url);
const ivm = require('isolated-vm') as typeof IvmModule;

/** Memory limit (MB) of the isolates made ahead of time: the kernel's default quota. */
export const WARM_MEMORY_MB = 64;
/** Isolates kept ready for the next spawns on this thread. */
const WARM_MAX = 2;
/** Agent bundles whose compiled code this thread keeps. */
const CODE_CACHE_MAX = 64;

/**
 * Defines `__aiosBoot(load, forward, pid, handles, stopped)`, which removes itself from the
 * global object, builds the port and the `os` object, runs the agent's top-level code (`load`)
 * and then its default export, and resolves with { ok, result } or { ok: false, code, message }.
 * `forward` is the reference to the worker's call function; it stays in this closure, out of
 * the agent's reach. `stopped` is a shared cell the worker sets before it disposes the isolate
 * (see IsolateAgent.stop): an answer that reaches the agent after that never resumes its code.
 */
const BOOT = `
(() => {
// The agent's lease client (lease-client.ts, in a context of its own), once its worker attached one.
${LEASE_BOOT}
Object.defineProperty(globalThis, '__aiosBoot', { configurable: true, writable: false, value: function (load, forward, pid, handles, stopped) {
  delete globalThis.__aiosBoot;
  const sdk = globalThis.__aiosSdk;
  // Taken before the agent's code runs, which could replace them to resume itself after a kill.
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const load32 = Atomics.load;
  const cell = stopped === undefined ? undefined : new Int32Array(stopped);
  // isolated-vm's dispose() asks V8 to terminate the isolate by an interrupt, which V8 can lose
  // when the isolate has no thread at that moment and the next thread to take it is another
  // one; the task already queued then runs on (an answer that resumes a spinning agent). An
  // answer that lands after the kill therefore resolves nothing, so the task ends and the
  // isolate winds down.
  const never = new Promise(() => {});
  const resumed = (p, ok, fail) =>
    apply(then, p, [
      (v) => (cell !== undefined && load32(cell, 0) !== 0 ? never : ok(v)),
      (e) => (cell !== undefined && load32(cell, 0) !== 0 ? never : fail(e)),
    ]);
  const rethrow = (e) => {
    throw e;
  };
  // Answers arrive as external copies and are copied into the heap here, in the agent's own
  // code: an answer that does not fit under its memory limit (a mapped region, a read) then ends
  // the agent with memory_limit (copied in by isolated-vm's own task, it would abort the process).
  const OPTIONS = { arguments: { copy: true }, result: { promise: true, externalCopy: true } };
  // What the agent hibernates on, once it asked to: its code ends then (the SDK throws).
  let hibernating;
  const take = (ext) => {
    const r = ext.copy();
    ext.release();
    return r;
  };
  const answer = (r) => {
    if (r.e !== undefined) throw new sdk.AiosError(r.e, r.m);
    return r.v;
  };
  // via: where the worker sends the call (undefined: as usual; 'kernel': to the kernel itself).
  const out = (op, name, args, t, via) =>
    resumed(forward.apply(undefined, [op, name, args, t, via], OPTIONS), (ext) => {
      const r = take(ext);
      return r.r ? invoke(op, name, args, t) : answer(r);
    }, rethrow);
  const invoke = (op, name, args, t) => {
    if (hibernating !== undefined) {
      return Promise.reject(new sdk.AiosError('E_BAD_STATE', 'The agent is hibernating; its code has ended'));
    }
    if (fast !== undefined && LEASED[name] === 1) {
      const r = fastCall(op, name, args, t);
      if (r.s === undefined) {
        try {
          return Promise.resolve(answer(r));
        } catch (e) {
          return Promise.reject(e);
        }
      }
      if (r.s === 'result') {
        const result = { handle: args.handle, txid: r.txid, timeoutMs: r.timeoutMs };
        return resumed(forward.apply(undefined, [${OP.SERVICE}, 'lease_result', result], OPTIONS), (ext) => answer(take(ext)), rethrow);
      }
      return out(op, name, args, t, r.s === 'kernel' ? 'kernel' : undefined);
    }
    return out(op, name, args, t);
  };
  const hibernate = (wait) => {
    // The worker hears of it without answering back; the outcome carries the wait too.
    forward.applyIgnored(undefined, [${OP.SERVICE}, 'hibernate', { payload: wait }], { arguments: { copy: true } });
    hibernating = wait;
    return Promise.resolve(undefined);
  };
  const port = Object.freeze({
    pid,
    handles: Object.freeze(handles),
    sys: (name, args) => invoke(${OP.SYS}, name, args),
    block: (name, args, wait, timeoutMs) => invoke(${OP.BLOCK}, name, args, timeoutMs),
    call: (args) => invoke(${OP.CALL}, 'channel_call', args),
    wait: (wait, timeoutMs) => invoke(${OP.WAIT}, 'wait', wait, timeoutMs),
    service: (name, payload) => (name === 'hibernate' && hibernating === undefined ? hibernate(payload) : invoke(${OP.SERVICE}, name, { payload })),
  });
  return (async () => {
    try {
      const agent = load();
      const main = agent && agent.default;
      if (typeof main !== 'function') {
        throw new Error('The agent has no default export function; export default async function (os) { … }');
      }
      const value = await main(sdk.createOs(port));
      if (hibernating !== undefined) return { ok: false, hibernate: hibernating };
      return { ok: true, result: value === undefined ? undefined : JSON.stringify(value) };
    } catch (e) {
      if (hibernating !== undefined) return { ok: false, hibernate: hibernating };
      const code = e && typeof e.code === 'string' ? e.code : undefined;
      return { ok: false, code, message: e && e.message !== undefined ? String(e.message) : String(e) };
    }
  })();
} });
})();
`;

/**
 * Run once in a throwaway context while the snapshot is made, so that the functions every
 * agent calls at start are compiled into it rather than in each isolate.
 */
const WARM_UP = `
(() => {
  const value = (name) => ({ v: name === 'channel_create' ? { handles: [1, 2] } : { labels: {} } });
  const answer = { apply: (_, [op, name]) => Promise.resolve({ copy: () => value(name), release: () => {} }) };
  void globalThis.__aiosBoot(() => ({ default: async (os) => { await os.ipc.channel(1); await os.info(1); return 1; } }), answer, 0, { self: 1 });
})();
`;

type Snapshot = IvmModule.ExternalCopy<ArrayBuffer>;
type CachedScript = IvmModule.Script & { cachedData?: Snapshot; cachedDataRejected?: boolean };

export interface Ready {
  isolate: IvmModule.Isolate;
  context: IvmModule.Context;
  /** The isolate served an earlier agent (see recycle). */
  reused?: boolean;
}

let sdkSource = '';
let snapshot: Snapshot | undefined;
const warm: Ready[] = [];
const codeCache = new Map<string, Snapshot>();

/** The SDK bundle agents get from now on; a different one replaces the snapshot and warm isolates. */
export function useSdk(sdk: string): void {
  if (sdk === sdkSource) return;
  sdkSource = sdk;
  snapshot = undefined;
  unsnapped = 0;
  disposeWarm();
  disposeRecycled();
}

/** Isolates made without the snapshot; after these the thread makes it, and isolates ahead. */
const UNSNAPPED_MAX = 2;
let unsnapped = 0;

function makeSnapshot(): Snapshot {
  if (!sdkSource) throw new Error('No SDK bundle has reached this worker');
  snapshot ??= ivm.Isolate.createSnapshot(
    [
      { code: sdkSource, filename: 'aios:sdk' },
      { code: BOOT, filename: 'aios:boot' },
    ],
    WARM_UP,
  );
  return snapshot;
}

/**
 * Isolates whose agent ended cleanly (returned, or hibernated, with no call in flight), kept
 * for the next agent of the same image, spawned by the same agent, with the same memory
 * limit: that agent gets a fresh context from the snapshot (its own globals and SDK), at a
 * third of the cost of a new isolate. Nothing of one agent's objects is reachable from the
 * next one's context; what the two share is the heap (the memory limit) and the CPU clock,
 * which is why only agents of the same code and the same spawner share an isolate.
 */
const RECYCLED_MAX = 4;
/** Agents one isolate serves before it is disposed (its heap starts afresh). */
const USES_MAX = 64;
const recycled: { key: string; isolate: IvmModule.Isolate }[] = [];
const uses = new WeakMap<IvmModule.Isolate, number>();
/** The snapshot each isolate was made from (its new contexts hold that one's SDK). */
const snapshotOf = new WeakMap<IvmModule.Isolate, Snapshot>();

/** Keeps `isolate` for the next agent under `key`; false if it should be disposed instead. */
export function recycle(key: string, isolate: IvmModule.Isolate, context: IvmModule.Context): boolean {
  const used = uses.get(isolate) ?? 1;
  const from = snapshotOf.get(isolate);
  if (isolate.isDisposed || from === undefined || from !== snapshot || used >= USES_MAX) return false;
  const heap = isolate.getHeapStatisticsSync();
  if (heap.used_heap_size > heap.heap_size_limit / 4) return false;
  context.release();
  recycled.push({ key, isolate });
  if (recycled.length > RECYCLED_MAX) recycled.shift()!.isolate.dispose();
  return true;
}

function disposeRecycled(): void {
  for (const r of recycled.splice(0)) r.isolate.dispose();
}

/**
 * A fresh context with the SDK loaded, in an isolate of its own: one kept for `key` (see
 * recycle), or one made ahead of time if it fits, or a new one.
 */
export function newIsolate(memoryMb: number, key?: string): Ready {
  const i = key === undefined ? -1 : recycled.findIndex((r) => r.key === key);
  if (i >= 0) {
    const { isolate } = recycled.splice(i, 1)[0];
    uses.set(isolate, (uses.get(isolate) ?? 1) + 1);
    try {
      return { isolate, context: isolate.createContextSync(), reused: true };
    } catch {
      isolate.dispose(); // a new one below
    }
  }
  if (memoryMb === WARM_MEMORY_MB) {
    const ready = warm.shift();
    if (ready) return ready;
  }
  return make(memoryMb);
}

/**
 * Who hears of an isolate's catastrophe (see make). V8 has no way back from a fatal
 * out-of-memory inside an isolate (a Map grown near its limit can reach one before
 * isolated-vm's own memory check): without a handler isolated-vm aborts the whole process; with
 * one, it parks the isolate's thread for good and calls the handler on this thread.
 */
const catastrophes = new WeakMap<IvmModule.Isolate, () => void>();

/** Calls `fn` (once) if `isolate` meets a catastrophe; replaces an earlier agent's `fn`. */
export function onCatastrophe(isolate: IvmModule.Isolate, fn: () => void): void {
  catastrophes.set(isolate, fn);
}

/** Isolates parked for good on this thread: it can no longer be terminated (see main.ts). */
let parked = 0;

export function parkedCount(): number {
  return parked;
}

function make(memoryMb: number): Ready {
  const fromSnapshot = snapshot !== undefined || unsnapped >= UNSNAPPED_MAX;
  const onCatastrophicError = () => {
    parked++;
    const fn = catastrophes.get(isolate);
    catastrophes.delete(isolate);
    if (!isolate.isDisposed) isolate.dispose(); // no task reaches it any more
    fn?.();
  };
  const isolate = fromSnapshot
    ? new ivm.Isolate({ memoryLimit: memoryMb, snapshot: makeSnapshot(), onCatastrophicError })
    : new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError });
  try {
    if (fromSnapshot) snapshotOf.set(isolate, snapshot!);
    const context = isolate.createContextSync();
    if (!fromSnapshot) {
      unsnapped++;
      compileCached(isolate, sdkSource, 'aios:sdk').runSync(context);
      compileCached(isolate, BOOT, 'aios:boot').runSync(context);
    }
    return { isolate, context };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

/** Trusted source compiled from this thread's code cache (made the first time). */
function compileCached(isolate: IvmModule.Isolate, source: string, filename: string): IvmModule.Script {
  const key = cacheKey(filename, source);
  const cached = codeCache.get(key);
  if (cached) {
    const script = isolate.compileScriptSync(source, { cachedData: cached, filename }) as CachedScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(source, { produceCachedData: true, filename }) as CachedScript;
  if (script.cachedData) remember(key, script.cachedData);
  return script;
}

/**
 * The code cache's key for a source: its file name and SHA-256. V8 checks a cache only
 * against the source's length, so a key looser than the exact text could run one agent's
 * compiled code for another's bundle.
 */
function cacheKey(filename: string, source: string): string {
  return `${filename}\0${createHash('sha256').update(source).digest('base64')}`;
}

function remember(key: string, data: Snapshot): void {
  codeCache.delete(key);
  codeCache.set(key, data);
  if (codeCache.size > CODE_CACHE_MAX) codeCache.delete(codeCache.keys().next().value!);
}

/**
 * The boot function of a fresh context (it removes itself from the global object when called),
 * and the function that hands the agent's calls a lease client (removed from the global object
 * here, before any of the agent's code runs).
 */
export function bootOf(context: IvmModule.Context): {
  boot: IvmModule.Reference<(...args: unknown[]) => unknown>;
  attach: IvmModule.Reference<(client: unknown, scratch: SharedArrayBuffer) => void>;
} {
  const boot = context.global.getSync('__aiosBoot', { reference: true }) as IvmModule.Reference<
    (...args: unknown[]) => unknown
  >;
  const attach = context.global.getSync('__aiosAttach', { reference: true }) as IvmModule.Reference<
    (client: unknown, scratch: SharedArrayBuffer) => void
  >;
  context.global.deleteSync('__aiosAttach');
  return { boot, attach };
}

/**
 * A further context in `isolate` with the SDK loaded (the one the agent's lease client runs
 * in). Asynchronous: the isolate may be running the agent's code.
 */
export async function sdkContext(isolate: IvmModule.Isolate): Promise<IvmModule.Context> {
  const context = await isolate.createContext();
  // Made from the snapshot, the context has the SDK already.
  if (snapshotOf.get(isolate) === undefined) {
    await (await isolate.compileScript(sdkSource, { filename: 'aios:sdk' })).run(context);
  }
  return context;
}

/**
 * The agent's bundle as a function that runs its top-level code and returns its exports,
 * compiled (from this thread's code cache when it has the bundle's) but not yet run. The
 * wrapper opens on the bundle's first line, so line numbers in stack traces stay true.
 */
export function agentLoader(
  ready: Ready,
  agent: { code: string; file: string },
): IvmModule.Reference<() => unknown> {
  const source = `(function () {${agent.code}\nreturn __aiosAgent;\n})`;
  const filename = `file://${agent.file}`;
  const key = cacheKey(filename, source);
  const cached = codeCache.get(key);
  let script: CachedScript | undefined;
  if (cached) {
    script = ready.isolate.compileScriptSync(source, { cachedData: cached, filename }) as CachedScript;
    if (script.cachedDataRejected) script = undefined;
  }
  if (!script) {
    script = ready.isolate.compileScriptSync(source, { produceCachedData: true, filename }) as CachedScript;
    if (script.cachedData) remember(key, script.cachedData);
  }
  // Evaluating a function expression runs none of the agent's code.
  return script.runSync(ready.context, { reference: true, timeout: 1000 }) as IvmModule.Reference<
    () => unknown
  >;
}

/**
 * Benchmarks only (bench/transport.bench.ts, which also turns on V8's Temporal): agents get
 * `performance.now()` with microseconds, read in the isolate itself. Agents never have it
 * otherwise: a high-resolution clock helps timing attacks.
 */
const BENCH_CLOCK = process.env.AIOS_BENCH_CLOCK === '1';

export function benchClock(context: IvmModule.Context): void {
  if (!BENCH_CLOCK) return;
  context.evalSync(`if (typeof Temporal === 'object') globalThis.performance = {
    now: () => Number(Temporal.Now.instant().epochNanoseconds % 1000000000000n) / 1e6,
  };`);
}

/** Isolates ready now. */
export function warmCount(): number {
  return warm.length;
}

/**
 * Makes one isolate ahead of time if fewer than WARM_MAX are ready; returns whether more are
 * wanted. Call it when the thread is otherwise idle: it takes about a millisecond.
 */
export function refillOne(): boolean {
  // A thread that ran only an agent or two (a one-off run) makes nothing ahead.
  if (!sdkSource || warm.length >= WARM_MAX || (!snapshot && unsnapped < UNSNAPPED_MAX)) return false;
  if (!snapshot) {
    makeSnapshot();
    return true;
  }
  warm.push(make(WARM_MEMORY_MB));
  return warm.length < WARM_MAX;
}

/** Disposes the isolates made ahead of time (the SDK changed). */
export function disposeWarm(): void {
  for (const w of warm.splice(0)) w.isolate.dispose();
}

/**
 * Lets go of everything this thread holds of isolated-vm (isolates ahead, snapshot, code
 * cache) and collects the garbage, so that no isolated-vm handle is left for the final
 * collection Node runs when it tears the thread down: isolated-vm has already detached
 * from the thread by then, and a handle found in that collection aborts the process.
 */
export function forgetAll(): void {
  disposeWarm();
  disposeRecycled();
  for (const data of codeCache.values()) data.release();
  codeCache.clear();
  snapshot?.release();
  snapshot = undefined;
  sdkSource = '';
  collectGarbage();
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options?: { type: 'major' }) => void;
  gc();
  gc();
}
