/**
 * An isolate's catastrophe, and who hears of it. V8 has no way back from a fatal out-of-memory
 * inside an isolate (a Map grown near its limit can reach one before isolated-vm's own memory
 * check): without a handler isolated-vm aborts the whole process; with one, it parks the
 * isolate's thread for good and calls the handler on this thread. The handler disposes the
 * isolate, tells the agent that had it, and counts the parked thread, after which this worker
 * can no longer be terminated (see main.ts).
 *
 * @example
 * const isolate = new ivm.Isolate({ memoryLimit, onCatastrophicError: catastropheHandler(() => isolate) });
 * onCatastrophe(isolate, () => endRun('memory_limit'));
 */
import type IvmModule from 'isolated-vm';

const catastrophes = new WeakMap<IvmModule.Isolate, () => void>();

/** Isolates parked for good on this thread. */
let parked = 0;

/** Calls `fn` (once) if `isolate` meets a catastrophe; replaces an earlier agent's `fn`. */
export function onCatastrophe(isolate: IvmModule.Isolate, fn: () => void): void {
  catastrophes.set(isolate, fn);
}

export function parkedCount(): number {
  return parked;
}

/** The `onCatastrophicError` of a new isolate; `isolateOf` returns it once it is made. */
export function catastropheHandler(isolateOf: () => IvmModule.Isolate): () => void {
  return () => {
    parked++;
    const isolate = isolateOf();
    const fn = catastrophes.get(isolate);
    catastrophes.delete(isolate);
    if (!isolate.isDisposed) isolate.dispose(); // no task reaches it any more
    fn?.();
  };
}
