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
 * The boot code the snapshot holds is isolate-boot.ts; the code cache, code-cache.ts; what
 * becomes of an isolate that meets a fatal out-of-memory, catastrophe.ts.
 *
 * @example
 * useSdk(sdk);
 * const { isolate, context } = newIsolate(64, reuseKey);
 * const { boot } = bootOf(context); // isolate-boot.ts
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type IvmModule from 'isolated-vm';
import { catastropheHandler } from './catastrophe.ts';
import { compileCached, forgetCodeCache } from './code-cache.ts';
import { BOOT, WARM_UP } from './isolate-boot.ts';

const require = createRequire(import.meta.url);
const ivm = require('isolated-vm') as typeof IvmModule;

/** Memory limit (MB) of the isolates made ahead of time: the kernel's default quota. */
export const WARM_MEMORY_MB = 64;
/** Isolates kept ready for the next spawns on this thread. */
const WARM_MAX = 2;

type Snapshot = IvmModule.ExternalCopy<ArrayBuffer>;

export interface Ready {
  isolate: IvmModule.Isolate;
  context: IvmModule.Context;
  /** The isolate served an earlier agent (see recycle). */
  reused?: boolean;
}

let sdkSource = '';
let snapshot: Snapshot | undefined;
const warm: Ready[] = [];

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

function make(memoryMb: number): Ready {
  const fromSnapshot = snapshot !== undefined || unsnapped >= UNSNAPPED_MAX;
  const onCatastrophicError = catastropheHandler(() => isolate);
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
  forgetCodeCache();
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
